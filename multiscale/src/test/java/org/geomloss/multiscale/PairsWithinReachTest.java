package org.geomloss.multiscale;

import static org.geomloss.multiscale.KernelTruncationTest.randomCloud;
import static org.geomloss.multiscale.KernelTruncationTest.uniformWeights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.junit.jupiter.api.Test;

/**
 * The counts of pairs within a radius and above a margin for given potentials against brute force,
 * on clouds with more row clusters than one slice of the count (so that several slices run and
 * each pair is counted once).
 */
class PairsWithinReachTest {

    @Test
    void countsEveryPairWithinTheRadiusOnce() {
        Random random = new Random(11);
        int n = 9_000;
        int m = 1_500;
        Clustering x = GridClustering.cluster(randomCloud(random, n, 3), uniformWeights(n), 0.02);
        Clustering y = GridClustering.cluster(randomCloud(random, m, 3), uniformWeights(m), 0.05);
        double radius = 0.08;

        long expected = 0;
        PointArray px = x.points();
        PointArray py = y.points();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (GroundCost.squaredDistance(px.coords(), i, py.coords(), j, 3)
                        < radius * radius) {
                    expected++;
                }
            }
        }

        assertTrue(x.clusterCount() > 2 * 64 * KernelTruncation.ROWS_PER_SLICE,
                "test setup: several slices of row clusters");
        assertTrue(expected > 0 && expected < (long) n * m, "test setup: some pairs within reach");
        assertEquals(expected, PairsWithinReach.count(x, y, radius));
    }

    @Test
    void countsEveryPairAboveTheMarginForThePotentialsOnce() {
        Random random = new Random(12);
        int n = 9_000;
        int m = 1_500;
        Clustering x = GridClustering.cluster(randomCloud(random, n, 3), uniformWeights(n), 0.02);
        Clustering y = GridClustering.cluster(randomCloud(random, m, 3), uniformWeights(m), 0.05);
        double[] f = random.doubles(n, -0.002, 0.002).toArray();
        double[] g = random.doubles(m, -0.001, 0.003).toArray();
        double margin = 0.002;
        GroundCost cost = GroundCost.HALF_SQUARED_EUCLIDEAN;

        long expected = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (f[i] + g[j] - cost.cost(x.points().coords(), i, y.points().coords(), j, 3)
                        > -margin) {
                    expected++;
                }
            }
        }

        assertTrue(expected > n && expected < (long) n * m / 10,
                "test setup: some pairs above the margin, most below");
        assertEquals(expected, PairsWithinReach.count(cost, x, f, y, g, margin));
    }
}
