package org.geomloss.ot;

/**
 * Exact linear assignment by enumerating the {@code n!} permutations (n <= 8): the reference for
 * small OT problems with uniform weights, where an optimal plan is a permutation matrix / n.
 */
final class BruteForceAssignment {

    private BruteForceAssignment() {
    }

    /** An optimal permutation: {@code result[i]} is the column assigned to row i. */
    static int[] solve(double[][] c) {
        int n = c.length;
        int[] current = new int[n];
        for (int i = 0; i < n; i++) {
            current[i] = i;
        }
        int[] best = current.clone();
        double bestCost = cost(c, current);
        while (nextPermutation(current)) {
            double value = cost(c, current);
            if (value < bestCost) {
                bestCost = value;
                best = current.clone();
            }
        }
        return best;
    }

    /** The gap between the best and the second best permutation costs (0 when tied). */
    static double gap(double[][] c) {
        int n = c.length;
        int[] current = new int[n];
        for (int i = 0; i < n; i++) {
            current[i] = i;
        }
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        do {
            double value = cost(c, current);
            if (value < best) {
                second = best;
                best = value;
            } else if (value < second) {
                second = value;
            }
        } while (nextPermutation(current));
        return second - best;
    }

    static double cost(double[][] c, int[] assignment) {
        double total = 0;
        for (int i = 0; i < assignment.length; i++) {
            total += c[i][assignment[i]];
        }
        return total;
    }

    /** Lexicographic successor, in place; false after the last permutation. */
    private static boolean nextPermutation(int[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = p.length - 1;
        while (p[j] <= p[i]) {
            j--;
        }
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
        for (int l = i + 1, r = p.length - 1; l < r; l++, r--) {
            t = p[l];
            p[l] = p[r];
            p[r] = t;
        }
        return true;
    }
}
