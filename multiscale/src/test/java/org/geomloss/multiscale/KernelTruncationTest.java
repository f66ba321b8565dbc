package org.geomloss.multiscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.junit.jupiter.api.Test;

class KernelTruncationTest {

    /** Four 1D clusters at 0, 1, 2, 3 (two points each) against themselves, zero potentials. */
    @Test
    void handMadeLineKeepsNeighboursAndMergesAdjacentRanges() {
        PointArray line = new PointArray(new float[] {0f, 0.1f, 1f, 1.1f, 2f, 2.1f, 3f, 3.1f}, 8, 1);
        Clustering c = GridClustering.cluster(line, new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 0.5);
        assertArrayEquals(new double[] {0.05, 1.05, 2.05, 3.05}, c.centroidCoordinates(), 1e-6);
        double[] zero = new double[4];
        // Centroid costs |u - v|^2 / 2 are 0, 0.5, 2, 4.5: margin 1 keeps distances <= 1 only.
        KernelTruncation.KeptBlocks kept = KernelTruncation.keep(GroundCost.HALF_SQUARED_EUCLIDEAN,
                c, zero, c, zero, 1.0);

        BlockSparsity b = kept.blocks();
        assertArrayEquals(new int[] {0, 2, 4, 6, 8}, b.rowStarts());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, b.rangeOffsets());
        assertArrayEquals(new int[] {0, 4, 0, 6, 2, 8, 4, 8}, b.columnRanges());
        assertEquals(10, kept.keptClusterPairs());
        assertEquals(16, kept.clusterPairs());
        assertEquals(40, kept.keptPointPairs());
        assertEquals(64, kept.pointPairs());
        assertEquals(10.0 / 16, kept.clusterFraction());
        assertEquals(40.0 / 64, kept.pointFraction());
    }

    @Test
    void randomCloudsVisitExactlyThePairsOfKeptClusters() {
        Random random = new Random(3);
        Clustering x = GridClustering.cluster(randomCloud(random, 500), ones(500), 0.2);
        Clustering y = GridClustering.cluster(randomCloud(random, 400), ones(400), 0.2);
        double[] f = randomPotential(random, x.clusterCount());
        double[] g = randomPotential(random, y.clusterCount());
        double margin = 0.3;
        GroundCost cost = GroundCost.EUCLIDEAN;

        KernelTruncation.KeptBlocks kept = KernelTruncation.keep(cost, x, f, y, g, margin);

        boolean[][] keep = new boolean[x.clusterCount()][y.clusterCount()];
        int keptPairs = 0;
        for (int k = 0; k < x.clusterCount(); k++) {
            boolean any = false;
            for (int l = 0; l < y.clusterCount(); l++) {
                double c = cost.cost(x.centroids().coords(), k, y.centroids().coords(), l, 2);
                keep[k][l] = f[k] + g[l] > c - margin;
                any |= keep[k][l];
                keptPairs += keep[k][l] ? 1 : 0;
            }
            assertTrue(any, "test setup: every row cluster keeps something");
        }
        assertTrue(keptPairs > 0 && keptPairs < x.clusterCount() * y.clusterCount(),
                "test setup: truncation is partial, kept " + keptPairs);
        assertEquals(keptPairs, kept.keptClusterPairs());
        boolean[][] visited = visitedPairs(kept.blocks(), 500, 400);
        int[] yLabels = labels(y);
        long visitedCount = 0;
        for (int k = 0; k < x.clusterCount(); k++) {
            for (int i = x.clusterStarts()[k]; i < x.clusterStarts()[k + 1]; i++) {
                for (int j = 0; j < 400; j++) {
                    assertEquals(keep[k][yLabels[j]], visited[i][j], "pair " + i + "," + j);
                    visitedCount += visited[i][j] ? 1 : 0;
                }
            }
        }
        assertEquals(visitedCount, kept.keptPointPairs());
        assertMergedAndIncreasing(kept.blocks());
    }

    @Test
    void aClusterWithNothingAboveTheThresholdKeepsItsBestColumn() {
        PointArray line = new PointArray(new float[] {0f, 1f, 2f}, 3, 1);
        Clustering c = GridClustering.cluster(line, ones(3), 0.5);
        // f_1 is so low that row cluster 1 keeps nothing; its best column is cluster 1 (cost 0).
        KernelTruncation.KeptBlocks kept = KernelTruncation.keep(GroundCost.HALF_SQUARED_EUCLIDEAN,
                c, new double[] {0, -100, 0}, c, new double[] {0, 0, 0}, 0.1);
        assertArrayEquals(new int[] {0, 1, 1, 2, 2, 3}, kept.blocks().columnRanges());
        assertEquals(3, kept.keptClusterPairs());
    }

    @Test
    void keepAllVisitsEveryPair() {
        Random random = new Random(5);
        Clustering x = GridClustering.cluster(randomCloud(random, 130), ones(130), 0.3);
        Clustering y = GridClustering.cluster(randomCloud(random, 70), ones(70), 0.3);
        KernelTruncation.KeptBlocks kept = KernelTruncation.keepAll(x, y);
        assertEquals(130L * 70, kept.blocks().pairCount());
        assertEquals(1.0, kept.pointFraction());
        assertEquals(1.0, kept.clusterFraction());
    }

    @Test
    void negativeMarginIsRefused() {
        Clustering c = GridClustering.cluster(new PointArray(new float[] {0f}, 1, 1), ones(1), 1);
        assertThrows(IllegalArgumentException.class, () -> KernelTruncation.keep(
                GroundCost.EUCLIDEAN, c, new double[1], c, new double[1], -1));
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

    private static void assertMergedAndIncreasing(BlockSparsity b) {
        int[] ranges = b.columnRanges();
        for (int k = 0; k < b.blockCount(); k++) {
            for (int r = b.rangeOffsets()[k]; r < b.rangeOffsets()[k + 1]; r++) {
                assertTrue(ranges[2 * r] < ranges[2 * r + 1], "empty range");
                if (r > b.rangeOffsets()[k]) {
                    assertTrue(ranges[2 * r] > ranges[2 * r - 1], "adjacent ranges not merged");
                }
            }
        }
    }

    private static int[] labels(Clustering c) {
        int[] labels = new int[c.points().count()];
        for (int k = 0; k < c.clusterCount(); k++) {
            for (int s = c.clusterStarts()[k]; s < c.clusterStarts()[k + 1]; s++) {
                labels[s] = k;
            }
        }
        return labels;
    }

    private static PointArray randomCloud(Random random, int n) {
        float[] coords = new float[2 * n];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = random.nextFloat();
        }
        return new PointArray(coords, n, 2);
    }

    private static double[] randomPotential(Random random, int n) {
        double[] f = new double[n];
        for (int k = 0; k < n; k++) {
            f[k] = 0.2 * random.nextDouble();
        }
        return f;
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }
}
