package org.geomloss.multiscale;

import static org.geomloss.multiscale.KernelTruncationTest.exactSoftmin;
import static org.geomloss.multiscale.KernelTruncationTest.randomCloud;
import static org.geomloss.multiscale.KernelTruncationTest.skippedMass;
import static org.geomloss.multiscale.KernelTruncationTest.uniformWeights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.LogWeights;
import org.geomloss.sinkhorn.SymmetricSinkhorn;
import org.junit.jupiter.api.Test;

/**
 * Truncated soft-mins in an unbalanced loop. At its fixed point a row's potential is the damped
 * soft-min {@code lambda S}, below {@code S} wherever {@code S > 0}; blocks certified against the
 * potential alone would let such a row skip {@code exp((1 - lambda) S / eps)} times its budget.
 * The final step at the loop's temperature reuses or repeats its choice without a check against
 * its result, so its blocks must hold for the exact soft-min (brute force).
 */
class UnbalancedTruncationTest {

    private static final double EPS = 0.002;
    /** {@code lambda = 1 / (1 + eps / rho) = 0.2}: strong damping. */
    private static final double RHO = 0.25 * EPS;
    private static final GroundCost COST = GroundCost.HALF_SQUARED_EUCLIDEAN;

    @Test
    void theFinalStepSkipsAtMostTheBudgetOfEachRowsExactMass() {
        Random random = new Random(21);
        Clustering x = GridClustering.cluster(randomCloud(random, 1500, 2), uniformWeights(1500),
                1e-4);
        Clustering y = GridClustering.cluster(randomCloud(random, 1200, 2), uniformWeights(1200),
                1e-4);
        TruncatedSoftmin xy = softmin(x, y);
        TruncatedSoftmin yx = softmin(y, x);
        SymmetricSinkhorn loop = new SymmetricSinkhorn(
                new SymmetricSinkhorn.Operators(xy, yx, null, null), LogWeights.of(x.weights()),
                LogWeights.of(y.weights()), RHO);
        loop.setPotentials(new double[1500], new double[1200], null, null);
        for (int t = 0; t < 30; t++) {
            loop.step(EPS);
        }

        FinalStep last = loop.extrapolate(EPS);

        double[] exact = exactSoftmin(COST, x, y, last.fBA().h(), EPS);
        double[] skipped = skippedMass(xy.kept(), COST, x, exact, y, loop.gAB(), EPS);
        double largestSoftmin = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < exact.length; i++) {
            largestSoftmin = Math.max(largestSoftmin, exact[i]);
            assertTrue(skipped[i] <= TruncatedSoftmin.SKIPPED_MASS,
                    "row " + i + " skips " + skipped[i] + " of its mass");
            assertEquals(last.lambda() * exact[i], last.fBA().potential()[i], 1e-5 * EPS,
                    "row " + i);
        }
        assertTrue(largestSoftmin > 2 * EPS, "test setup: soft-mins well above their damping");
        assertTrue(xy.kept().pointFraction() < 0.5, "test setup: most pairs are skipped");
    }

    @Test
    void everyStepOfAnAnnealingSkipsAtMostTheBudgetOfEachRowsExactMass() {
        // A potential damped at the temperature before is announced over the damping of the
        // next one: the choice may hold for less than the result, and the soft-min must check.
        Random random = new Random(22);
        Clustering x = GridClustering.cluster(randomCloud(random, 1500, 2), uniformWeights(1500),
                1e-4);
        Clustering y = GridClustering.cluster(randomCloud(random, 1200, 2), uniformWeights(1200),
                1e-4);
        TruncatedSoftmin xy = softmin(x, y);
        SymmetricSinkhorn loop = new SymmetricSinkhorn(
                new SymmetricSinkhorn.Operators(xy, softmin(y, x), null, null),
                LogWeights.of(x.weights()), LogWeights.of(y.weights()), RHO);
        loop.setPotentials(new double[1500], new double[1200], null, null);
        double[] logB = LogWeights.of(y.weights());
        for (double eps = 0.05; eps >= EPS; eps *= 0.5) {
            double[] source = loop.gAB().clone();

            loop.step(eps);

            double[] h = new double[source.length];
            for (int j = 0; j < h.length; j++) {
                h[j] = logB[j] + source[j] / eps;
            }
            double[] exact = exactSoftmin(COST, x, y, h, eps);
            double[] skipped = skippedMass(xy.kept(), COST, x, exact, y, source, eps);
            for (int i = 0; i < exact.length; i++) {
                assertTrue(skipped[i] <= TruncatedSoftmin.SKIPPED_MASS, "eps " + eps + ", row " + i
                        + " skips " + skipped[i] + " of its mass");
            }
        }
        assertTrue(xy.kept().pointFraction() < 0.5, "test setup: most pairs are skipped");
    }

    private static TruncatedSoftmin softmin(Clustering targets, Clustering sources) {
        return new TruncatedSoftmin(Kernels.jvm(), COST, targets.points(), ClusterTree.of(targets),
                sources.points(), ClusterTree.of(sources), TruncationMargin.relative(2.0),
                TruncatedSoftmin.SKIPPED_MASS);
    }
}
