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
 * The blocks of the final step at the loop's temperature, and of every step of an annealing, must
 * hold for the exact soft-min (brute force).
 */
class UnbalancedTruncationTest {

    private static final double EPS = 0.002;
    /** {@code lambda = 1 / (1 + eps / rho) = 0.2}: strong damping. */
    private static final double RHO = 0.25 * EPS;
    private static final GroundCost COST = GroundCost.HALF_SQUARED_EUCLIDEAN;

    @Test
    void theFinalStepSkipsAtMostTheBudgetOfEachRowsExactMass() {
        UnbalancedLoop problem = new UnbalancedLoop(new Random(21));
        for (int t = 0; t < 30; t++) {
            problem.loop.step(EPS);
        }

        FinalStep last = problem.loop.extrapolate(EPS);

        double[] exact = problem.assertWithinBudget(last.fBA().h(), problem.loop.gAB(), EPS);
        int wellAbove = 0;
        for (int i = 0; i < exact.length; i++) {
            wellAbove += exact[i] > 2 * EPS ? 1 : 0;
            assertEquals(last.lambda() * exact[i], last.fBA().potential()[i], 1e-5 * EPS,
                    "row " + i);
        }
        assertTrue(wellAbove > exact.length / 2, "test setup: most soft-mins are well above their"
                + " damping, " + wellAbove + " rows");
        assertTrue(problem.xy.kept().pointFraction() < 0.5, "test setup: most pairs are skipped");
    }

    @Test
    void everyStepOfAnAnnealingSkipsAtMostTheBudgetOfEachRowsExactMass() {
        // A potential damped at the temperature before is announced over the damping of the
        // next one: the choice may hold for less than the result, and the soft-min must check.
        UnbalancedLoop problem = new UnbalancedLoop(new Random(22));
        double[] logB = LogWeights.of(problem.y.weights());
        for (double eps = 0.05; eps >= EPS; eps *= 0.5) {
            double[] source = problem.loop.gAB().clone();

            problem.loop.step(eps);

            double[] h = new double[source.length];
            for (int j = 0; j < h.length; j++) {
                h[j] = logB[j] + source[j] / eps;
            }
            problem.assertWithinBudget(h, source, eps);
        }
        assertTrue(problem.xy.kept().pointFraction() < 0.5, "test setup: most pairs are skipped");
    }

    /** Two uniform clouds of 1,500 and 1,200 points in the unit square, from zero potentials. */
    private static final class UnbalancedLoop {
        final Clustering x;
        final Clustering y;
        final TruncatedSoftmin xy;
        final SymmetricSinkhorn loop;

        UnbalancedLoop(Random random) {
            x = GridClustering.cluster(randomCloud(random, 1500, 2), uniformWeights(1500), 1e-4);
            y = GridClustering.cluster(randomCloud(random, 1200, 2), uniformWeights(1200), 1e-4);
            xy = softmin(x, y);
            loop = new SymmetricSinkhorn(new SymmetricSinkhorn.Operators(xy, softmin(y, x), null,
                    null), LogWeights.of(x.weights()), LogWeights.of(y.weights()), RHO);
            loop.setPotentials(new double[1500], new double[1200], null, null);
        }

        /**
         * The exact soft-min of {@code h} at {@code eps} (brute force), after checking that the
         * last soft-min onto x, of {@code h} from the column potential {@code source}, skipped at
         * most the budget of each row's exact mass and most pairs.
         */
        double[] assertWithinBudget(double[] h, double[] source, double eps) {
            double[] exact = exactSoftmin(COST, x, y, h, eps);
            double[] skipped = skippedMass(xy.kept(), COST, x, exact, y, source, eps);
            for (int i = 0; i < exact.length; i++) {
                assertTrue(skipped[i] <= TruncatedSoftmin.SKIPPED_MASS, "eps " + eps + ", row " + i
                        + " skips " + skipped[i] + " of its mass");
            }
            return exact;
        }

        private static TruncatedSoftmin softmin(Clustering targets, Clustering sources) {
            return new TruncatedSoftmin(Kernels.jvm(), COST, targets.points(),
                    ClusterTree.of(targets), sources.points(), ClusterTree.of(sources),
                    TruncationMargin.relative(2.0), TruncatedSoftmin.SKIPPED_MASS);
        }
    }
}
