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
 *
 * <p>Two structures reproduce the multiscale backend's finest level at 1,000,000 points (issue 14),
 * at any N (the kept blocks scale with the density, so N = 100,000 already gives their shape):
 * <ul>
 *   <li>{@code morton}: {@code x} and {@code y} uniform in the unit cube, each sorted in Morton order;
 *       row blocks of 30 and 31 consecutive rows in turn (30.5 on average), column cells of 4
 *       consecutive columns; a block keeps the cells whose bounding box lies within a radius of its
 *       own, the radius chosen so that a block keeps about {@value #MORTON_KEPT_COLUMNS} columns, and
 *       runs of consecutive kept cells merge into one range (about 100 ranges of 27 columns per
 *       block, like {@code BlockSparsity} at 1M points: 96 to 170 ranges of 22 to 31 columns);
 *       eps = {@value #MORTON_EPS} and {@code h_j = -log N + 2 (u_j - 1/2)} (potentials of two
 *       samples of one density vary by a few eps);</li>
 *   <li>{@code mortonContiguous}: the same points, eps, {@code h} and row blocks, each keeping as many
 *       columns as in {@code morton} but in one range (from its first kept column, moved back to fit
 *       in {@code [0, N)}): what the block-sparse kernels pay for the ranges, beside what they pay
 *       for the row blocks;</li>
 *   <li>{@code mortonDense}: the same points, eps and {@code h}, every pair (the dense structure).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ReductionsBenchmark {

    private static final double EPS = 0.01;
    /** The temperature of the {@code morton} structures: the 1M-point runs' finest. */
    private static final double MORTON_EPS = 1e-4;
    /** Columns a row block of the {@code morton} structure keeps, on average. */
    private static final int MORTON_KEPT_COLUMNS = 2700;
    private static final int MORTON_CELL = 4;
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
    private double eps;
    private long pairs;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        ComputePool.setParallelism(threads);
        kernels = Kernels.jvm();
        SplittableRandom random = new SplittableRandom(7);
        boolean morton = structure.startsWith("morton");
        eps = morton ? MORTON_EPS : EPS;
        x = points(random, n, 0.0);
        y = points(random, n, morton ? 0.0 : 0.1);
        if (morton) {
            x = mortonSorted(x);
            y = mortonSorted(y);
        }
        h = new double[n];
        for (int j = 0; j < n; j++) {
            h[j] = -Math.log(n) + (morton ? 2 * (random.nextDouble() - 0.5)
                    : 0.2 * (random.nextDouble() - 0.5) / EPS);
        }
        blocks = switch (structure) {
            case "dense", "mortonDense" -> BlockSparsity.dense(n, n);
            case "blocks64" -> randomBlocks(random, n, 64, 16, 100);
            case "blocks32" -> randomBlocks(random, n, 32, 20, 30);
            case "morton" -> keptCells();
            case "mortonContiguous" -> contiguous(keptCells());
            default -> throw new IllegalArgumentException("unknown structure " + structure);
        };
        if (reduction.startsWith("kernel")) {
            blocks = BlockSparsity.dense(n, n);
        }
        potential = new double[n];
        kernels.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, x, y, h, eps, blocks, potential);
        pairs = blocks.pairCount();
        int ranges = blocks.rangeOffsets()[blocks.blockCount()];
        System.out.printf("structure %s: %d row blocks of %.1f rows, %.1f ranges of %.1f columns"
                        + " per block%n", structure, blocks.blockCount(),
                (double) n / blocks.blockCount(), (double) ranges / blocks.blockCount(),
                (double) pairs / n * blocks.blockCount() / Math.max(1, ranges));
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
                    eps, structure, result);
            case "softminGradient" -> implementation.softminGradient(
                    GroundCost.HALF_SQUARED_EUCLIDEAN, targets, y, h, eps,
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

    /**
     * Row blocks of {@code rows} rows over {@code n} rows and columns, each keeping {@code ranges}
     * ranges of {@code length} columns, one at a random place in each slot of {@code n / ranges}
     * columns.
     */
    static BlockSparsity randomBlocks(SplittableRandom random, int n, int rows, int ranges,
                                      int length) {
        int blockCount = (n + rows - 1) / rows;
        int[] rowStarts = new int[blockCount + 1];
        int[] offsets = new int[blockCount + 1];
        int[] columnRanges = new int[2 * ranges * blockCount];
        int slot = n / ranges;
        for (int k = 0; k < blockCount; k++) {
            rowStarts[k + 1] = Math.min(n, (k + 1) * rows);
            offsets[k + 1] = (k + 1) * ranges;
            for (int r = 0; r < ranges; r++) {
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

    /** The points of the unit cube {@code p}, sorted by their Morton code (21 bits per axis). */
    private static PointArray mortonSorted(PointArray p) {
        int dim = p.dimension();
        long[] keyed = new long[p.count()];
        int indexBits = 64 - Long.numberOfLeadingZeros(p.count());
        int bits = (63 - indexBits) / dim; // the code's bits per axis, the index below them
        for (int i = 0; i < p.count(); i++) {
            long code = 0;
            for (int k = 0; k < dim; k++) {
                long cell = (long) Math.min((1 << bits) - 1, p.coords()[i * dim + k] * (1 << bits));
                for (int b = 0; b < bits; b++) {
                    code |= ((cell >>> b) & 1L) << (b * dim + k);
                }
            }
            keyed[i] = code << indexBits | i;
        }
        Arrays.sort(keyed);
        float[] sorted = new float[p.coords().length];
        for (int i = 0; i < keyed.length; i++) {
            int from = (int) (keyed[i] & ((1L << indexBits) - 1));
            System.arraycopy(p.coords(), from * dim, sorted, i * dim, dim);
        }
        return new PointArray(sorted, p.count(), dim);
    }

    /**
     * The {@code morton} structure (see the class comment): row blocks of 30 and 31 rows in turn,
     * keeping the cells of {@value #MORTON_CELL} columns whose box is within a radius of theirs,
     * the radius bisected on a sample of blocks for {@value #MORTON_KEPT_COLUMNS} kept columns.
     */
    private BlockSparsity keptCells() {
        int blockCount = 0;
        int[] rowStarts = new int[n / 30 + 2];
        for (int start = 0; start < n; blockCount++) {
            start = Math.min(n, start + 30 + blockCount % 2);
            rowStarts[blockCount + 1] = start;
        }
        rowStarts = Arrays.copyOf(rowStarts, blockCount + 1);
        double[] rowBoxes = boxes(x, rowStarts);
        int cellCount = (n + MORTON_CELL - 1) / MORTON_CELL;
        int[] cellStarts = new int[cellCount + 1];
        for (int c = 0; c < cellCount; c++) {
            cellStarts[c + 1] = Math.min(n, (c + 1) * MORTON_CELL);
        }
        double[] cellBoxes = boxes(y, cellStarts);
        double low = 0.0;
        double high = Math.sqrt(d);
        int sampleStep = Math.max(1, blockCount / 64);
        for (int step = 0; step < 30; step++) {
            double radius = (low + high) / 2;
            long kept = 0;
            int sampled = 0;
            for (int k = 0; k < blockCount; k += sampleStep, sampled++) {
                for (int c = 0; c < cellCount; c++) {
                    if (boxDistanceSquared(rowBoxes, k, cellBoxes, c) <= radius * radius) {
                        kept += cellStarts[c + 1] - cellStarts[c];
                    }
                }
            }
            if (kept > (long) MORTON_KEPT_COLUMNS * sampled) {
                high = radius;
            } else {
                low = radius;
            }
        }
        double radiusSquared = high * high;
        int[] offsets = new int[blockCount + 1];
        int[] ranges = new int[1024];
        int values = 0;
        for (int k = 0; k < blockCount; k++) {
            int open = -1;
            for (int c = 0; c <= cellCount; c++) {
                boolean keep = c < cellCount
                        && boxDistanceSquared(rowBoxes, k, cellBoxes, c) <= radiusSquared;
                if (keep && open < 0) {
                    open = cellStarts[c];
                } else if (!keep && open >= 0) {
                    if (values + 2 > ranges.length) {
                        ranges = Arrays.copyOf(ranges, 2 * ranges.length);
                    }
                    ranges[values++] = open;
                    ranges[values++] = cellStarts[c];
                    open = -1;
                }
            }
            offsets[k + 1] = values / 2;
        }
        return new BlockSparsity(rowStarts, offsets, Arrays.copyOf(ranges, values));
    }

    /** The blocks of {@code kept}, each keeping one range of as many columns (see the class comment). */
    private BlockSparsity contiguous(BlockSparsity kept) {
        int blockCount = kept.blockCount();
        int[] offsets = new int[blockCount + 1];
        int[] ranges = new int[2 * blockCount];
        for (int k = 0; k < blockCount; k++) {
            int columns = 0;
            for (int r = kept.rangeOffsets()[k]; r < kept.rangeOffsets()[k + 1]; r++) {
                columns += kept.columnRanges()[2 * r + 1] - kept.columnRanges()[2 * r];
            }
            int start = kept.rangeOffsets()[k] < kept.rangeOffsets()[k + 1]
                    ? kept.columnRanges()[2 * kept.rangeOffsets()[k]] : 0;
            start = Math.min(start, n - columns);
            offsets[k + 1] = k + 1;
            ranges[2 * k] = start;
            ranges[2 * k + 1] = start + columns;
        }
        return new BlockSparsity(kept.rowStarts(), offsets, ranges);
    }

    /** The bounding boxes of the groups {@code [starts[k], starts[k + 1])}: {@code 2 d} values each. */
    private double[] boxes(PointArray p, int[] starts) {
        double[] boxes = new double[2 * d * (starts.length - 1)];
        for (int k = 0; k + 1 < starts.length; k++) {
            for (int a = 0; a < d; a++) {
                double lowest = Double.POSITIVE_INFINITY;
                double highest = Double.NEGATIVE_INFINITY;
                for (int i = starts[k]; i < starts[k + 1]; i++) {
                    lowest = Math.min(lowest, p.coords()[i * d + a]);
                    highest = Math.max(highest, p.coords()[i * d + a]);
                }
                boxes[2 * d * k + a] = lowest;
                boxes[2 * d * k + d + a] = highest;
            }
        }
        return boxes;
    }

    private double boxDistanceSquared(double[] boxes, int k, double[] others, int c) {
        double squared = 0.0;
        for (int a = 0; a < d; a++) {
            double gap = Math.max(0.0, Math.max(boxes[2 * d * k + a] - others[2 * d * c + d + a],
                    others[2 * d * c + a] - boxes[2 * d * k + d + a]));
            squared += gap * gap;
        }
        return squared;
    }
}
