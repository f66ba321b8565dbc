package org.geomloss.multiscale;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.geomloss.kernels.GroundCost;
import org.geomloss.multiscale.MultiscaleSinkhornTest.Clouds;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.Precision;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.PointSoftmin;
import org.geomloss.sinkhorn.Refinement;
import org.geomloss.sinkhorn.SingleScale;
import org.geomloss.sinkhorn.SinkhornProgress;
import org.geomloss.sinkhorn.SymmetricSinkhorn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.Level;

/**
 * Both multiscale plans on the float64 kernels, on clouds given in float64, against the
 * single-scale loop over every pair on the same kernels. Every soft-min on the points is truncated
 * (pyramid: {@code densePairs = 0}; two-scale: {@code truncate = 5}); all runs are refined to a
 * marginal error of 1e-12, so they end at the same fixed point up to the truncation (each row skips
 * at most 1e-14 of its mass in float64): potentials agree within {@code rtol 1e-9} and position
 * gradients within {@code 1e-7} (normwise; the float64 tolerances of {@code golden/README.md} §5),
 * in 2D and 3D, balanced and unbalanced. Measured on 2026-12-02: largest normwise difference
 * 2.1e-13 with the float64 budget 1e-14; 1.7e-12 with 1e-11; 7.5e-9 with the float32 budget 1e-6,
 * which fails the float64 tolerances.
 */
class Float64MultiscaleTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Refinement REFINEMENT = new Refinement(1e-12, 20_000);
    private static final PointKernels KERNELS = Kernels.jvm(Precision.FLOAT64);
    private static final double VALUE_RTOL = 1e-9;
    private static final double GRADIENT_RTOL = 1e-7;

    record Case(int d, double blur, double reach, long seed) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new Case(2, 0.05, INF, 11)),
                Arguments.of(new Case(3, 0.05, INF, 12)),
                Arguments.of(new Case(2, 0.05, 0.3, 13)),
                Arguments.of(new Case(3, 0.08, 0.5, 14)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void bothPlansAgreeWithTheRefinedSingleScaleLoop(Case c) {
        Clouds clouds = float64Clouds(c.d(), 1000, 800, c.seed());
        double diameter = SinkhornReadout.diameter(clouds.x(), clouds.y());
        GroundCost cost = GroundCost.forExponent(2);
        FinalStep reference = refinedSingleScale(cost, clouds, c, diameter);
        for (MultiscalePlan plan : MultiscalePlan.values()) {
            MultiscaleSettings settings = new MultiscaleSettings(plan, 2, c.blur(), c.reach(),
                    diameter, 0.5, 5.0, null, REFINEMENT, true, false);
            MultiscaleResult result = plan == MultiscalePlan.PYRAMID
                    ? PyramidSinkhorn.solve(KERNELS, cost, clouds.x(), clouds.a(), clouds.y(),
                            clouds.b(), settings, SinkhornProgress.NONE, 0)
                    : MultiscaleSinkhorn.solve(KERNELS, cost, clouds.x(), clouds.a(), clouds.y(),
                            clouds.b(), settings, SinkhornProgress.NONE);
            String what = plan + " " + c;
            assertTrue(result.keptPairs().xy() < 1, what + ": test setup, truncated "
                    + result.keptPairs());
            assertTrue(result.refinement().converged(), what + ": " + result.refinement());
            assertTrue(result.sortedX().doubleCoords() != null, what + ": float64 points");
            FinalStep step = result.finalStep();
            int d = c.d();
            assertClose(what + " fBA", reference.fBA().potential(),
                    result.toOriginalOrderX(step.fBA().potential(), 1), VALUE_RTOL);
            assertClose(what + " gAB", reference.gAB().potential(),
                    result.toOriginalOrderY(step.gAB().potential(), 1), VALUE_RTOL);
            assertClose(what + " fAA", reference.fAA().potential(),
                    result.toOriginalOrderX(step.fAA().potential(), 1), VALUE_RTOL);
            assertClose(what + " gBB", reference.gBB().potential(),
                    result.toOriginalOrderY(step.gBB().potential(), 1), VALUE_RTOL);
            assertClose(what + " grad fBA", reference.gradient(reference.fBA(), d),
                    result.toOriginalOrderX(step.gradient(step.fBA(), d), d), GRADIENT_RTOL);
            assertClose(what + " grad gAB", reference.gradient(reference.gAB(), d),
                    result.toOriginalOrderY(step.gradient(step.gAB(), d), d), GRADIENT_RTOL);
        }
    }

    private static FinalStep refinedSingleScale(GroundCost cost, Clouds clouds, Case c,
                                                double diameter) {
        PointArray x = clouds.x();
        PointArray y = clouds.y();
        var operators = new SymmetricSinkhorn.Operators(PointSoftmin.dense(KERNELS, cost, x, y),
                PointSoftmin.dense(KERNELS, cost, y, x), PointSoftmin.dense(KERNELS, cost, x, x),
                PointSoftmin.dense(KERNELS, cost, y, y));
        double[] schedule = EpsilonSchedule.geomloss(2, diameter, c.blur(), 0.5);
        double rho = Double.isInfinite(c.reach()) ? INF : c.reach() * c.reach();
        AnnealingDriver.Result run = AnnealingDriver.run(
                SingleScale.of(operators, clouds.a(), clouds.b()),
                new AnnealingDriver.Settings(schedule, rho, AnnealingDriver.Start.SOFTMIN_OF_ZERO,
                        REFINEMENT, Level.DEBUG), SinkhornProgress.NONE);
        assertTrue(run.refinement().converged(), "reference: " + run.refinement());
        return run.finalStep();
    }

    private static void assertClose(String what, double[] expected, double[] actual, double rtol) {
        double error = SinkhornReadout.relativeError(actual, expected);
        assertTrue(error < rtol, what + ": normwise relative error " + error + " >= " + rtol);
    }

    /** x uniform in the unit cube, y a Gaussian blob, random weights; coordinates in float64. */
    private static Clouds float64Clouds(int d, int n, int m, long seed) {
        Random random = new Random(seed);
        double[] x = new double[n * d];
        for (int k = 0; k < x.length; k++) {
            x[k] = random.nextDouble();
        }
        double[] y = new double[m * d];
        for (int k = 0; k < y.length; k++) {
            y[k] = 0.6 + 0.15 * random.nextGaussian() + 0.1 * (k % d);
        }
        return new Clouds(PointArray.ofDoubles(x, n, d), Clouds.weights(random, n),
                PointArray.ofDoubles(y, m, d), Clouds.weights(random, m));
    }
}
