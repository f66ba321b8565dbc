package org.geomloss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.geomloss.images.ImagesBarycenter;
import org.geomloss.images.ImagesLoss;
import org.geomloss.images.VolumesLoss;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.CostFunction;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.RadialKernel;
import org.geomloss.ot.BatchSolveOptions;
import org.geomloss.ot.OT;
import org.geomloss.ot.OTResultSample;
import org.geomloss.ot.SampleOptions;
import org.geomloss.ot.SampleProblem;
import org.geomloss.ot.SolveOptions;
import org.junit.jupiter.api.Test;

/**
 * Every entry point takes a {@link Device}: a solver runs its soft-mins on it and names it in its
 * results, or refuses it with a message naming the device; nothing moves to the JVM silently.
 */
class DeviceChoiceTest {

    /** A device other than the JVM whose kernels count their calls (the scalar ones inside). */
    private static final class CountingDevice implements Device {
        final AtomicInteger calls = new AtomicInteger();
        private final PointKernels kernels = new PointKernels() {
            private final PointKernels scalar = Kernels.scalar();

            @Override
            public String name() {
                return "counting";
            }

            @Override
            public void softmin(CostFunction cost, PointArray x, PointArray y, double[] h,
                                double eps, BlockSparsity blocks, double[] out) {
                calls.incrementAndGet();
                scalar.softmin(cost, x, y, h, eps, blocks, out);
            }

            @Override
            public void softminGradient(CostFunction cost, PointArray x, PointArray y, double[] h,
                                        double eps, double[] softmin, BlockSparsity blocks,
                                        double[] out) {
                calls.incrementAndGet();
                scalar.softminGradient(cost, x, y, h, eps, softmin, blocks, out);
            }

            @Override
            public void kernelSum(RadialKernel kernel, double sigma, PointArray x, PointArray y,
                                  double[] w, double[] out) {
                calls.incrementAndGet();
                scalar.kernelSum(kernel, sigma, x, y, w, out);
            }

            @Override
            public void kernelGradient(RadialKernel kernel, double sigma, PointArray x,
                                       PointArray y, double[] w, double[] out) {
                calls.incrementAndGet();
                scalar.kernelGradient(kernel, sigma, x, y, w, out);
            }
        };

        @Override
        public String description() {
            return "counting test device";
        }

        @Override
        public PointKernels kernels() {
            return kernels;
        }
    }

    private static final double[][] X = {{0, 0}, {1, 0}, {0, 1}, {0.5, 0.2}};
    private static final double[][] Y = {{0.5, 0.5}, {2, 0}, {1, 1}};

    private static float[][] narrow(double[][] points) {
        float[][] out = new float[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = new float[points[i].length];
            for (int k = 0; k < points[i].length; k++) {
                out[i][k] = (float) points[i][k];
            }
        }
        return out;
    }

    private static void assertNamesTheDevice(RuntimeException e) {
        assertTrue(e.getMessage().startsWith("device: "), e.getMessage());
        assertTrue(e.getMessage().contains("counting test device"), e.getMessage());
    }

    @Test
    void samplesLossRunsOnTheChosenDeviceAndSaysSo() {
        CountingDevice device = new CountingDevice();
        for (Backend backend : List.of(Backend.ONLINE, Backend.AUTO)) {
            int before = device.calls.get();
            LossGradients r = SamplesLoss.builder().backend(backend).device(device).build()
                    .valueAndGradients(Measure.of(X), Measure.of(Y));
            assertEquals("counting test device", r.device());
            assertTrue(device.calls.get() > before, backend + " ran on the device");
        }
        int before = device.calls.get();
        LossGradients energy = SamplesLoss.builder().loss(Loss.ENERGY).backend(Backend.TENSORIZED)
                .device(device).build().valueAndGradients(Measure.of(X), Measure.of(Y));
        assertEquals("counting test device", energy.device());
        assertTrue(device.calls.get() > before, "the kernel norms stream on the device");
    }

    @Test
    void tensorizedSinkhornAndHausdorffRefuseAnotherDevice() {
        for (Loss loss : List.of(Loss.SINKHORN, Loss.HAUSDORFF)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> SamplesLoss.builder().loss(loss).backend(Backend.TENSORIZED)
                            .device(new CountingDevice()).build());
            assertTrue(e.getMessage().startsWith("backend: TENSORIZED"), e.getMessage());
            assertTrue(e.getMessage().contains("counting test device"), e.getMessage());
        }
        LossGradients onJvm = SamplesLoss.builder().backend(Backend.TENSORIZED).build()
                .valueAndGradients(Measure.of(X), Measure.of(Y));
        assertTrue(onJvm.device().startsWith(Devices.jvm().description()), onJvm.device());
    }

    @Test
    void float32SolveSampleRunsOnTheChosenDevice() {
        CountingDevice device = new CountingDevice();
        OTResultSample r = OT.solveSample(narrow(X), narrow(Y),
                SampleOptions.blur(0.3).device(device));
        assertTrue(r.backendUsed().endsWith("on counting test device"), r.backendUsed());
        assertTrue(device.calls.get() > 0);
        OTResultSample batch = OT.solveSampleBatch(List.of(SampleProblem.of(X, Y)),
                SampleOptions.blur(0.3)).get(0);
        assertTrue(batch.backendUsed().contains(Devices.jvm().description()), batch.backendUsed());
    }

    @Test
    void float64SolversRefuseAnotherDevice() {
        CountingDevice device = new CountingDevice();
        assertNamesTheDevice(assertThrows(UnsupportedOperationException.class,
                () -> OT.solveSample(X, Y, SampleOptions.blur(0.3).device(device))));
        double[][] cost = {{0, 1}, {1, 0}};
        assertNamesTheDevice(assertThrows(UnsupportedOperationException.class,
                () -> OT.solve(cost, SolveOptions.reg(0.1).device(device))));
        assertNamesTheDevice(assertThrows(UnsupportedOperationException.class,
                () -> OT.solveBatch(new double[][][] {cost}, BatchSolveOptions.reg(0.1)
                        .device(device))));
        assertEquals(0, device.calls.get(), "nothing ran");
    }

    @Test
    void gridSolversRefuseAnotherDeviceAndNameTheJvm() {
        CountingDevice device = new CountingDevice();
        assertNamesTheDevice(assertThrows(UnsupportedOperationException.class,
                () -> ImagesLoss.builder().device(device)));
        assertNamesTheDevice(assertThrows(UnsupportedOperationException.class,
                () -> VolumesLoss.builder().device(device)));
        assertNamesTheDevice(assertThrows(UnsupportedOperationException.class,
                () -> ImagesBarycenter.builder().device(device)));
        assertThrows(NullPointerException.class, () -> ImagesLoss.builder().device(null));
        double[] a = {0.25, 0.25, 0.25, 0.25};
        double[] b = {0.1, 0.2, 0.3, 0.4};
        assertEquals(Devices.jvm().description(), ImagesLoss.builder().device(Devices.jvm())
                .build().valueAndGradients(a, b, 2, 2).deviceUsed());
    }
}
