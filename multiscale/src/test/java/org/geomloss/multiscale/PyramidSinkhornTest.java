package org.geomloss.multiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.sinkhorn.SingleScale;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.PointSoftmin;
import org.geomloss.sinkhorn.Refinement;
import org.geomloss.sinkhorn.SinkhornProgress;
import org.geomloss.sinkhorn.SymmetricSinkhorn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.Level;

/**
 * The pyramid loop, every soft-min truncated ({@code densePairs = 0}), refined to a marginal error
 * of 1e-7, against the single-scale loop over every pair refined the same way: both end at the same
 * fixed point, so potentials agree within {@code rtol 1e-4} and position gradients within
 * {@code 5e-4} (normwise; the float32 tolerances of {@code golden/README.md} §5), balanced and
 * unbalanced, p = 1 and 2, D = 1 to 3, with and without debiasing.
 */
class PyramidSinkhornTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Refinement REFINEMENT = new Refinement(1e-7, 20_000);

    record Case(int d, int p, double blur, double reach, boolean debias, long seed) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new Case(1, 2, 0.01, INF, true, 1)),
                Arguments.of(new Case(2, 2, 0.01, INF, true, 2)),
                Arguments.of(new Case(3, 2, 0.02, INF, true, 3)),
                Arguments.of(new Case(2, 1, 0.002, INF, true, 4)),
                Arguments.of(new Case(2, 2, 0.02, 0.3, true, 5)),
                Arguments.of(new Case(3, 1, 0.005, 0.5, true, 6)),
                Arguments.of(new Case(2, 2, 0.01, INF, false, 7)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void agreesWithTheRefinedSingleScaleLoop(Case c) {
        MultiscaleSinkhornTest.Clouds clouds = MultiscaleSinkhornTest.Clouds.random(
                new MultiscaleSinkhornTest.Problem(c.d(), c.p(), 1500, 1200, c.blur(), 0, 0.5, 5.0,
                        c.reach(), c.seed()));
        double diameter = SinkhornReadout.diameter(clouds.x(), clouds.y());
        GroundCost cost = GroundCost.forExponent(c.p());
        MultiscaleSettings settings = new MultiscaleSettings(MultiscalePlan.PYRAMID, c.p(),
                c.blur(), c.reach(), diameter, 0.5, 5.0, null, REFINEMENT, c.debias(), false);
        List<Integer> iterations = new ArrayList<>();
        MultiscaleResult result = PyramidSinkhorn.solve(Kernels.jvm(), cost, clouds.x(),
                clouds.a(), clouds.y(), clouds.b(), settings,
                (t, total, eps) -> iterations.add(t), 0);

        int length = result.schedule().length;
        assertEquals(IntStream.range(0, length).boxed().toList(), iterations);
        assertTrue(result.keptPairs().xy() < 1, "test setup: truncated " + result.keptPairs());
        assertTrue(result.refinement().converged(), "test setup: " + result.refinement());
        FinalStep reference = refinedSingleScale(cost, clouds, c, diameter, settings.rho());
        FinalStep step = result.finalStep();
        assertClose(reference.fBA(), result.toOriginalOrderX(step.fBA().potential(), 1), 1e-4);
        assertClose(reference.gAB(), result.toOriginalOrderY(step.gAB().potential(), 1), 1e-4);
        assertClose(reference.gradient(reference.fBA(), c.d()),
                result.toOriginalOrderX(step.gradient(step.fBA(), c.d()), c.d()), 5e-4);
        assertClose(reference.gradient(reference.gAB(), c.d()),
                result.toOriginalOrderY(step.gradient(step.gAB(), c.d()), c.d()), 5e-4);
        if (c.debias()) {
            assertClose(reference.fAA(), result.toOriginalOrderX(step.fAA().potential(), 1), 1e-4);
            assertClose(reference.gBB(), result.toOriginalOrderY(step.gBB().potential(), 1), 1e-4);
        }
    }

    private static FinalStep refinedSingleScale(GroundCost cost, MultiscaleSinkhornTest.Clouds clouds,
                                                Case c, double diameter, double rho) {
        var k = Kernels.jvm();
        PointArray x = clouds.x();
        PointArray y = clouds.y();
        var operators = new SymmetricSinkhorn.Operators(PointSoftmin.dense(k, cost, x, y),
                PointSoftmin.dense(k, cost, y, x),
                c.debias() ? PointSoftmin.dense(k, cost, x, x) : null,
                c.debias() ? PointSoftmin.dense(k, cost, y, y) : null);
        double[] schedule = EpsilonSchedule.geomloss(c.p(), diameter, c.blur(), 0.5);
        AnnealingDriver.Result run = AnnealingDriver.run(
                SingleScale.of(operators, clouds.a(), clouds.b()),
                new AnnealingDriver.Settings(schedule, rho, AnnealingDriver.Start.SOFTMIN_OF_ZERO,
                        REFINEMENT, Level.DEBUG), SinkhornProgress.NONE);
        assertTrue(run.refinement().converged());
        return run.finalStep();
    }

    private static void assertClose(FinalStep.Direction expected, double[] actual, double rtol) {
        assertClose(expected.potential(), actual, rtol);
    }

    private static void assertClose(double[] expected, double[] actual, double rtol) {
        double error = SinkhornReadout.relativeError(actual, expected);
        assertTrue(error < rtol, "normwise relative error " + error + " >= " + rtol);
    }
}
