package org.geomloss.multiscale;

import static org.geomloss.multiscale.KernelTruncationTest.randomCloud;
import static org.geomloss.multiscale.KernelTruncationTest.uniformWeights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.geomloss.kernels.GroundCost;
import org.junit.jupiter.api.Test;

/**
 * The counts of pairs within a radius and above a margin for given potentials against brute force,
 * on clouds with more row clusters than one slice of the count (so that several slices run and
 * each pair is counted once).
 */
class PairsWithinReachTest {

    private static final int N = 9_000;
    private static final int M = 1_500;
    private static final GroundCost COST = GroundCost.HALF_SQUARED_EUCLIDEAN;

    private final Random random = new Random(11);
    private final Clustering x = GridClustering.cluster(randomCloud(random, N, 3),
            uniformWeights(N), 0.02);
    private final Clustering y = GridClustering.cluster(randomCloud(random, M, 3),
            uniformWeights(M), 0.05);

    @Test
    void countsEveryPairWithinTheRadiusOnce() {
        double radius = 0.08;

        long expected = bruteForce(new double[N], new double[M],
                COST.fromSquaredDistance(radius * radius));

        assertTrue(x.clusterCount() > 2 * 64 * KernelTruncation.ROWS_PER_SLICE,
                "test setup: several slices of row clusters");
        assertTrue(expected > 0 && expected < (long) N * M, "test setup: some pairs within reach");
        assertEquals(expected, PairsWithinReach.count(x, y, radius));
    }

    @Test
    void countsEveryPairAboveTheMarginForThePotentialsOnce() {
        double[] f = random.doubles(N, -0.002, 0.002).toArray();
        double[] g = random.doubles(M, -0.001, 0.003).toArray();
        double margin = 0.002;

        long expected = bruteForce(f, g, margin);

        assertTrue(expected > N && expected < (long) N * M / 10,
                "test setup: some pairs above the margin, most below");
        assertEquals(expected, PairsWithinReach.count(COST, x, f, y, g, margin));
    }

    /** The pairs with {@code f_i + g_j - C_ij > -margin}, every pair tested. */
    private long bruteForce(double[] f, double[] g, double margin) {
        long count = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < M; j++) {
                if (f[i] + g[j] - COST.cost(x.points().coords(), i, y.points().coords(), j, 3)
                        > -margin) {
                    count++;
                }
            }
        }
        return count;
    }
}
