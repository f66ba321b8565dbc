package org.geomloss.spark.picture;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Average-linkage (UPGMA) agglomerative clustering of n items from their symmetric dissimilarities,
 * and the leaf order of its dendrogram: items close in the order are close in the tree, so a
 * distance matrix shown in that order displays its clusters as blocks on the diagonal.
 *
 * <ul>
 *   <li>The distance between clusters A and B is the mean of {@code d(a, b)} over {@code a in A},
 *       {@code b in B}, updated by the Lance-Williams rule
 *       {@code d(A+B, K) = (|A| d(A, K) + |B| d(B, K)) / (|A| + |B|)}.</li>
 *   <li>Merges are found with the nearest-neighbour chain algorithm (Murtagh 1983), exact for this
 *       reducible linkage: O(n^2) time and n^2 floats of memory.</li>
 *   <li>A missing (NaN) dissimilarity counts as larger than every other; ties go to the lower
 *       index. One item gives the order {@code [0]}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class HierarchicalClustering {

    private HierarchicalClustering() {
    }

    /**
     * The dendrogram's leaf order of the n items whose dissimilarities are
     * {@code distances[i * n + j]} (symmetric; the diagonal is ignored). The array is overwritten.
     *
     * @return a permutation of {@code 0..n-1}
     */
    public static int[] leafOrder(float[] distances, int n) {
        if (n < 1 || (long) n * n != distances.length) {
            throw new IllegalArgumentException("distances must hold n*n values with n >= 1, got "
                    + distances.length + " for n = " + n);
        }
        replaceMissing(distances);
        int[] size = new int[n];
        Arrays.fill(size, 1);
        int[] node = new int[n];
        for (int i = 0; i < n; i++) {
            node[i] = i;
        }
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        int[] left = new int[n - 1];
        int[] right = new int[n - 1];
        int[] chain = new int[n];
        int chainLength = 0;
        for (int merge = 0; merge < n - 1; merge++) {
            while (true) {
                if (chainLength == 0) {
                    chain[chainLength++] = firstActive(active);
                }
                int top = chain[chainLength - 1];
                int previous = chainLength >= 2 ? chain[chainLength - 2] : -1;
                int nearest = nearest(distances, n, active, top, previous);
                if (nearest == previous) {
                    chainLength -= 2;
                    left[merge] = node[previous];
                    right[merge] = node[top];
                    join(distances, n, active, size, previous, top);
                    node[previous] = n + merge;
                    break;
                }
                chain[chainLength++] = nearest;
            }
        }
        return leaves(left, right, n);
    }

    private static void replaceMissing(float[] distances) {
        float largest = 0f;
        for (float value : distances) {
            if (Float.isFinite(value)) {
                largest = Math.max(largest, Math.abs(value));
            }
        }
        float missing = 2f * largest + 1f;
        for (int k = 0; k < distances.length; k++) {
            if (!Float.isFinite(distances[k])) {
                distances[k] = missing;
            }
        }
    }

    private static int firstActive(boolean[] active) {
        for (int i = 0; i < active.length; i++) {
            if (active[i]) {
                return i;
            }
        }
        throw new IllegalStateException("no active cluster");
    }

    /** The active cluster nearest to {@code from}; {@code preferred} wins ties (chain rule). */
    private static int nearest(float[] distances, int n, boolean[] active, int from,
                               int preferred) {
        int best = preferred;
        float bestDistance = preferred >= 0 ? distances[from * n + preferred]
                : Float.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            if (active[k] && k != from && distances[from * n + k] < bestDistance) {
                best = k;
                bestDistance = distances[from * n + k];
            }
        }
        return best;
    }

    /** Merges cluster {@code b} into {@code a}, with average-linkage distances. */
    private static void join(float[] distances, int n, boolean[] active, int[] size, int a,
                             int b) {
        active[b] = false;
        float wa = size[a];
        float wb = size[b];
        for (int k = 0; k < n; k++) {
            if (active[k] && k != a) {
                float merged = (wa * distances[a * n + k] + wb * distances[b * n + k]) / (wa + wb);
                distances[a * n + k] = merged;
                distances[k * n + a] = merged;
            }
        }
        size[a] += size[b];
    }

    /** Depth-first leaves of the tree whose merge m joined nodes left[m], right[m] into n + m. */
    private static int[] leaves(int[] left, int[] right, int n) {
        int[] order = new int[n];
        int next = 0;
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(n == 1 ? 0 : n + n - 2);
        while (!stack.isEmpty()) {
            int current = stack.pop();
            if (current < n) {
                order[next++] = current;
            } else {
                stack.push(right[current - n]);
                stack.push(left[current - n]);
            }
        }
        return order;
    }
}
