package org.geomloss.examples.images;

import java.time.Instant;
import org.geomloss.images.GridLossResult;
import org.geomloss.images.ImagesLoss;
import org.geomloss.images.VolumesLoss;
import org.geomloss.kernels.ComputePool;

/**
 * Times ImagesLoss on a 512 x 512 pair and VolumesLoss on a 128^3 pair (value and gradients, default
 * settings: p = 2, blur = one pixel, scaling 0.5, debiased, multiscale), and checks each result
 * against the closed form it should approach: two translated copies of one shape are at divergence
 * about {@code |shift|^2 / 2}.
 *
 * <p>Prints wall-clock times and the process CPU time (all threads, JIT and GC included), which is
 * the better figure on a machine shared with other work.
 *
 * <p>Arguments: {@code [imageSize [volumeSize [repetitions]]]}, defaults 512, 128, 3. Threads: system
 * property {@code geomloss.threads}.
 */
public final class GridLossTimings {

    private GridLossTimings() {
    }

    public static void main(String[] args) {
        int imageSize = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int volumeSize = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("date %s, %d threads, %s %s, %s%n", Instant.now(),
                ComputePool.parallelism(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("os.arch"));

        double shift = 0.1;
        double[] a = Shapes.disk(imageSize, 0.45 - shift / 2, 0.5, 0.2);
        double[] b = Shapes.disk(imageSize, 0.45 + shift / 2, 0.5, 0.2);
        ImagesLoss images = ImagesLoss.builder().build();
        time("ImagesLoss " + imageSize + "x" + imageSize, repetitions, shift,
                () -> images.valueAndGradients(a, b, imageSize, imageSize));

        double[] u = Shapes.ball(volumeSize, 0.45 - shift / 2, 0.5, 0.5, 0.25);
        double[] v = Shapes.ball(volumeSize, 0.45 + shift / 2, 0.5, 0.5, 0.25);
        VolumesLoss volumes = VolumesLoss.builder().build();
        time("VolumesLoss " + volumeSize + "^3", repetitions, shift,
                () -> volumes.valueAndGradients(u, v, volumeSize, volumeSize, volumeSize));
    }

    private static void time(String label, int repetitions, double shift,
                             java.util.function.Supplier<GridLossResult> run) {
        GridLossResult warm = run.get();
        double best = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY;
        double total = 0;
        for (int r = 0; r < repetitions; r++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            GridLossResult result = run.get();
            double seconds = (System.nanoTime() - start) * 1e-9;
            bestCpu = Math.min(bestCpu, (processCpuNanos() - cpuStart) * 1e-9);
            best = Math.min(best, seconds);
            total += seconds;
            if (result.value() != warm.value()) {
                throw new IllegalStateException("non-deterministic result");
            }
        }
        double expected = 0.5 * shift * shift;
        System.out.printf("%-22s value %.6f (|shift|^2/2 = %.6f, rel. diff %.2e)  wall best %.3f s, "
                        + "mean %.3f s; process CPU best %.3f s; %d runs after 1 warm-up%n", label,
                warm.value(), expected, Math.abs(warm.value() - expected) / expected, best,
                total / repetitions, bestCpu, repetitions);
    }

    /** CPU time of the whole process: robust to other processes sharing the cores. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
