package org.geomloss.multiscale;

import static org.geomloss.multiscale.KernelTruncationTest.exactSoftmin;
import static org.geomloss.multiscale.KernelTruncationTest.ones;
import static org.geomloss.multiscale.KernelTruncationTest.randomCloud;
import static org.geomloss.multiscale.KernelTruncationTest.skippedMass;
import static org.geomloss.multiscale.KernelTruncationTest.smoothPotential;
import static org.geomloss.multiscale.KernelTruncationTest.uniformWeights;
import static org.geomloss.multiscale.KernelTruncationTest.visitedPairs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * force); a larger move or another temperature chooses again. One point per cluster makes the
 * bounds exact, so that pairs and rows sit close to both thresholds.
 */
class TruncatedSoftminTest {

    private static final int N = 500;
    private static final int M = 400;
    private static final double EPS = 0.01;
    /** Below the gaps between points: one point per cluster. */
    private static final double SCALE = 1e-4;
    private static final GroundCost COST = GroundCost.HALF_SQUARED_EUCLIDEAN;
    /** A temperature of its own for the tests of a new temperature's choice. */
    private static final double NEW_EPS = 0.002;

    private final Random random = new Random(7);
    private final Clustering x = GridClustering.cluster(randomCloud(random, N, 2), ones(N), SCALE);
    private final Clustering y = GridClustering.cluster(randomCloud(random, M, 2),
            uniformWeights(M), SCALE);
    private final double[] f = smoothPotential(x.points(), 0.3);
    private final double[] g = smoothPotential(y.points(), -0.2);
    // Together the two moves stay within SLACK * eps, and push every pair up.
    private final double[] movedF = shifted(f, 0.2 * EPS);
    private final double[] movedG = shifted(g, 0.25 * EPS);

    @Test
    void aSmallMoveKeepsTheChoiceAndItsMargin() {
        // A margin so wide that the budget never widens it: the margin alone decides.
        double margin = 20 * EPS;
        TruncatedSoftmin softmin = softmin(margin, TruncatedSoftmin.SKIPPED_MASS);
        softmin.adapt(EPS, f, g);
        KernelTruncation.KeptBlocks first = softmin.kept();

        softmin.adapt(EPS, movedF, movedG);

        assertSame(first, softmin.kept());
        assertTrue(first.pointFraction() < 1, "test setup: something is skipped");
        boolean[][] visited = visitedPairs(first.blocks(), N, M);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < M; j++) {
                double excess = movedF[i] + movedG[j]
                        - COST.cost(x.points().coords(), i, y.points().coords(), j, 2);
                assertTrue(visited[i][j] || excess <= -margin, "pair " + i + "," + j);
            }
        }
    }

    @Test
    void aSmallMoveKeepsTheChoiceAndItsBudget() {
        double margin = 2 * EPS;
        ClusterTree tx = ClusterTree.of(x);
        ClusterTree ty = ClusterTree.of(y);
        double[] marginOnly = skippedMass(KernelTruncation.keep(COST, tx, tx.maxima(f), ty,
                ty.maxima(g), margin, EPS, Double.POSITIVE_INFINITY), COST, x, f, y, g, EPS);
        // The median row: many rows meet this budget with the margin alone, some just barely.
        double budget = Arrays.stream(marginOnly).sorted().toArray()[N / 2];
        TruncatedSoftmin softmin = softmin(margin, budget);
        softmin.adapt(EPS, f, g);
        KernelTruncation.KeptBlocks first = softmin.kept();

        softmin.adapt(EPS, movedF, movedG);

        assertSame(first, softmin.kept());
        assertTrue(budget > 0, "test setup: the median row skips something");
        double[] skipped = skippedMass(first, COST, x, movedF, y, movedG, EPS);
        for (int i = 0; i < N; i++) {
            assertTrue(skipped[i] <= budget, "row " + i + " skips " + skipped[i]);
        }
    }

    @Test
    void aLargerMoveOrAnotherTemperatureChoosesAgain() {
        TruncatedSoftmin softmin = softmin(2 * EPS, TruncatedSoftmin.SKIPPED_MASS);
        softmin.adapt(EPS, f, g);
        KernelTruncation.KeptBlocks first = softmin.kept();

        softmin.adapt(EPS, shifted(f, 0.3 * EPS), shifted(g, 0.3 * EPS));
        KernelTruncation.KeptBlocks second = softmin.kept();
        softmin.adapt(0.9 * EPS, shifted(f, 0.3 * EPS), shifted(g, 0.3 * EPS));

        assertNotSame(first, second);
        assertNotSame(second, softmin.kept());
    }

    @Test
    void slicesOfRowsGiveTheSameReductionsAsTheWholeStructure() {
        TruncatedSoftmin whole = softmin(3 * EPS, TruncatedSoftmin.SKIPPED_MASS);
        TruncatedSoftmin sliced = softmin(3 * EPS, TruncatedSoftmin.SKIPPED_MASS);
        sliced.sliceRows(3);
        whole.adapt(EPS, f, g);
        sliced.adapt(EPS, f, g);
        double[] h = new double[M];
        for (int j = 0; j < M; j++) {
            h[j] = Math.log(y.weights()[j]) + g[j] / EPS;
        }
        double[] expected = new double[N];
        double[] actual = new double[N];
        whole.softmin(EPS, h, expected);
        sliced.softmin(EPS, h, actual);
        double[] expectedGradient = new double[2 * N];
        double[] actualGradient = new double[2 * N];
        whole.softminGradient(EPS, h, expected, expectedGradient);
        sliced.softminGradient(EPS, h, expected, actualGradient);

        assertTrue(whole.kept().pointFraction() < 1, "test setup: something is skipped");
        assertTrue(sliced.slices() >= 3);
        assertArrayEquals(expected, actual);
        assertArrayEquals(expectedGradient, actualGradient);
        assertEquals(whole.kept().keptPointPairs(), sliced.kept().keptPointPairs());
        assertEquals(whole.visitedPairs(), sliced.visitedPairs());
    }

    @Test
    void aNewTemperatureChoosesForTheSoftminsOwnLevel() {
        NewTemperature t = new NewTemperature(new Random(11));
        // The potentials of the last temperature: 6 eps above the soft-min of this one.
        double[] announced = shifted(t.exact, 6 * NEW_EPS);
        TruncatedSoftmin plain = t.softmin();
        plain.choose(NEW_EPS, announced, t.g, TruncatedSoftmin.SLACK);

        TruncatedSoftmin lowered = t.softmin();
        lowered.adapt(NEW_EPS, announced, t.g);
        double[] out = new double[t.x.points().count()];
        lowered.softmin(NEW_EPS, t.h, out);

        assertTrue(lowered.kept().keptPointPairs() < 0.8 * plain.kept().keptPointPairs(),
                lowered.kept().keptPointPairs() + " pairs kept, " + plain.kept().keptPointPairs()
                        + " for the announced potentials");
        t.assertWithinBudget(lowered, out);
    }

    @Test
    void aLoweredChoiceThatDoesNotHoldForEveryRowIsSearchedAgain() {
        NewTemperature t = new NewTemperature(new Random(12));
        double[] announced = shifted(t.exact, 6 * NEW_EPS);
        // The rows after the last whole slice are never sampled: their soft-min does not fall.
        // (A sample's first cluster is a multiple of the slice, so a slice starts there.)
        ClusterTree rows = ClusterTree.of(t.x);
        int unsampled = rows.clusterStarts()[rows.nodeCount(0)
                / KernelTruncation.ROWS_PER_SLICE * KernelTruncation.ROWS_PER_SLICE];
        for (int i = unsampled; i < announced.length; i++) {
            announced[i] = t.exact[i];
        }
        TruncatedSoftmin lowered = t.softmin();
        lowered.adapt(NEW_EPS, announced, t.g);
        double[] out = new double[announced.length];
        lowered.softmin(NEW_EPS, t.h, out);

        assertTrue(unsampled < announced.length, "test setup: some rows are not sampled");
        t.assertWithinBudget(lowered, out);
    }

    @Test
    void aChoiceForAnEstimateBelowTheResultIsSearchedAgain() {
        NewTemperature t = new NewTemperature(new Random(13));
        TruncatedSoftmin softmin = t.softmin();
        // A C-transform's estimate 5 eps below its result: the choice skips too much of every row.
        softmin.estimate(NEW_EPS, shifted(t.exact, -5 * NEW_EPS), t.g);
        double[] out = new double[t.exact.length];
        softmin.softmin(NEW_EPS, t.h, out);

        t.assertWithinBudget(softmin, out);
    }

    /**
     * Clouds with more than {@code 2 * FALL_SAMPLES} slices of row clusters, a column potential and
     * the exact soft-min of its log-vector at {@code NEW_EPS}.
     */
    private static final class NewTemperature {
        final Clustering x;
        final Clustering y;
        final double[] g;
        final double[] h;
        final double[] exact;

        NewTemperature(Random random) {
            x = GridClustering.cluster(randomCloud(random, 4500, 2), ones(4500), SCALE);
            y = GridClustering.cluster(randomCloud(random, 3000, 2), uniformWeights(3000), SCALE);
            g = smoothPotential(y.points(), -0.2);
            h = new double[g.length];
            for (int j = 0; j < g.length; j++) {
                h[j] = Math.log(y.weights()[j]) + g[j] / NEW_EPS;
            }
            exact = exactSoftmin(COST, x, y, h, NEW_EPS);
        }

        TruncatedSoftmin softmin() {
            TruncatedSoftmin softmin = new TruncatedSoftmin(Kernels.jvm(), COST, x.points(),
                    ClusterTree.of(x), y.points(), ClusterTree.of(y),
                    TruncationMargin.relative(2.0), TruncatedSoftmin.SKIPPED_MASS);
            assertTrue(ClusterTree.of(x).nodeCount(0) >= 2 * TruncatedSoftmin.FALL_SAMPLES
                    * KernelTruncation.ROWS_PER_SLICE, "test setup: the fall is sampled");
            return softmin;
        }

        /** Every row skips at most the budget of its exact mass; the result is the exact one. */
        void assertWithinBudget(TruncatedSoftmin softmin, double[] out) {
            assertTrue(softmin.kept().pointFraction() < 0.5, "test setup: most pairs are skipped");
            double[] skipped = skippedMass(softmin.kept(), COST, x, exact, y, g, NEW_EPS);
            for (int i = 0; i < exact.length; i++) {
                assertTrue(skipped[i] <= TruncatedSoftmin.SKIPPED_MASS,
                        "row " + i + " skips " + skipped[i] + " of its mass");
                assertEquals(exact[i], out[i], 1e-5 * NEW_EPS, "row " + i);
            }
        }
    }

    private TruncatedSoftmin softmin(double margin, double budget) {
        return new TruncatedSoftmin(Kernels.jvm(), COST, x.points(), ClusterTree.of(x), y.points(),
                ClusterTree.of(y), TruncationMargin.atJump(margin, 1.0), budget);
    }

    private static double[] shifted(double[] potential, double shift) {
        double[] out = potential.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += shift;
        }
        return out;
    }
}
