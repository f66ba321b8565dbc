package org.geomloss.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.RadialKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of each reduction of {@link PointKernels} on the JVM's best kernels, by dimension:
 * {@code softmin} and {@code softminGradient} (p = 2, eps = 0.01), {@code kernelSum} and
 * {@code kernelGradient} (Gaussian, sigma = 0.1), N = M, {@code x}, {@code y} uniform in the unit cube
 * ({@code y} shifted by 0.1 on the first axis). Rates as in {@link SoftminBenchmark}: {@code pairs}
 * per second and {@code cpuNanos} per second. The setup compares 8 rows with the scalar kernels
 * (relative 1e-4 of the row's scale) and fails the run when they disagree.
 *
 * <p>{@code structure} sets the pairs the soft-min reductions visit: {@code dense}, or a block-sparse
 * structure like the multiscale backend's, {@code blocks64} (row blocks of 64 rows, each keeping 16
 * column ranges of 100 columns) or {@code blocks32} (32 rows, 20 ranges of 30 columns), ranges at
 * random places; {@code pairs} counts the visited pairs only. The kernel sums are always dense.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ReductionsBenchmark {

    private static final double EPS = 0.01;
    private static final double SIGMA = 0.1;
    private static final int CHECKED_ROWS = 8;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Param({"softmin", "softminGradient", "kernelSum", "kernelGradient"})
    public String reduction;

    @Param({"1", "2", "3", "5"})
    public int d;

    @Param({"10000"})
    public int n;

    @Param({"1"})
    public int threads;

    @Param({"dense"})
    public String structure;

    private PointKernels kernels;
    private PointArray x;
    private PointArray y;
    private double[] h;
    private double[] potential;
    private BlockSparsity blocks;
    private long pairs;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        ComputePool.setParallelism(threads);
        kernels = Kernels.jvm();
        SplittableRandom random = new SplittableRandom(7);
        x = points(random, n, 0.0);
        y = points(random, n, 0.1);
        h = new double[n];
        for (int j = 0; j < n; j++) {
            h[j] = -Math.log(n) + 0.2 * (random.nextDouble() - 0.5) / EPS;
        }
        blocks = switch (structure) {
            case "dense" -> BlockSparsity.dense(n, n);
            case "blocks64" -> randomBlocks(random, 64, 16, 100);
            case "blocks32" -> randomBlocks(random, 32, 20, 30);
            default -> throw new IllegalArgumentException("unknown structure " + structure);
        };
        if (reduction.startsWith("kernel")) {
            blocks = BlockSparsity.dense(n, n);
        }
        potential = new double[n];
        kernels.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, x, y, h, EPS, blocks, potential);
        pairs = blocks.pairCount();
        out = new double[reduction.endsWith("Gradient") ? n * d : n];
        checkAgainstScalar();
    }

    @Benchmark
    public double[] reduce(SoftminBenchmark.Counters counters) {
        long cpuStart = OS.getProcessCpuTime();
        run(kernels, x, potential, blocks, out);
        counters.cpuNanos += OS.getProcessCpuTime() - cpuStart;
        counters.pairs += pairs;
        return out;
    }

    private void run(PointKernels implementation, PointArray targets, double[] targetPotential,
                     BlockSparsity structure, double[] result) {
        double[] w = h; // any signed weights will do for the kernel sums
        switch (reduction) {
            case "softmin" -> implementation.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, targets, y, h,
                    EPS, structure, result);
            case "softminGradient" -> implementation.softminGradient(
                    GroundCost.HALF_SQUARED_EUCLIDEAN, targets, y, h, EPS,
                    targetPotential, structure, result);
            case "kernelSum" -> implementation.kernelSum(RadialKernel.GAUSSIAN, SIGMA, targets, y, w,
                    result);
            case "kernelGradient" -> implementation.kernelGradient(RadialKernel.GAUSSIAN, SIGMA,
                    targets, y, w, result);
            default -> throw new IllegalArgumentException("unknown reduction " + reduction);
        }
    }

    /** Runs the first rows through the scalar kernels and compares them with the benchmarked ones. */
    private void checkAgainstScalar() {
        run(kernels, x, potential, blocks, out);
        PointArray head = new PointArray(Arrays.copyOf(x.coords(), CHECKED_ROWS * d),
                CHECKED_ROWS, d);
        double[] expected = new double[out.length / n * CHECKED_ROWS];
        int ranges = blocks.rangeOffsets()[1];
        BlockSparsity firstRows = new BlockSparsity(new int[] {0, CHECKED_ROWS},
                new int[] {0, ranges}, Arrays.copyOf(blocks.columnRanges(), 2 * ranges));
        run(Kernels.scalar(), head, Arrays.copyOf(potential, CHECKED_ROWS), firstRows, expected);
        double scale = 0.0;
        for (double value : expected) {
            scale = Math.max(scale, Math.abs(value));
        }
        for (int k = 0; k < expected.length; k++) {
            if (!(Math.abs(out[k] - expected[k]) <= 1e-4 * scale)) {
                throw new IllegalStateException(reduction + " entry " + k + ": " + kernels.name()
                        + " gives " + out[k] + ", the scalar reference " + expected[k]);
            }
        }
    }

    /** Row blocks of {@code rows} rows, each keeping {@code ranges} ranges of {@code length} columns. */
    private BlockSparsity randomBlocks(SplittableRandom random, int rows, int ranges, int length) {
        int blockCount = (n + rows - 1) / rows;
        int[] rowStarts = new int[blockCount + 1];
        int[] offsets = new int[blockCount + 1];
        int[] columnRanges = new int[2 * ranges * blockCount];
        int slot = n / ranges;
        for (int k = 0; k < blockCount; k++) {
            rowStarts[k + 1] = Math.min(n, (k + 1) * rows);
            offsets[k + 1] = (k + 1) * ranges;
            for (int r = 0; r < ranges; r++) { // one range in each of the slots of n / ranges columns
                int start = r * slot + random.nextInt(slot - length + 1);
                columnRanges[2 * (k * ranges + r)] = start;
                columnRanges[2 * (k * ranges + r) + 1] = start + length;
            }
        }
        return new BlockSparsity(rowStarts, offsets, columnRanges);
    }

    private PointArray points(SplittableRandom random, int count, double firstAxisShift) {
        float[] coords = new float[count * d];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = (float) (random.nextDouble() + (k % d == 0 ? firstAxisShift : 0.0));
        }
        return new PointArray(coords, count, d);
    }
}
