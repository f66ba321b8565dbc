package org.geomloss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.geomloss.golden.Tolerance;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.Precision;
import org.geomloss.kernels.ScalarPointKernels;
import org.geomloss.multiscale.MultiscalePlan;
import org.geomloss.ot.OT;
import org.geomloss.ot.SampleOptions;
import org.junit.jupiter.api.Test;

/**
 * {@link Precision}: float64 on request, and float32 never losing a problem that float64 solves
 * (issue 15 section 2): tiny blurs switch to the float64 kernels on every backend, clouds far from
 * the origin are translated before rounding, and gradients stay within what the maths allows.
 */
class PrecisionTest {

    @Test
    void tinyBlurRunsInFloat64WithBoundedGradients() {
        for (int d : new int[] {2, 3}) {
            for (int n : new int[] {200, 2000}) {
                Measure x = cloud(n, d, 0.0, 10L * n + d);
                Measure y = cloud(n, d, 0.2, 20L * n + d);
                for (Loss loss : new Loss[] {Loss.SINKHORN, Loss.HAUSDORFF}) {
                    SamplesLoss online = SamplesLoss.builder().loss(loss).blur(1e-6)
                            .backend(Backend.ONLINE).build();
                    LossGradients r = online.valueAndGradients(x, y);
                    String what = loss + " N=" + n + " D=" + d;
                    assertEquals(Precision.FLOAT64, r.precision(), what + ": the switch is recorded");
                    assertTrue(Double.isFinite(r.value()), what + ": value " + r.value());
                    // |dS/dx_i| <= a_i * diameter holds for Sinkhorn (a difference of two
                    // soft-max means of points of the box); Hausdorff's potentials are not at a
                    // saddle point, and its gradients are checked against tensorized float64 below
                    if (loss == Loss.SINKHORN) {
                        assertGradientBound(r.gradX(), x, diameter(x, y), what + " gradX");
                        assertGradientBound(r.gradY(), y, diameter(x, y), what + " gradY");
                    }
                }
            }
        }
    }

    @Test
    void tinyBlurOnlineAgreesWithTensorizedFloat64() {
        Measure x = cloud(300, 2, 0.0, 1);
        Measure y = cloud(300, 2, 0.2, 2);
        for (Loss loss : new Loss[] {Loss.SINKHORN, Loss.HAUSDORFF}) {
            SamplesLoss.Builder builder = SamplesLoss.builder().loss(loss).blur(1e-6);
            LossGradients online = builder.backend(Backend.ONLINE).build().valueAndGradients(x, y);
            LossGradients dense = builder.backend(Backend.TENSORIZED).precision(Precision.FLOAT64)
                    .build().valueAndGradients(x, y);
            // (diameter / blur)^2 = 4e12 exponents carry float64 roundings of 1e-3 in the
            // soft-max weights: both float64 paths agree to that, float32 gave NaN or 1e15
            new Tolerance(1e-6, 1e-12).check(loss + " value", new double[] {dense.value()},
                    new double[] {online.value()});
            new Tolerance(1e-3, 0).check(loss + " gradX", dense.gradX(), online.gradX());
        }
    }

    @Test
    void tinyBlurOnMultiscaleRunsInFloat64WithBoundedGradients() {
        Measure x = cloud(500, 2, 0.0, 3);
        Measure y = cloud(500, 2, 0.2, 4);
        double diameter = diameter(x, y);
        for (MultiscalePlan plan : MultiscalePlan.values()) {
            LossGradients r = SamplesLoss.builder().blur(1e-6).backend(Backend.MULTISCALE)
                    .multiscalePlan(plan).build().valueAndGradients(x, y);
            String what = "multiscale " + plan;
            assertEquals(Precision.FLOAT64, r.precision(), what + ": the switch is recorded");
            assertEquals(Backend.MULTISCALE, r.backendUsed(), what + ": the backend is kept");
            assertTrue(Double.isFinite(r.value()), what + ": value " + r.value());
            assertGradientBound(r.gradX(), x, diameter, what + " gradX");
            assertGradientBound(r.gradY(), y, diameter, what + " gradY");
        }
    }

    @Test
    void farFromTheOriginFloat32GradientsMatchTheFloat64Ones() {
        Measure x0 = cloud(500, 2, 0.0, 5);
        Measure y0 = cloud(500, 2, 0.2, 6);
        LossGradients reference = SamplesLoss.builder().backend(Backend.TENSORIZED)
                .precision(Precision.FLOAT64).build().valueAndGradients(x0, y0);
        SamplesLoss online = SamplesLoss.builder().backend(Backend.ONLINE).build();
        // given in float64 around 1e4: translated before the float32 rounding
        Measure x = cloud(500, 2, 1e4, 5);
        Measure y = cloud(500, 2, 1e4 + 0.2, 6);
        LossGradients far = online.valueAndGradients(x, y);
        assertEquals(Precision.FLOAT32, far.precision());
        assertGradientBound(far.gradX(), x, diameter(x, y), "gradX at 1e4");
        Tolerance.FLOAT32_VALUES.check("value at 1e4", new double[] {reference.value()},
                new double[] {far.value()});
        Tolerance.FLOAT32_POSITION_GRADIENTS.check("gradX at 1e4", reference.gradX(), far.gradX());
        // given in float32 around 1e4 (rounded to 1e-3 by the caller): the float32 kernels agree
        // with float64 on the same float32 coordinates
        Measure xf = Measure.ofFlat(x.coordinates(), 500, 2, null);
        Measure yf = Measure.ofFlat(y.coordinates(), 500, 2, null);
        LossGradients farFloat = online.valueAndGradients(xf, yf);
        LossGradients floatReference = SamplesLoss.builder().backend(Backend.TENSORIZED)
                .precision(Precision.FLOAT64).build().valueAndGradients(xf, yf);
        assertGradientBound(farFloat.gradX(), xf, diameter(xf, yf), "float32 gradX at 1e4");
        Tolerance.FLOAT32_POSITION_GRADIENTS.check("float32 gradX at 1e4", floatReference.gradX(),
                farFloat.gradX());
    }

    @Test
    void float64KeepsTheCoordinatesOfMeasuresBuiltFromDoubles() {
        // 1e6 + u: float32 would round u to 0.06; float64 gives the translated problem's answer
        Measure x = cloud(100, 3, 1e6, 7);
        Measure y = cloud(100, 3, 1e6 + 0.2, 8);
        Measure x0 = cloud(100, 3, 0.0, 7);
        Measure y0 = cloud(100, 3, 0.2, 8);
        assertTrue(x.hasDoubleCoordinates());
        for (Backend backend : new Backend[] {Backend.ONLINE, Backend.TENSORIZED,
                Backend.MULTISCALE}) {
            SamplesLoss loss = SamplesLoss.builder().backend(backend).precision(Precision.FLOAT64)
                    .blur(0.01).build();
            LossGradients far = loss.valueAndGradients(x, y);
            LossGradients near = loss.valueAndGradients(x0, y0);
            assertEquals(Precision.FLOAT64, far.precision());
            new Tolerance(1e-7, 1e-12).check(backend + " value", new double[] {near.value()},
                    new double[] {far.value()});
            new Tolerance(1e-6, 1e-12).check(backend + " gradX", near.gradX(), far.gradX());
        }
    }

    @Test
    void float64RunsOnMultiscaleAndAutoKeepsTheBackendItChooses() {
        Measure x = cloud(50, 2, 0.0, 9);
        Measure y = cloud(50, 2, 0.2, 10);
        LossGradients multiscale = SamplesLoss.builder().backend(Backend.MULTISCALE)
                .precision(Precision.FLOAT64).build().valueAndGradients(x, y);
        assertEquals(Precision.FLOAT64, multiscale.precision());
        assertEquals(Backend.MULTISCALE, multiscale.backendUsed());
        // AUTO chooses multiscale above 1e8 pairs, as in float32
        Measure large = cloud(10_001, 2, 0.0, 11);
        Measure largeY = cloud(10_000, 2, 0.2, 12);
        DualPotentials auto = SamplesLoss.builder().precision(Precision.FLOAT64).blur(0.1).build()
                .potentials(large, largeY);
        assertEquals(Precision.FLOAT64, auto.precision());
        assertEquals(Backend.MULTISCALE, auto.backendUsed());
        DualPotentials small = SamplesLoss.builder().precision(Precision.FLOAT64).build()
                .potentials(x, y);
        assertEquals(Precision.FLOAT64, small.precision());
        assertEquals(Backend.ONLINE, small.backendUsed());
    }

    @Test
    void aDeviceWithoutFloat64KernelsRefusesIt() {
        Device float32Only = new Device() {
            @Override
            public String description() {
                return "test float32-only device";
            }

            @Override
            public PointKernels kernels() {
                return ScalarPointKernels.INSTANCE;
            }
        };
        for (Backend backend : new Backend[] {Backend.ONLINE, Backend.MULTISCALE}) {
            SamplesLoss loss = SamplesLoss.builder().device(float32Only)
                    .precision(Precision.FLOAT64).backend(backend).build();
            assertNamesTheDevice(assertThrows(UnsupportedOperationException.class,
                    () -> loss.value(cloud(10, 2, 0, 1), cloud(10, 2, 0, 2))));
        }
        // ot: double[][] clouds run in float64, on the points or the multiscale plans
        double[][] x = {{0, 0}, {1, 0}, {0, 1}};
        SampleOptions options = SampleOptions.blur(0.1).device(float32Only);
        for (SampleOptions solver : new SampleOptions[] {options,
                options.multiscale(MultiscalePlan.PYRAMID)}) {
            assertNamesTheDevice(assertThrows(UnsupportedOperationException.class,
                    () -> OT.solveSample(x, x, solver)));
            assertEquals(Precision.FLOAT32, OT.solveSample(x, x,
                    solver.precision(Precision.FLOAT32)).precision(), "float32 runs on it");
        }
    }

    private static void assertNamesTheDevice(UnsupportedOperationException e) {
        assertTrue(e.getMessage().contains("test float32-only device")
                && e.getMessage().contains("Devices.jvm()"), e.getMessage());
    }

    @Test
    void precisionIsAKeywordToo() {
        assertEquals(Precision.FLOAT64, SamplesLoss.builder().set("precision", "float64").build()
                .precision());
        SamplesLossValidationTest.assertRejected(() -> SamplesLoss.builder().set("dtype", "half"),
                "dtype", "half");
    }

    /** For p = 2 Sinkhorn and Hausdorff: {@code |dL/dx_i| <= a_i * diameter}. */
    private static void assertGradientBound(double[] gradient, Measure points, double diameter,
                                            String what) {
        int d = points.dimension();
        for (int i = 0; i < points.count(); i++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += gradient[i * d + k] * gradient[i * d + k];
            }
            double bound = points.weight(i) * diameter * (1 + 1e-9);
            assertTrue(Math.sqrt(norm) <= bound, what + "[" + i + "] has norm " + Math.sqrt(norm)
                    + " > a_i * diameter = " + bound);
        }
    }

    private static double diameter(Measure x, Measure y) {
        int d = x.dimension();
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (Measure m : new Measure[] {x, y}) {
            for (int i = 0; i < m.count(); i++) {
                for (int k = 0; k < d; k++) {
                    double value = m.points().doubleCoordinates()[i * d + k];
                    min[k] = Math.min(min[k], value);
                    max[k] = Math.max(max[k], value);
                }
            }
        }
        double sum = 0;
        for (int k = 0; k < d; k++) {
            sum += (max[k] - min[k]) * (max[k] - min[k]);
        }
        return Math.sqrt(sum);
    }

    /** N points uniform in the unit cube plus {@code offset} on every axis, in float64. */
    private static Measure cloud(int n, int d, double offset, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] points = new double[n][d];
        for (double[] point : points) {
            for (int k = 0; k < d; k++) {
                point[k] = offset + rng.nextDouble();
            }
        }
        return Measure.of(points);
    }
}
