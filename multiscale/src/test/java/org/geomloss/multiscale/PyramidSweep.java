package org.geomloss.multiscale;

import java.util.Arrays;
import java.util.Random;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.Precision;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.SinkhornProgress;

/**
 * Time of the debiased balanced Sinkhorn divergence, p = 2, value and both position gradients,
 * between two clouds of N points each, on a multiscale plan; first a 10,000-point single-scale
 * online run of the same loss on the same shape, twice (the second, warm, is the one to compare
 * with), for the ratio. Wall and process CPU time are
 * printed (CPU time is the steadier on a shared machine), the pairs the final soft-min onto x keeps,
 * the peak resident memory of the process so far (Linux {@code VmHWM}: heap, JIT and buffers) and,
 * after the timed run, the point pairs
 * within {@code truncate * blur}.
 *
 * <p>Usage: {@code PyramidSweep plan blur N[,N...] [shape]} with plan {@code PYRAMID},
 * {@code TWO_SCALE} or {@code ONLINE} (the single-scale loop at each N) and shape one of
 * {@link Shape} (default {@code CUBE}). Properties: {@code sweep.csv} (a file to append
 * {@code tool,backend,loss,n,seconds} rows to, process CPU seconds, for
 * {@code geomloss bench-plot}), {@code sweep.verbose}, {@code sweep.noCount},
 * {@code sweep.precision} (the precisions of the multiscale runs, run one after the other at each
 * N in the same process, e.g. {@code FLOAT32,FLOAT64}; default {@code FLOAT32}; the online runs
 * stay float32).
 */
public final class PyramidSweep {

    /** Logs each level (property {@code sweep.verbose}); off by default: it counts pairs in the run. */
    private static final boolean VERBOSE = Boolean.getBoolean("sweep.verbose");
    /** Counts the point pairs within {@code truncate * blur} after the timed run (not timed). */
    private static final boolean COUNT_WITHIN = !Boolean.getBoolean("sweep.noCount");
    /** The precisions of the multiscale runs (property {@code sweep.precision}). */
    private static final Precision[] PRECISIONS = Arrays.stream(
            System.getProperty("sweep.precision", "FLOAT32").split(",")).map(Precision::valueOf)
            .toArray(Precision[]::new);

    private PyramidSweep() {
    }

    public static void main(String[] args) throws java.io.IOException {
        boolean online = args[0].equals("ONLINE");
        MultiscalePlan plan = online ? null : MultiscalePlan.valueOf(args[0]);
        double blur = Double.parseDouble(args[1]);
        int[] sizes = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        Shape shape = args.length > 3 ? Shape.valueOf(args[3]) : Shape.CUBE;
        PointKernels kernels = Kernels.jvm();
        System.out.printf("kernels=%s threads=%d maxHeap=%dMiB%n", kernels.name(),
                ComputePool.parallelism(), Runtime.getRuntime().maxMemory() >> 20);
        PointArray[] small = shape.clouds(10_000);
        double[] w = uniform(10_000);
        long start = 0;
        long cpu = 0;
        for (String run : new String[] {"cold", "warm"}) {
            start = System.nanoTime();
            cpu = cpuNanos();
            double value = online(kernels, small, w, blur, shape);
            System.out.printf("online N=10000 (%s): %.2f s (cpu %.2f s) value %.6e%n", run,
                    (System.nanoTime() - start) * 1e-9, (cpuNanos() - cpu) * 1e-9, value);
        }
        for (int n : sizes) {
            PointArray[] c = shape.clouds(n);
            double[] weights = uniform(n);
            if (online) {
                start = System.nanoTime();
                cpu = cpuNanos();
                double value = online(kernels, c, weights, blur, shape);
                double cpuSeconds = (cpuNanos() - cpu) * 1e-9;
                System.out.printf("ONLINE %s N=%d: %.2f s (cpu %.2f s) value %.6e%n", shape, n,
                        (System.nanoTime() - start) * 1e-9, cpuSeconds, value);
                csv("online", n, cpuSeconds);
                continue;
            }
            for (Precision precision : PRECISIONS) {
                multiscale(plan, Kernels.jvm(precision), c, weights, blur, shape);
            }
        }
    }

    /** One timed multiscale run on {@code kernels}, with its report line and CSV row. */
    private static void multiscale(MultiscalePlan plan, PointKernels kernels, PointArray[] c,
                                   double[] weights, double blur, Shape shape)
            throws java.io.IOException {
        int n = c[0].count();
        long start = System.nanoTime();
        long cpu = cpuNanos();
        MultiscaleSettings settings = new MultiscaleSettings(plan, 2, blur,
                Double.POSITIVE_INFINITY, SinkhornReadout.diameter(c[0], c[1]), 0.5, 5.0,
                null, null, true, VERBOSE);
        MultiscaleResult result = MultiscaleSinkhorn.solve(kernels,
                GroundCost.HALF_SQUARED_EUCLIDEAN, c[0], weights, c[1], weights, settings,
                SinkhornProgress.NONE);
        SinkhornReadout.Divergence d = SinkhornReadout.balancedDebiased(result,
                shape.dimension);
        double seconds = (System.nanoTime() - start) * 1e-9;
        double cpuSeconds = (cpuNanos() - cpu) * 1e-9;
        String precision = kernels.precision().label();
        System.out.printf("%s %s " + shape + " N=%d: %.2f s (cpu %.2f s) value %.6e kept xy"
                        + " %.3e visited %.3e peak RSS %d MiB%n", plan, precision, n, seconds,
                cpuSeconds, d.value(), result.keptPairs().xy() * n * (double) n,
                (double) result.keptPairs().visitedPairs(), peakResidentMiB());
        csv((plan == MultiscalePlan.PYRAMID ? "pyramid" : "two-scale")
                + (kernels.precision() == Precision.FLOAT64 ? "-float64" : ""), n, cpuSeconds);
        if (COUNT_WITHIN) {
            FinalStep step = result.finalStep();
            System.out.printf("  point pairs within truncate*blur: %d; above -truncate*eps for the"
                            + " final potentials (GeomLoss's rule): %d%n",
                    PairsWithinReach.count(result.x(), result.y(), 5.0 * blur),
                    PairsWithinReach.count(GroundCost.HALF_SQUARED_EUCLIDEAN, result.x(),
                            step.fBA().potential(), result.y(), step.gAB().potential(),
                            5.0 * step.eps()));
        }
    }

    /** The single-scale loop (value and position gradients) on {@code clouds}; its value. */
    private static double online(PointKernels kernels, PointArray[] clouds, double[] w, double blur,
                                 Shape shape) {
        FinalStep step = SinkhornReadout.plainLoop(kernels, GroundCost.HALF_SQUARED_EUCLIDEAN,
                clouds[0], w, clouds[1], w, 2, blur, Double.POSITIVE_INFINITY,
                SinkhornReadout.diameter(clouds[0], clouds[1]), 0.5);
        return SinkhornReadout.balancedDebiased(step, w, w, shape.dimension).value();
    }

    /**
     * Appends {@code java,backend,sinkhorn,n,cpuSeconds} to the file of property
     * {@code sweep.csv} (with the header when it is new), for {@code geomloss bench-plot}.
     */
    private static void csv(String backend, int n, double cpuSeconds) throws java.io.IOException {
        String file = System.getProperty("sweep.csv");
        if (file == null) {
            return;
        }
        java.nio.file.Path path = java.nio.file.Path.of(file);
        String header = java.nio.file.Files.exists(path) ? "" : "tool,backend,loss,n,seconds\n";
        java.nio.file.Files.writeString(path, header + String.format(java.util.Locale.ROOT,
                        "java,%s,sinkhorn,%d,%.3f%n", backend, n, cpuSeconds),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** The peak resident set of this process so far (MiB; {@code VmHWM}), or -1 off Linux. */
    static long peakResidentMiB() {
        try {
            for (String line : java.nio.file.Files.readAllLines(
                    java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            return -1;
        }
        return -1;
    }

    /** CPU time of the whole process: less sensitive than wall time to other jobs on the machine. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The test clouds, x and y drawn independently (seeded by N). */
    enum Shape {
        /** Uniform in the unit cube. */
        CUBE(3),
        /** Two sphere surfaces of radius 0.25, centres 0.3 apart. */
        SPHERES(3),
        /** 20 tight Gaussian clusters (standard deviation 0.01) at random centres, per cloud. */
        CLUSTERS(3),
        /** Points on the diagonal of the unit cube: x uniform, y with density 2t. */
        LINE(3),
        /** The gallery's 2D densities: a crescent (x) and a ring (y), by rejection. */
        DENSITIES(2);

        final int dimension;

        Shape(int dimension) {
            this.dimension = dimension;
        }

        PointArray[] clouds(int n) {
            Random random = new Random(n);
            return new PointArray[] {cloud(random, n, true), cloud(random, n, false)};
        }

        private PointArray cloud(Random random, int n, boolean first) {
            float[] c = new float[dimension * n];
            double[][] centres = new double[20][3];
            for (double[] centre : centres) {
                for (int k = 0; k < 3; k++) {
                    centre[k] = 0.1 + 0.8 * random.nextDouble();
                }
            }
            for (int i = 0; i < n; i++) {
                double[] p = switch (this) {
                    case CUBE -> new double[] {random.nextDouble(), random.nextDouble(),
                            random.nextDouble()};
                    case SPHERES -> sphere(random, first ? 0.35 : 0.65);
                    case CLUSTERS -> {
                        double[] centre = centres[random.nextInt(centres.length)];
                        yield new double[] {centre[0] + 0.01 * random.nextGaussian(),
                                centre[1] + 0.01 * random.nextGaussian(),
                                centre[2] + 0.01 * random.nextGaussian()};
                    }
                    case LINE -> {
                        double t = first ? random.nextDouble() : Math.sqrt(random.nextDouble());
                        yield new double[] {t, t, t};
                    }
                    case DENSITIES -> density(random, first);
                };
                for (int k = 0; k < dimension; k++) {
                    c[i * dimension + k] = (float) p[k];
                }
            }
            return new PointArray(c, n, dimension);
        }

        private static double[] sphere(Random random, double centre) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double z = random.nextGaussian();
            double norm = Math.sqrt(a * a + b * b + z * z);
            return new double[] {centre + 0.25 * a / norm, 0.5 + 0.25 * b / norm,
                    0.5 + 0.25 * z / norm};
        }

        /** Rejection sampling of the crescent ({@code first}) or ring density of the gallery. */
        private static double[] density(Random random, boolean first) {
            while (true) {
                double x = random.nextDouble();
                double y = random.nextDouble();
                double value;
                if (first) {
                    double outer = inside(Math.hypot(x - 0.30, y - 0.35), 0.22);
                    double bite = inside(Math.hypot(x - 0.39, y - 0.44), 0.16);
                    value = outer * (1 - bite) * (0.55 + 0.45 * (1 - y));
                } else {
                    double ring = inside(Math.abs(Math.hypot(x - 0.68, y - 0.66) - 0.15), 0.06);
                    value = ring * (0.6 + 0.4 * Math.clamp((0.75 - x) / 0.2, 0.0, 1.0));
                }
                if (random.nextDouble() < value) {
                    return new double[] {x, y};
                }
            }
        }

        private static double inside(double distance, double radius) {
            return Math.clamp((radius - distance) / 0.01 + 0.5, 0.0, 1.0);
        }
    }

    static double[] uniform(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        return w;
    }
}
