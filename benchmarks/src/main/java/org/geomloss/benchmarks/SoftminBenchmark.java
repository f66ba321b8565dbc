package org.geomloss.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.Precision;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Throughput of one dense soft-min {@code out_i = -eps log sum_j exp(h_j - c(x_i, y_j) / eps)} with
 * GeomLoss's {@code p = 2} cost {@code c = |x - y|^2 / 2} ({@code -p cost=EUCLIDEAN} for
 * {@code p = 1}), in pairs per second, reported by the {@code pairs} counter:
 * divide by 1e9 for G pairs/s (see {@link Counters} for the per-CPU-second rate).
 *
 * <p>Data as in CPU_KERNELS.md: D = 3, {@code x} uniform in {@code [0,1]^3}, {@code y} in
 * {@code [0.1,1.1] x [0,1]^2}, {@code h_j = -log M + 0.2 (u_j - 1/2) / eps}, {@code eps = 0.01}.
 * Parameters: {@code n = N = M}, {@code kernels} ({@code scalar} or {@code vector}),
 * {@code precision} ({@code FLOAT32}, or {@code FLOAT64} for the float64 kernels on the same
 * coordinates) and {@code threads} (the size of the {@link ComputePool}). The setup checks 16 rows of the result
 * against the scalar float64 kernels and fails the run when they disagree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SoftminBenchmark {

    private static final int DIMENSION = 3;
    private static final int CHECKED_ROWS = 16;

    @Param({"2000", "10000", "50000"})
    public int n;

    @Param({"vector", "scalar"})
    public String kernels;

    @Param({"FLOAT32"})
    public Precision precision;

    @Param({"1", "2"})
    public int threads;

    @Param({"0.01"})
    public double eps;

    @Param({"HALF_SQUARED_EUCLIDEAN"})
    public GroundCost cost;

    private PointKernels implementation;
    private PointArray x;
    private PointArray y;
    private double[] h;
    private BlockSparsity blocks;
    private double[] out;

    /**
     * Counters reported as rates next to the calls per second: {@code pairs} (pairs per second) and
     * {@code cpuNanos} (process CPU nanoseconds per second, i.e. 1e9 times the number of busy CPUs).
     * On a shared machine, {@code pairs / cpuNanos * 1e9} is the throughput per CPU-second, which
     * other processes disturb much less than the wall-clock rate.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long pairs;
        public long cpuNanos;
    }

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Setup(Level.Trial)
    public void setUp() {
        ComputePool.setParallelism(threads);
        implementation = switch (kernels) {
            case "scalar" -> Kernels.scalar(precision);
            case "vector" -> Kernels.jvm(precision);
            default -> throw new IllegalArgumentException("kernels must be scalar or vector, got "
                    + kernels);
        };
        if (kernels.equals("vector") && !implementation.name().startsWith("vector")) {
            throw new IllegalStateException("the Vector API kernels did not load: "
                    + implementation.name());
        }
        SplittableRandom random = new SplittableRandom(42);
        x = new PointArray(uniform(random, n, 0.0), n, DIMENSION);
        y = new PointArray(uniform(random, n, 0.1), n, DIMENSION);
        h = new double[n];
        for (int j = 0; j < n; j++) {
            h[j] = -Math.log(n) + 0.2 * (random.nextDouble() - 0.5) / eps;
        }
        blocks = BlockSparsity.dense(n, n);
        out = new double[n];
        checkAgainstScalar();
    }

    @Benchmark
    public double[] softmin(Counters counters) {
        long cpuStart = OS.getProcessCpuTime();
        implementation.softmin(cost, x, y, h, eps, blocks, out);
        counters.cpuNanos += OS.getProcessCpuTime() - cpuStart;
        counters.pairs += (long) n * n;
        return out;
    }

    /** Runs the benchmarked kernels once and compares some rows with the scalar reference. */
    private void checkAgainstScalar() {
        implementation.softmin(cost, x, y, h, eps, blocks, out);
        float[] rows = new float[CHECKED_ROWS * DIMENSION];
        int step = n / CHECKED_ROWS;
        for (int r = 0; r < CHECKED_ROWS; r++) {
            System.arraycopy(x.coords(), r * step * DIMENSION, rows, r * DIMENSION, DIMENSION);
        }
        double[] expected = new double[CHECKED_ROWS];
        Kernels.scalar().softmin(cost,
                new PointArray(rows, CHECKED_ROWS, DIMENSION), y, h, eps,
                BlockSparsity.dense(CHECKED_ROWS, n), expected);
        for (int r = 0; r < CHECKED_ROWS; r++) {
            double actual = out[r * step];
            if (!(Math.abs(actual - expected[r]) <= 1e-4 * Math.abs(expected[r]) + 1e-6)) {
                throw new IllegalStateException("row " + r * step + ": " + kernels + " gives "
                        + actual + ", the scalar reference " + expected[r]);
            }
        }
    }

    private static float[] uniform(SplittableRandom random, int count, double firstAxisShift) {
        float[] coords = new float[count * DIMENSION];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = (float) (random.nextDouble() + (k % DIMENSION == 0 ? firstAxisShift : 0.0));
        }
        return coords;
    }
}
