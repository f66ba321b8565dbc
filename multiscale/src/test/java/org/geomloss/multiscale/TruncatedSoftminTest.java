package org.geomloss.multiscale;

import static org.geomloss.multiscale.KernelTruncationTest.ones;
import static org.geomloss.multiscale.KernelTruncationTest.randomCloud;
import static org.geomloss.multiscale.KernelTruncationTest.skippedMass;
import static org.geomloss.multiscale.KernelTruncationTest.smoothPotential;
import static org.geomloss.multiscale.KernelTruncationTest.visitedPairs;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.junit.jupiter.api.Test;

/**
 * The reuse of a block choice while the potentials move less than the slack: the choice is kept,
 * and it still certifies the margin and the skipped-mass budget for the moved potentials (brute
 * force); a larger move or another temperature chooses again.
 */
class TruncatedSoftminTest {

    private static final int N = 500;
    private static final int M = 400;
    private static final double EPS = 0.01;
    /** Wide enough that the skipped-mass budget never widens it: the margin alone decides. */
    private static final double MARGIN = 20 * EPS;
    /** Below the gaps between points: one point per cluster, so the bounds are exact. */
    private static final double SCALE = 1e-4;
    private static final GroundCost COST = GroundCost.HALF_SQUARED_EUCLIDEAN;

    private final Random random = new Random(7);
    private final Clustering x = GridClustering.cluster(randomCloud(random, N, 2), ones(N), SCALE);
    private final Clustering y = GridClustering.cluster(randomCloud(random, M, 2), uniform(M),
            SCALE);
    private final TruncatedSoftmin softmin = new TruncatedSoftmin(Kernels.jvm(), COST, x.points(),
            ClusterTree.of(x), y.points(), ClusterTree.of(y), MARGIN);
    private final double[] f = smoothPotential(x.points(), 0.3);
    private final double[] g = smoothPotential(y.points(), -0.2);

    @Test
    void aSmallMoveKeepsTheChoiceAndItsGuarantees() {
        softmin.adapt(EPS, f, g);
        KernelTruncation.KeptBlocks first = softmin.kept();
        // Together the two moves stay within SLACK * eps, one pushing every pair up.
        double[] movedF = shifted(f, 0.2 * EPS);
        double[] movedG = shifted(g, 0.25 * EPS);

        softmin.adapt(EPS, movedF, movedG);

        assertSame(first, softmin.kept());
        boolean[][] visited = visitedPairs(first.blocks(), N, M);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < M; j++) {
                double excess = movedF[i] + movedG[j]
                        - COST.cost(x.points().coords(), i, y.points().coords(), j, 2);
                assertTrue(visited[i][j] || excess <= -MARGIN, "pair " + i + "," + j);
            }
        }
        double[] skipped = skippedMass(first, COST, x, movedF, y, movedG, EPS);
        assertTrue(Arrays.stream(skipped).max().orElseThrow() <= TruncatedSoftmin.SKIPPED_MASS);
    }

    @Test
    void aLargerMoveOrAnotherTemperatureChoosesAgain() {
        softmin.adapt(EPS, f, g);
        KernelTruncation.KeptBlocks first = softmin.kept();

        softmin.adapt(EPS, shifted(f, 0.3 * EPS), shifted(g, 0.3 * EPS));
        KernelTruncation.KeptBlocks second = softmin.kept();
        softmin.adapt(0.9 * EPS, shifted(f, 0.3 * EPS), shifted(g, 0.3 * EPS));

        assertNotSame(first, second);
        assertNotSame(second, softmin.kept());
    }

    private static double[] shifted(double[] potential, double shift) {
        double[] out = potential.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += shift;
        }
        return out;
    }

    private static double[] uniform(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        return w;
    }
}
