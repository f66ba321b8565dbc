package org.geomloss.multiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The certified truncation against brute force: every pair left out must have
 * {@code f_i + g_j - C_ij <= -margin}, each row's skipped mass
 * {@code sum_{j skipped} b_j exp((f_i + g_j - C_ij) / eps)} must stay within its budget, the
 * structure must cover each row's pairs once, and the counts must match the blocks.
 */
class KernelTruncationTest {

    @ParameterizedTest
    @CsvSource({"1, 2, 0.05", "2, 2, 0.1", "3, 2, 0.15", "2, 1, 0.1", "3, 1, 0.2"})
    void everySkippedPairHasADensityBelowTheThreshold(int d, int p, double scale) {
        Random random = new Random(10L * d + p);
        Clustering x = GridClustering.cluster(randomCloud(random, 700, d), ones(700), scale);
        Clustering y = GridClustering.cluster(randomCloud(random, 500, d), ones(500), scale);
        GroundCost cost = GroundCost.forExponent(p);
        // Potentials like those of a transport problem: smooth, of the size of the costs.
        double[] f = smoothPotential(x.points(), 0.3);
        double[] g = smoothPotential(y.points(), -0.2);
        double margin = 0.02;
        ClusterTree tx = ClusterTree.of(x);
        ClusterTree ty = ClusterTree.of(y);

        KernelTruncation.KeptBlocks kept = KernelTruncation.keep(cost, tx, tx.maxima(f), ty,
                ty.maxima(g), margin, 0.01, Double.POSITIVE_INFINITY);

        boolean[][] visited = visitedPairs(kept.blocks(), 700, 500);
        long count = 0;
        for (int i = 0; i < 700; i++) {
            for (int j = 0; j < 500; j++) {
                double excess = f[i] + g[j]
                        - cost.cost(x.points().coords(), i, y.points().coords(), j, d);
                if (!visited[i][j]) {
                    assertTrue(excess <= -margin, "skipped pair " + i + "," + j + " excess " + excess);
                } else {
                    count++;
                }
            }
        }
        assertEquals(count, kept.keptPointPairs());
        assertEquals(700L * 500, kept.pointPairs());
        assertTrue(kept.pointFraction() < 0.9, "test setup: something is skipped " + kept.pointFraction());
        assertTrue(kept.clusterFraction() <= 1);
    }

    @ParameterizedTest
    @CsvSource({"2, 2, 0.1", "3, 2, 0.15", "3, 1, 0.2"})
    void everyRowSkipsLessMassThanItsBudget(int d, int p, double scale) {
        Random random = new Random(20L * d + p);
        int n = 600;
        int m = 400;
        Clustering x = GridClustering.cluster(randomCloud(random, n, d), ones(n), scale);
        Clustering y = GridClustering.cluster(randomCloud(random, m, d), uniformWeights(m), scale);
        GroundCost cost = GroundCost.forExponent(p);
        double[] f = smoothPotential(x.points(), 0.3);
        double[] g = smoothPotential(y.points(), -0.2);
        double eps = 0.01;
        double margin = 2 * eps;
        double budget = 1e-4;
        ClusterTree tx = ClusterTree.of(x);
        ClusterTree ty = ClusterTree.of(y);

        double[] marginOnly = skippedMass(KernelTruncation.keep(cost, tx, tx.maxima(f), ty,
                ty.maxima(g), margin, eps, Double.POSITIVE_INFINITY), cost, x, f, y, g, eps);
        KernelTruncation.KeptBlocks kept = KernelTruncation.keep(cost, tx, tx.maxima(f), ty,
                ty.maxima(g), margin, eps, budget);
        double[] budgeted = skippedMass(kept, cost, x, f, y, g, eps);

        assertTrue(Arrays.stream(marginOnly).max().orElseThrow() > budget,
                "test setup: the margin alone skips more than the budget");
        long rowsSkipping = Arrays.stream(budgeted).filter(s -> s > 0).count();
        for (int i = 0; i < n; i++) {
            assertTrue(budgeted[i] <= budget, "row " + i + " skips " + budgeted[i]);
        }
        // Not by keeping everything: the budget widens the margin only as far as it must.
        assertTrue(rowsSkipping > n / 2, "only " + rowsSkipping + " rows skip anything");
        assertTrue(Arrays.stream(budgeted).max().orElseThrow() > budget * 1e-3,
                "the widest skip " + Arrays.stream(budgeted).max().orElseThrow());
    }

    @Test
    void aTinyBudgetKeepsEveryPair() {
        Random random = new Random(5);
        Clustering x = GridClustering.cluster(randomCloud(random, 200, 2), ones(200), 0.1);
        ClusterTree tree = ClusterTree.of(x);
        double[] f = smoothPotential(x.points(), 0);

        // Every pair has a density above exp(-sqrt(2) / 0.1), far above the budget: none may go.
        KernelTruncation.KeptBlocks kept = KernelTruncation.keep(GroundCost.EUCLIDEAN, tree,
                tree.maxima(f), tree, tree.maxima(f), 0, 0.1, 1e-300);

        assertEquals(kept.pointPairs(), kept.keptPointPairs());
    }

    @Test
    void theRootsCarryTheWholeClampedMass() {
        Random random = new Random(6);
        double[] weights = new double[300];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = i % 7 == 0 ? 0 : random.nextDouble();
        }
        Clustering x = GridClustering.cluster(randomCloud(random, 300, 3), weights, 0.05);
        ClusterTree tree = ClusterTree.of(x);
        double expected = Arrays.stream(weights).map(w -> Math.max(w, Clustering.WEIGHT_FLOOR))
                .sum();

        int top = tree.levels() - 1;
        double roots = 0;
        for (int node = 0; node < tree.nodeCount(top); node++) {
            roots += tree.mass(top, node);
        }

        assertTrue(top > 0, "test setup: the tree has levels above the clusters");
        assertEquals(expected, roots, 1e-12 * expected);
    }

    @Test
    void aRowWithNothingAboveTheThresholdKeepsItsBestCluster() {
        PointArray line = new PointArray(new float[] {0f, 0.1f, 5f, 5.1f}, 4, 1);
        Clustering c = GridClustering.cluster(line, ones(4), 0.5);
        ClusterTree tree = ClusterTree.of(c);
        double[] veryNegative = {-100, -100, -100, -100};

        KernelTruncation.KeptBlocks kept = KernelTruncation.keep(GroundCost.HALF_SQUARED_EUCLIDEAN,
                tree, tree.maxima(veryNegative), tree, tree.maxima(veryNegative), 1.0, 0.1,
                Double.POSITIVE_INFINITY);

        // Each cluster keeps itself: the largest bound, at distance 0.
        assertEquals(Arrays.toString(new int[] {0, 2, 2, 4}),
                Arrays.toString(kept.blocks().columnRanges()));
    }

    @Test
    void theEntryOnClusteringsRespectsTheMarginAndTheBudget() {
        Random random = new Random(7);
        Clustering x = GridClustering.cluster(randomCloud(random, 400, 2), ones(400), 0.1);
        Clustering y = GridClustering.cluster(randomCloud(random, 300, 2), ones(300), 0.1);
        GroundCost cost = GroundCost.HALF_SQUARED_EUCLIDEAN;
        double[] f = smoothPotential(x.points(), 0.3);
        double[] g = smoothPotential(y.points(), -0.2);
        double eps = 0.01;
        double margin = 0.05;

        KernelTruncation.KeptBlocks kept = KernelTruncation.keep(cost, x, f, y, g, margin, eps);

        boolean[][] visited = visitedPairs(kept.blocks(), 400, 300);
        double[] skipped = skippedMass(kept, cost, x, f, y, g, eps);
        for (int i = 0; i < 400; i++) {
            assertTrue(skipped[i] <= TruncatedSoftmin.SKIPPED_MASS * (1 + 1e-9),
                    "row " + i + " skips " + skipped[i]);
            for (int j = 0; j < 300; j++) {
                double excess = f[i] + g[j] - cost.cost(x.points().coords(), i,
                        y.points().coords(), j, 2);
                assertTrue(visited[i][j] || excess <= -margin, "skipped pair " + i + "," + j);
            }
        }
        assertTrue(kept.pointFraction() < 1, "test setup: something is skipped");
        assertThrows(IllegalArgumentException.class,
                () -> KernelTruncation.keep(cost, x, g, y, g, margin, eps));
    }

    @Test
    void aNegativeMarginIsRefused() {
        Clustering c = GridClustering.cluster(new PointArray(new float[] {0f}, 1, 1), ones(1), 1);
        ClusterTree tree = ClusterTree.of(c);
        double[][] max = tree.maxima(new double[] {0});
        assertThrows(IllegalArgumentException.class, () -> KernelTruncation.keep(
                GroundCost.EUCLIDEAN, tree, max, tree, max, -1, 1, Double.POSITIVE_INFINITY));
    }

    static boolean[][] visitedPairs(BlockSparsity b, int rows, int columns) {
        boolean[][] visited = new boolean[rows][columns];
        for (int k = 0; k < b.blockCount(); k++) {
            for (int r = b.rangeOffsets()[k]; r < b.rangeOffsets()[k + 1]; r++) {
                for (int i = b.rowStarts()[k]; i < b.rowStarts()[k + 1]; i++) {
                    for (int j = b.columnRanges()[2 * r]; j < b.columnRanges()[2 * r + 1]; j++) {
                        assertTrue(!visited[i][j], "pair visited twice");
                        visited[i][j] = true;
                    }
                }
            }
        }
        return visited;
    }

    /** Per row, {@code sum_{j skipped} b_j exp((f_i + g_j - C_ij) / eps)} by brute force. */
    static double[] skippedMass(KernelTruncation.KeptBlocks kept, GroundCost cost, Clustering x,
                                double[] f, Clustering y, double[] g, double eps) {
        int n = f.length;
        int m = g.length;
        int d = x.points().dimension();
        boolean[][] visited = visitedPairs(kept.blocks(), n, m);
        double[] skipped = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (!visited[i][j]) {
                    double c = cost.cost(x.points().coords(), i, y.points().coords(), j, d);
                    skipped[i] += y.weights()[j] * Math.exp((f[i] + g[j] - c) / eps);
                }
            }
        }
        return skipped;
    }

    /** {@code -eps log sum_j exp(h_j - C_ij / eps)} over every column, in float64. */
    static double[] exactSoftmin(GroundCost cost, Clustering x, Clustering y, double[] h,
                                 double eps) {
        int d = x.points().dimension();
        double[] out = new double[x.points().count()];
        double[] terms = new double[h.length];
        for (int i = 0; i < out.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < h.length; j++) {
                terms[j] = h[j] - cost.cost(x.points().coords(), i, y.points().coords(), j, d)
                        / eps;
                max = Math.max(max, terms[j]);
            }
            double sum = 0;
            for (double term : terms) {
                sum += Math.exp(term - max);
            }
            out[i] = -eps * (max + Math.log(sum));
        }
        return out;
    }

    static double[] smoothPotential(PointArray points, double shift) {
        double[] out = new double[points.count()];
        int d = points.dimension();
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int axis = 0; axis < d; axis++) {
                s += Math.sin(3 * points.coords()[i * d + axis]);
            }
            out[i] = 0.05 * s + shift * 0.1;
        }
        return out;
    }

    static PointArray randomCloud(Random random, int n, int d) {
        float[] coords = new float[n * d];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = random.nextFloat();
        }
        return new PointArray(coords, n, d);
    }

    static double[] uniformWeights(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        return w;
    }

    static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }
}
