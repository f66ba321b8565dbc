package org.geomloss.multiscale;

import java.util.Arrays;
import java.util.Random;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.SinkhornProgress;

/**
 * Time of the debiased balanced Sinkhorn divergence, p = 2, value and both position gradients,
 * between two independent uniform clouds of N points in the unit cube, on a multiscale plan; first
 * a 10,000-point single-scale online run of the same loss, for the ratio.
 *
 * <p>Usage: {@code PyramidSweep plan blur N[,N...]} with plan {@code PYRAMID} or {@code TWO_SCALE}.
 */
public final class PyramidSweep {

    private PyramidSweep() {
    }

    public static void main(String[] args) {
        MultiscalePlan plan = MultiscalePlan.valueOf(args[0]);
        double blur = Double.parseDouble(args[1]);
        int[] sizes = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        PointKernels kernels = Kernels.jvm();
        System.out.printf("kernels=%s threads=%d maxHeap=%dMiB%n", kernels.name(),
                ComputePool.parallelism(), Runtime.getRuntime().maxMemory() >> 20);
        PointArray[] small = clouds(10_000);
        double[] w = uniform(10_000);
        long start = System.nanoTime();
        long cpu = cpuNanos();
        FinalStep step = SinkhornReadout.plainLoop(kernels, GroundCost.HALF_SQUARED_EUCLIDEAN,
                small[0], w, small[1], w, 2, blur, Double.POSITIVE_INFINITY,
                SinkhornReadout.diameter(small[0], small[1]), 0.5);
        double online = SinkhornReadout.balancedDebiased(step, w, w, 3).value();
        System.out.printf("online N=10000: %.2f s (cpu %.2f s) value %.6e%n",
                (System.nanoTime() - start) * 1e-9, (cpuNanos() - cpu) * 1e-9, online);
        for (int n : sizes) {
            PointArray[] c = clouds(n);
            double[] weights = uniform(n);
            start = System.nanoTime();
            cpu = cpuNanos();
            MultiscaleSettings settings = new MultiscaleSettings(plan, 2, blur,
                    Double.POSITIVE_INFINITY, SinkhornReadout.diameter(c[0], c[1]), 0.5, 5.0,
                    null, null, true, true);
            MultiscaleResult result = MultiscaleSinkhorn.solve(kernels,
                    GroundCost.HALF_SQUARED_EUCLIDEAN, c[0], weights, c[1], weights, settings,
                    SinkhornProgress.NONE);
            SinkhornReadout.Divergence d = SinkhornReadout.balancedDebiased(result, 3);
            System.out.printf("%s N=%d: %.2f s (cpu %.2f s) value %.6e kept xy %.3e visited %.3e%n",
                    plan, n, (System.nanoTime() - start) * 1e-9, (cpuNanos() - cpu) * 1e-9,
                    d.value(), result.keptPairs().xy(),
                    (double) result.keptPairs().visitedPairs());
        }
    }

    /** CPU time of the whole process: less sensitive than wall time to other jobs on the machine. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static PointArray[] clouds(int n) {
        Random random = new Random(n);
        float[] x = new float[3 * n];
        float[] y = new float[3 * n];
        for (int k = 0; k < 3 * n; k++) {
            x[k] = random.nextFloat();
            y[k] = random.nextFloat();
        }
        return new PointArray[] {new PointArray(x, n, 3), new PointArray(y, n, 3)};
    }

    static double[] uniform(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        return w;
    }
}
