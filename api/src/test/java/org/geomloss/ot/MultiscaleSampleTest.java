package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.geomloss.kernels.Precision;
import org.geomloss.multiscale.MultiscalePlan;
import org.geomloss.sinkhorn.ProgressReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OT#solveSample} on the multiscale backend against the online solver of the same precision.
 * Float32: against the online float32 solver, both refined
 * to a marginal error of 1e-7 (measured on their float32 soft-mins): they end at the same fixed point, so the potentials agree within
 * {@code rtol 1e-4} normwise and the values within 1e-4 (the float32 tolerances of the golden
 * suite), balanced and unbalanced, debiased or not, in 1 to 3 dimensions, for both plans.
 */
class MultiscaleSampleTest {

    private static final double TOL = 1e-7;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(MultiscalePlan.PYRAMID, 2, null, false),
                Arguments.of(MultiscalePlan.PYRAMID, 3, null, true),
                Arguments.of(MultiscalePlan.PYRAMID, 1, 0.3, true),
                Arguments.of(MultiscalePlan.TWO_SCALE, 2, 0.5, false));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void agreesWithTheOnlineSolverAtConvergence(MultiscalePlan plan, int d, Double reach,
                                                boolean debias) {
        float[][] x = cloud(1500, d, 1 + d);
        float[][] y = cloud(1200, d, 2 + d);
        SampleOptions options = SampleOptions.blur(0.05).tol(TOL).maxExtraIter(20_000)
                .debias(debias);
        if (reach != null) {
            options = options.reach(reach);
        }
        OTResultSample online = OT.solveSample(x, y, options);
        List<ProgressReport> reports = new ArrayList<>();
        OTResultSample multiscale = OT.solveSample(x, y,
                options.multiscale(plan).progress(reports::add));

        // Both loops met the tolerance on their float32 soft-mins; the float64 plans of the
        // results are within a few times of it.
        assertTrue(online.marginalError() < 10 * TOL, "online: " + online.marginalError());
        assertTrue(multiscale.marginalError() < 10 * TOL, "multiscale: "
                + multiscale.marginalError());
        assertTrue(multiscale.backendUsed().startsWith("multiscale float32 ("
                + plan.name().toLowerCase(java.util.Locale.ROOT)), multiscale.backendUsed());
        assertClose(online.potentialA(), multiscale.potentialA(), 1e-4);
        assertClose(online.potentialB(), multiscale.potentialB(), 1e-4);
        if (debias) {
            assertClose(online.potentialAA(), multiscale.potentialAA(), 1e-4);
            assertClose(online.potentialBB(), multiscale.potentialBB(), 1e-4);
        }
        assertEquals(online.value(), multiscale.value(), 1e-4 * Math.abs(online.value()));
        // The steps are reported in the solver's units: the last temperature is reg = 2 blur^2.
        ProgressReport lastStep = reports.stream()
                .filter(r -> r.phase() == ProgressReport.Phase.ANNEALING)
                .reduce((first, second) -> second).orElseThrow();
        assertEquals(2 * 0.05 * 0.05, lastStep.eps(), 1e-15);
        assertEquals(ProgressReport.Phase.FINISHED, reports.get(reports.size() - 1).phase());
    }

    static Stream<Arguments> float64Cases() {
        return Stream.of(
                Arguments.of(MultiscalePlan.PYRAMID, 2, null),
                Arguments.of(MultiscalePlan.TWO_SCALE, 3, 0.5));
    }

    /**
     * {@code double[][]} clouds run the multiscale plans in float64 (the array type decides, as
     * on the points) and agree with the online float64 solver, both refined to 1e-12, within the
     * float64 tolerances ({@code 1e-9}); {@code float[][]} clouds with {@code precision(FLOAT64)}
     * run exactly as their widening.
     */
    @ParameterizedTest
    @MethodSource("float64Cases")
    void doubleCloudsRunInFloat64AndAgreeWithTheOnlineSolver(MultiscalePlan plan, int d,
                                                             Double reach) {
        float[][] xf = cloud(500, d, 11 + d);
        float[][] yf = cloud(400, d, 12 + d);
        double[][] x = jittered(xf, 21 + d);
        double[][] y = jittered(yf, 22 + d);
        double tol = 1e-12;
        SampleOptions options = SampleOptions.blur(0.05).tol(tol).maxExtraIter(20_000)
                .debias(true);
        if (reach != null) {
            options = options.reach(reach);
        }
        OTResultSample online = OT.solveSample(x, y, options);
        OTResultSample multiscale = OT.solveSample(x, y, options.multiscale(plan));

        assertEquals(Precision.FLOAT64, multiscale.precision());
        assertTrue(multiscale.backendUsed().startsWith("multiscale float64 ("
                + plan.name().toLowerCase(java.util.Locale.ROOT)), multiscale.backendUsed());
        assertTrue(online.marginalError() < 10 * tol, "online: " + online.marginalError());
        assertTrue(multiscale.marginalError() < 10 * tol, "multiscale: "
                + multiscale.marginalError());
        assertClose(online.potentialA(), multiscale.potentialA(), 1e-9);
        assertClose(online.potentialB(), multiscale.potentialB(), 1e-9);
        assertClose(online.potentialAA(), multiscale.potentialAA(), 1e-9);
        assertClose(online.potentialBB(), multiscale.potentialBB(), 1e-9);
        assertEquals(online.value(), multiscale.value(), 1e-9 * Math.abs(online.value()));

        SampleOptions float64 = options.multiscale(plan).precision(Precision.FLOAT64);
        OTResultSample fromFloats = OT.solveSample(xf, yf, float64);
        OTResultSample widened = OT.solveSample(Validation.widen(xf, "xf"),
                Validation.widen(yf, "yf"), float64);
        assertEquals(Precision.FLOAT64, fromFloats.precision());
        assertArrayEquals(widened.potentialA(), fromFloats.potentialA(), 0.0);
        assertEquals(widened.value(), fromFloats.value(), 0.0);
    }

    /** The float64 points {@code x + 1e-4 u}, u uniform in [0, 1): not float32 numbers. */
    private static double[][] jittered(float[][] points, long seed) {
        Random random = new Random(seed);
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = new double[points[i].length];
            for (int k = 0; k < out[i].length; k++) {
                out[i][k] = points[i][k] + 1e-4 * random.nextDouble();
            }
        }
        return out;
    }

    private static float[][] cloud(int n, int d, long seed) {
        Random random = new Random(seed);
        float[][] points = new float[n][d];
        for (float[] point : points) {
            for (int k = 0; k < d; k++) {
                point[k] = (float) (random.nextGaussian() * 0.2 + 0.5);
            }
        }
        return points;
    }

    private static void assertClose(double[] expected, double[] actual, double rtol) {
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            difference += (expected[i] - actual[i]) * (expected[i] - actual[i]);
            norm += expected[i] * expected[i];
        }
        double error = Math.sqrt(difference / norm);
        assertTrue(error < rtol, "normwise relative error " + error + " >= " + rtol);
    }
}
