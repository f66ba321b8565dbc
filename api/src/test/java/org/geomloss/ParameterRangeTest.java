package org.geomloss;

import static org.geomloss.SamplesLossValidationTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.geomloss.images.ImagesBarycenter;
import org.geomloss.images.ImagesLoss;
import org.geomloss.images.RegularGrid;
import org.geomloss.images.VolumesLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The valid ranges of {@link NumericRange} at every entry point (points, weights, blur, reach, the
 * blur against the problem's diameter, image pixels) and null arguments named in the
 * {@link NullPointerException}.
 */
class ParameterRangeTest {

    private static final Measure X = Measure.of(new double[][] {{0, 0}, {1, 0}, {0, 1}});
    private static final Measure Y = Measure.of(new double[][] {{0.5, 0.5}, {1, 1}});

    @Test
    void theRangesFollowFromFloat32AndFloat64() {
        assertEquals(Math.sqrt(Float.MAX_VALUE / 4.0), NumericRange.MAX_POINT_NORM);
        assertTrue(NumericRange.MAX_POINT_NORM > 9.2e18 && NumericRange.MAX_POINT_NORM < 9.3e18);
        double extremeCost = NumericRange.MAX_TOTAL_MASS * NumericRange.MAX_TOTAL_MASS
                * Float.MAX_VALUE;
        assertTrue(Double.isFinite(extremeCost), "m_a m_b C_max is finite at the largest masses");
    }

    @Test
    void pointsWhoseSquaredDistancesOverflowFloat32AreRefused() {
        assertRejected(() -> Measure.of(new double[][] {{0, 1e20}}), "points[0][1]", "1.0E20",
                "|x| <= 9.2");
        assertRejected(() -> Measure.of(new float[][] {{0, 0, 0}, {6e18f, 6e18f, 6e18f}}),
                "points[1]", "norm 1.03", "9.22e+18");
        Measure.of(new double[][] {{0, 9e18}, {0, -9e18}});
    }

    @Test
    void weightsWhoseSumOverflowsAreRefused() {
        assertRejected(() -> Measure.of(new double[][] {{0}, {1}}, new double[] {1e308, 1e308}),
                "weights", "Infinity", "1.00e+134");
        assertRejected(() -> Measure.of(new double[][] {{0}}, new double[] {1e200}), "weights",
                "1.0E200", "mass <= 1.00e+134");
        assertRejected(() -> Measure.of(new double[][] {{0}}, new double[] {0}), "weights", "0.0");
    }

    @Test
    void temperaturesOutsideFloat64AreRefusedAtBuild() {
        assertRejected(() -> SamplesLoss.builder().blur(1e-160).build(), "blur", "1.0E-160",
                "valid: blur in [1.49e-154, 1.34e+154] for p = 2");
        assertRejected(() -> SamplesLoss.builder().blur(1e-200).backend(Backend.TENSORIZED).build(),
                "blur", "1.0E-200");
        assertRejected(() -> SamplesLoss.builder().blur(1e200).build(), "blur", "1.0E200");
        assertRejected(() -> SamplesLoss.builder().loss(Loss.GAUSSIAN).blur(1e-200).build(),
                "blur", "1.0E-200");
        assertRejected(() -> SamplesLoss.builder().reach(1e-200).build(), "reach", "1.0E-200",
                "valid: reach in");
        assertRejected(() -> SamplesLoss.builder().p(1).loss(Loss.LAPLACIAN).blur(1e-310).build(),
                "blur", "1.0E-310", "for p = 1");
        SamplesLoss.builder().loss(Loss.ENERGY).blur(1e-200).build();
        SamplesLoss.builder().p(1).blur(1e-300).build();
    }

    @Test
    void aTemperatureFloat64CannotResolveNextToTheCostsIsRefusedWithTheDiameter() {
        SamplesLoss loss = SamplesLoss.builder().blur(1e-150).backend(Backend.TENSORIZED).build();
        Measure far = Measure.of(new double[][] {{0, 0}, {1e10, 0}});
        assertRejected(() -> loss.value(far, far), "blur", "1.0E-150", "diameter 1.0E10",
                "valid: blur >= 149 (diameter * 1.49e-08)");
        SamplesLoss given = SamplesLoss.builder().blur(1e-150).diameter(1e10).build();
        assertRejected(() -> given.value(X, Y), "blur", "1.0E-150", "diameter 1.0E10");
        // Unit-scale clouds (diameter sqrt(2)): blur^2 = 1e-18 is below ulp(1) = 2.2e-16, where the
        // float64 plan gave infinite gradients; 1e-6 is resolved.
        SamplesLoss tiny = SamplesLoss.builder().blur(1e-9).backend(Backend.TENSORIZED).build();
        assertRejected(() -> tiny.valueAndGradients(X, Y), "blur", "1.0E-9", "2^52",
                "valid: blur >= 2.11e-08");
        LossGradients resolved = SamplesLoss.builder().blur(1e-6).backend(Backend.TENSORIZED)
                .build().valueAndGradients(X, Y);
        assertTrue(Double.isFinite(resolved.value()));
        for (double g : resolved.gradX()) {
            assertTrue(Double.isFinite(g) && Math.abs(g) <= 1.0 / 3 * Math.sqrt(2),
                    "|dS/dx_i| <= a_i * diameter, got " + g);
        }
        SamplesLoss reach = SamplesLoss.builder().blur(1e4).reach(1e-150).build();
        assertRejected(() -> reach.value(far, far), "reach", "1.0E-150", "diameter 1.0E10",
                "overflows float64");
        SamplesLoss.builder().loss(Loss.GAUSSIAN).blur(1e-150).build().value(far, far);
    }

    @Test
    void samplesLossNamesNullArguments() {
        SamplesLoss loss = SamplesLoss.builder().build();
        MeasureBatch batch = MeasureBatch.of(X);
        assertNamed("y", () -> loss.value(X, null));
        assertNamed("x", () -> loss.value(null, Y));
        assertNamed("y", () -> loss.valueAndGradients(X, null));
        assertNamed("x", () -> loss.potentials(null, Y));
        assertNamed("y", () -> loss.value(batch, null));
        assertNamed("x", () -> loss.valueAndGradients(null, batch));
        assertNamed("y", () -> loss.potentials(batch, null));
        assertNamed("name", () -> SamplesLoss.builder().set(null, 1));
        assertNamed("measures[1]", () -> MeasureBatch.of(X, null));
        assertNamed("measures", () -> MeasureBatch.of((List<Measure>) null));
        assertNamed("name", () -> Loss.fromName(null));
        assertNamed("name", () -> Backend.fromName(null));
    }

    @Test
    void measureNamesNullArraysAndRows() {
        assertNamed("points[1]", () -> Measure.of(new double[][] {{0, 0}, null}));
        assertNamed("points[0]", () -> Measure.of(new float[][] {null, {0}}));
        assertNamed("points", () -> Measure.of((double[][]) null));
        assertNamed("coords", () -> Measure.ofFlat((float[]) null, 1, 1, null));
        assertNamed("coords", () -> Measure.ofFlat((double[]) null, 1, 1, null));
    }

    @Test
    void imagesRefuseOverflowingPixelsAndTemperatures() {
        ImagesLoss loss = ImagesLoss.builder().build();
        double[] huge = {1e308, 1e308, 1e308, 1e308};
        double[] one = {0.25, 0.25, 0.25, 0.25};
        assertRejected(() -> loss.value(huge, one, 2, 2), "a", "Infinity", "1.00e+134");
        assertRejected(() -> ImagesLoss.builder().blur(1e-200).build(), "blur", "1.0E-200");
        assertRejected(() -> VolumesLoss.builder().reach(1e-200).build(), "reach", "1.0E-200");
        assertRejected(() -> ImagesLoss.builder().p(1).blur(1e-310).build(), "blur", "1.0E-310",
                "for p = 1");
        assertRejected(() -> ImagesBarycenter.builder().blur(1e-200).build(), "blur", "1.0E-200");
        assertNamed("a", () -> loss.value(null, one, 2, 2));
        assertNamed("shape", () -> new RegularGrid(null, 1));
        assertNamed("b", () -> loss.valueAndGradients(new double[][] {one}, null, 2, 2));
        assertNamed("images", () -> ImagesBarycenter.builder().build().compute(null,
                new double[] {1}, 2, 2));
    }

    private static void assertNamed(String argument, Executable call) {
        assertEquals(argument, assertThrows(NullPointerException.class, call).getMessage());
    }
}
