package org.geomloss.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
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
 * Soft-min throughput on an OpenCL device: one {@code PointKernels.softmin} of
 * {@code out_i = -eps log sum_j exp(h_j - |x_i - y_j|^2 / (2 eps))} for N = M points in D = 3,
 * eps = 0.01, as in one Sinkhorn half-iteration (GeomLoss's online backend). Coordinates stay on the
 * device between invocations (they are cached by array identity), so each invocation moves h and
 * the outputs only, like the Sinkhorn loop.
 *
 * <p>The score is seconds per soft-min; throughput in G pairs/s is {@code N^2 / score / 1e9}. The
 * device is the parameter {@code device} (a {@link Devices#parse(String)} value: {@code opencl},
 * {@code opencl:P:D}, {@code opencl:<name>}, or {@code jvm} for comparison). The setup checks 32 rows
 * against the scalar float64 reference (relative 1e-4) before anything is timed, and prints the device.
 *
 * <p>Run: {@code java -cp <classpath> org.openjdk.jmh.Main OpenClSoftmin -p n=10000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED"})
public class OpenClSoftminBenchmark {

    private static final int DIMENSION = 3;
    private static final double EPS = 0.01;
    private static final int CHECKED_ROWS = 32;

    /** Points per cloud, N = M. */
    @Param({"2000", "10000", "50000"})
    public int n;

    /** The device, as accepted by {@link Devices#parse(String)}. */
    @Param({"opencl"})
    public String device;

    private PointKernels kernels;
    private PointArray x;
    private PointArray y;
    private double[] h;
    private BlockSparsity blocks;
    private double[] out;

    /** Builds the clouds (x in [0,1]^3, y in [0.1,1.1]x[0,1]^2) and checks the device's result. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        x = cloud(random, n, 0.0f);
        y = cloud(random, n, 0.1f);
        h = new double[n];
        for (int j = 0; j < n; j++) {
            h[j] = -Math.log(n) + 0.2 * (random.nextDouble() - 0.5) / EPS;
        }
        blocks = BlockSparsity.dense(n, n);
        out = new double[n];
        Device selected = Devices.parse(device);
        kernels = selected.kernels();
        System.out.println("# Device: " + selected.description());
        checkAgainstScalarReference();
    }

    /** One soft-min of N x N pairs. */
    @Benchmark
    public double[] softmin() {
        kernels.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, x, y, h, EPS, blocks, out);
        return out;
    }

    private void checkAgainstScalarReference() {
        kernels.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, x, y, h, EPS, blocks, out);
        int stride = Math.max(1, n / CHECKED_ROWS);
        int rows = Math.min(CHECKED_ROWS, n);
        float[] sample = new float[rows * DIMENSION];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x.coords(), r * stride * DIMENSION, sample, r * DIMENSION, DIMENSION);
        }
        double[] expected = new double[rows];
        Kernels.scalar().softmin(GroundCost.HALF_SQUARED_EUCLIDEAN,
                new PointArray(sample, rows, DIMENSION), y, h, EPS, BlockSparsity.dense(rows, n), expected);
        double largest = 0.0;
        double worst = 0.0;
        for (int r = 0; r < rows; r++) {
            largest = Math.max(largest, Math.abs(expected[r]));
            worst = Math.max(worst, Math.abs(out[r * stride] - expected[r]));
        }
        if (worst > 1e-4 * largest) {
            throw new IllegalStateException("soft-min on " + kernels.name() + " is off by " + worst
                    + " (max |reference| " + largest + ")");
        }
    }

    private static PointArray cloud(Random random, int count, float shift) {
        float[] coords = new float[count * DIMENSION];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = random.nextFloat() + (k % DIMENSION == 0 ? shift : 0f);
        }
        return new PointArray(coords, count, DIMENSION);
    }
}
