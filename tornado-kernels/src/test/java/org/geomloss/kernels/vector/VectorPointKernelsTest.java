package org.geomloss.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.CostFunction;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.RadialKernel;
import org.geomloss.kernels.ScalarPointKernels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential test: every vector kernel against {@link ScalarPointKernels} (float64 arithmetic) on
 * awkward sizes around the lane count, dimensions 1, 2, 3, 5, tiny and large eps, both costs, the three
 * kernels, dense and block-sparse structures.
 *
 * <p>Tolerances follow the float32 conditioning of each reduction rather than one fixed number: a
 * soft-min rounds its exponents {@code h_j - c_ij / eps} to float, so its error scales like
 * {@code 2^-24 (|h| + |out| / eps)}; see {@link #conditioning}.
 */
class VectorPointKernelsTest {

    private static final int[] SIZES = {1, 2, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4097};
    private static final int[] DIMENSIONS = {1, 2, 3, 5};
    private static final double[] EPSILONS = {1e-4, 10.0};
    private static final long MAX_PAIRS = 300_000;
    private static final double FLOAT_EPSILON = 0x1p-24;

    private static PointKernels vector;
    private static final PointKernels SCALAR = ScalarPointKernels.INSTANCE;

    @BeforeAll
    static void requireVectorModule() {
        assumeTrue(Kernels.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        vector = VectorPointKernels.INSTANCE;
    }

    @Test
    void isNamedAfterItsLaneCount() {
        assertTrue(vector.name().matches("vector\\(\\d+ lanes\\)"), vector.name());
    }

    @Test
    void isWhatKernelsLoadsWhenTheModuleIsPresent() {
        assumeTrue(!System.getProperty("geomloss.kernels", "").equals("scalar"));
        assertTrue(Kernels.jvm() == VectorPointKernels.INSTANCE, Kernels.jvm().name());
    }

    @Test
    void agreesWithTheScalarKernelsOnAwkwardSizes() {
        int compared = 0;
        int cases = 0;
        for (int a = 0; a < SIZES.length; a++) {
            for (int shift : new int[] {0, 4, 9}) {
                int b = (a + shift) % SIZES.length;
                int n = SIZES[a];
                int m = SIZES[b];
                if ((long) n * m > MAX_PAIRS && !(n == 4097 && shift == 4)) {
                    m = SIZES[b % 9]; // keeps the test fast: big N with a small M
                }
                int d = DIMENSIONS[(a + b) % DIMENSIONS.length];
                compared += compareAll(new Data(n, m, d, 31L * a + b), false);
                cases++;
            }
        }
        for (int d : DIMENSIONS) {
            compared += compareAll(new Data(65, 17, d, 1000 + d), true);
            compared += compareAll(new Data(1000, 4097, d, 2000 + d), true);
            cases += 2;
        }
        // per case: 2 costs x 2 eps x (softmin + gradient), 3 kernels x (sum + gradient); the
        // 8 cases of the second loop add the same soft-min comparisons on a block-sparse structure
        assertEquals(50, cases);
        assertEquals(cases * 14 + 8 * 8, compared);
    }

    @Test
    void agreesWithTheScalarKernelsWhenEpsIsTooSmallForTheLaneKernels() {
        // eps = 1e-7 on the unit cube spreads the exponents beyond 2^21: the general kernels run
        Data data = new Data(70, 300, 3, 77);
        double eps = 1e-7;
        for (GroundCost cost : GroundCost.values()) {
            double[] expected = softmin(SCALAR, data, cost, eps, data.dense);
            double[] actual = softmin(vector, data, cost, eps, data.dense);
            for (int i = 0; i < data.n; i++) {
                double tolerance = 1e-6 * Math.abs(expected[i])
                        + eps * conditioning(data.maxAbsH(), expected[i], eps);
                assertClose(expected[i], actual[i], tolerance, cost + " eps=1e-7 softmin row " + i);
            }
        }
    }

    /**
     * The lane soft-min against float64 on {@code SoftminBenchmark}'s data (N = M = 10,000 in the
     * benchmark; 48 of its rows here, which the lane kernels reduce independently), D = 3,
     * eps = 0.01: measured 7e-8 eps for the direct form; the dot-product form it replaced gave
     * 4.8e-7 eps here, and a gradient error of 7.9e-6 of the row's largest entry (now 5e-7).
     */
    @Test
    void laneSoftminIsWithinThreeTenMillionthsOfEpsOfFloat64() {
        int m = 10_000;
        int rows = 48;
        double eps = 0.01;
        SplittableRandom random = new SplittableRandom(42);
        float[] xs = benchmarkCloud(random, m, 0.0);
        PointArray y = new PointArray(benchmarkCloud(random, m, 0.1), m, 3);
        double[] h = new double[m];
        for (int j = 0; j < m; j++) {
            h[j] = -Math.log(m) + 0.2 * (random.nextDouble() - 0.5) / eps;
        }
        float[] picked = new float[rows * 3];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(xs, r * (m / rows) * 3, picked, r * 3, 3);
        }
        PointArray x = new PointArray(picked, rows, 3);
        GroundCost cost = GroundCost.HALF_SQUARED_EUCLIDEAN;
        assertTrue(LaneOperands.softmin(cost, x, y, h, eps) != null, "the lane kernels must run");
        BlockSparsity dense = BlockSparsity.dense(rows, m);
        double[] expected = new double[rows];
        double[] actual = new double[rows];
        SCALAR.softmin(cost, x, y, h, eps, dense, expected);
        vector.softmin(cost, x, y, h, eps, dense, actual);
        double[] gradientExpected = new double[rows * 3];
        double[] gradientActual = new double[rows * 3];
        SCALAR.softminGradient(cost, x, y, h, eps, expected, dense, gradientExpected);
        vector.softminGradient(cost, x, y, h, eps, expected, dense, gradientActual);
        for (int r = 0; r < rows; r++) {
            assertClose(expected[r], actual[r], 3e-7 * eps, "softmin row " + r);
            double scale = 0.0;
            for (int k = 0; k < 3; k++) {
                scale = Math.max(scale, Math.abs(gradientExpected[r * 3 + k]));
            }
            for (int k = 0; k < 3; k++) {
                assertClose(gradientExpected[r * 3 + k], gradientActual[r * 3 + k], 3e-6 * scale,
                        "gradient row " + r + " axis " + k);
            }
        }
    }

    private static float[] benchmarkCloud(SplittableRandom random, int count, double firstAxisShift) {
        float[] coords = new float[count * 3];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = (float) (random.nextDouble() + (k % 3 == 0 ? firstAxisShift : 0.0));
        }
        return coords;
    }

    @Test
    void givesTheSameBitsOnOneAndTwoThreads() {
        Data data = new Data(300, 1000, 3, 5);
        int previous = ComputePool.parallelism();
        try {
            ComputePool.setParallelism(1);
            double[] one = softmin(vector, data, GroundCost.HALF_SQUARED_EUCLIDEAN, 0.01, data.dense);
            double[] oneGradient = softminGradient(vector, data, GroundCost.EUCLIDEAN, 0.01,
                    data.dense);
            ComputePool.setParallelism(2);
            double[] two = softmin(vector, data, GroundCost.HALF_SQUARED_EUCLIDEAN, 0.01, data.dense);
            double[] twoGradient = softminGradient(vector, data, GroundCost.EUCLIDEAN, 0.01,
                    data.dense);
            assertArrayEquals(one, two);
            assertArrayEquals(oneGradient, twoGradient);
        } finally {
            ComputePool.setParallelism(previous);
        }
    }

    @Test
    void delegatesCustomCostsToTheScalarKernels() {
        CostFunction manhattan = (x, i, y, j, d) -> {
            double sum = 0.0;
            for (int k = 0; k < d; k++) {
                sum += Math.abs(x[i * d + k] - y[j * d + k]);
            }
            return sum;
        };
        Data data = new Data(70, 40, 2, 9);
        double[] expected = softmin(SCALAR, data, manhattan, 0.1, data.dense);
        assertArrayEquals(expected, softmin(vector, data, manhattan, 0.1, data.dense));
    }

    /**
     * The multiscale backend runs a structure whole or in slices of row blocks (the other blocks
     * keeping nothing): each block's rows must come out with the same bits either way, for blocks
     * with one range and with many short ones (over several chunks of kept columns).
     */
    @Test
    void blocksGiveTheSameBitsAloneOrAmongOthers() {
        Data data = new Data(100, 3000, 3, 21);
        SplittableRandom rng = new SplittableRandom(5);
        int[] rowStarts = {0, 31, 61, 80, 100};
        int[] offsets = new int[rowStarts.length];
        List<Integer> ranges = new ArrayList<>();
        for (int k = 0; k + 1 < rowStarts.length; k++) {
            int count = k == 2 ? 1 : 90 + rng.nextInt(40);
            int column = rng.nextInt(20);
            for (int r = 0; r < count && column < data.m; r++) {
                int end = Math.min(data.m, column + (k == 2 ? 2000 : 1 + rng.nextInt(30)));
                ranges.add(column);
                ranges.add(end);
                column = end + rng.nextInt(5);
            }
            offsets[k + 1] = ranges.size() / 2;
        }
        int[] columnRanges = ranges.stream().mapToInt(Integer::intValue).toArray();
        BlockSparsity whole = new BlockSparsity(rowStarts, offsets, columnRanges);
        double eps = 1e-3;
        double[] softmin = softmin(vector, data, GroundCost.HALF_SQUARED_EUCLIDEAN, eps, whole);
        double[] gradient = new double[data.n * data.d];
        vector.softminGradient(GroundCost.HALF_SQUARED_EUCLIDEAN, data.x, data.y, data.h(), eps,
                softmin, whole, gradient);
        int compared = 0;
        for (int k = 0; k + 1 < rowStarts.length; k++) {
            int[] alone = new int[offsets.length];
            for (int b = k + 1; b < offsets.length; b++) {
                alone[b] = offsets[k + 1] - offsets[k];
            }
            BlockSparsity slice = new BlockSparsity(rowStarts, alone, Arrays.copyOfRange(
                    columnRanges, 2 * offsets[k], 2 * offsets[k + 1]));
            double[] sliced = softmin(vector, data, GroundCost.HALF_SQUARED_EUCLIDEAN, eps, slice);
            double[] slicedGradient = new double[data.n * data.d];
            vector.softminGradient(GroundCost.HALF_SQUARED_EUCLIDEAN, data.x, data.y, data.h(),
                    eps, softmin, slice, slicedGradient);
            for (int i = rowStarts[k]; i < rowStarts[k + 1]; i++) {
                assertEquals(softmin[i], sliced[i], "softmin row " + i);
                for (int a = 0; a < data.d; a++) {
                    assertEquals(gradient[i * data.d + a], slicedGradient[i * data.d + a],
                            "gradient row " + i);
                }
                compared++;
            }
        }
        assertEquals(data.n, compared);
    }

    /**
     * One column whose {@code h_j} exceeds the others' by 200 (288 in base 2, far above what the
     * first references, taken on a sample of columns, can see): its chunk overflows the float sums
     * and runs again with a raised reference, and the soft-min is still that column's term.
     */
    @Test
    void aColumnFarAboveTheSampledOnesRunsItsChunkAgain() {
        Data data = new Data(40, 2000, 3, 8);
        double[] h = data.h();
        h[777] += 200.0;
        double eps = 1e-2;
        BlockSparsity blocks = BlockSparsity.dense(data.n, data.m);
        double[] expected = new double[data.n];
        double[] actual = new double[data.n];
        SCALAR.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, data.x, data.y, h, eps, blocks, expected);
        vector.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, data.x, data.y, h, eps, blocks, actual);
        for (int i = 0; i < data.n; i++) {
            assertClose(expected[i], actual[i], 1e-6 * Math.abs(expected[i]) + 1e-5 * eps,
                    "softmin row " + i);
        }
    }

    @Test
    void givesInfinityForRowsWithoutColumns() {
        Data data = new Data(5, 20, 2, 3);
        BlockSparsity none = new BlockSparsity(new int[] {0, 5}, new int[] {0, 0}, new int[0]);
        double[] out = softmin(vector, data, GroundCost.HALF_SQUARED_EUCLIDEAN, 0.1, none);
        for (double value : out) {
            assertEquals(Double.POSITIVE_INFINITY, value);
        }
        double[] gradient = new double[5 * 2];
        vector.softminGradient(GroundCost.HALF_SQUARED_EUCLIDEAN, data.x, data.y, data.h(), 0.1,
                out, none, gradient);
        assertArrayEquals(new double[10], gradient);
    }

    @Test
    void refusesInconsistentArguments() {
        Data data = new Data(10, 12, 3, 4);
        PointArray flat = new PointArray(new float[24], 12, 2);
        double[] out = new double[10];
        double[] h = data.h();
        assertThrows(IllegalArgumentException.class, () -> vector.softmin(
                GroundCost.EUCLIDEAN, data.x, flat, h, 1.0, data.dense, out));
        assertThrows(IllegalArgumentException.class, () -> vector.softmin(
                GroundCost.EUCLIDEAN, data.x, data.y, new double[11], 1.0, data.dense, out));
        assertThrows(IllegalArgumentException.class, () -> vector.softmin(
                GroundCost.EUCLIDEAN, data.x, data.y, h, 0.0, data.dense, out));
        assertThrows(IllegalArgumentException.class, () -> vector.kernelSum(
                RadialKernel.GAUSSIAN, 1.0, data.x, data.y, data.w, new double[9]));
        BlockSparsity outside = new BlockSparsity(new int[] {0, 10}, new int[] {0, 1},
                new int[] {3, 13});
        assertThrows(IllegalArgumentException.class, () -> vector.softmin(
                GroundCost.EUCLIDEAN, data.x, data.y, h, 1.0, outside, out));
    }

    /** Compares every reduction on {@code data}; returns the number of output arrays compared. */
    private static int compareAll(Data data, boolean withSparse) {
        int compared = 0;
        List<BlockSparsity> structures = new ArrayList<>(List.of(data.dense));
        if (withSparse) {
            structures.add(data.sparse);
        }
        for (BlockSparsity blocks : structures) {
            for (GroundCost cost : GroundCost.values()) {
                for (double eps : EPSILONS) {
                    String label = data + " " + cost + " eps=" + eps
                            + (blocks == data.dense ? " dense" : " sparse");
                    double[] expected = softmin(SCALAR, data, cost, eps, blocks);
                    double[] actual = softmin(vector, data, cost, eps, blocks);
                    double hMax = data.maxAbsH();
                    for (int i = 0; i < data.n; i++) {
                        double tolerance = 1e-6 * Math.abs(expected[i])
                                + eps * conditioning(hMax, expected[i], eps);
                        assertClose(expected[i], actual[i], tolerance, label + " softmin row " + i);
                    }
                    compared++;
                    // the gradient is compared at the scalar soft-min: only the reduction differs
                    double[] gradientExpected = new double[data.n * data.d];
                    double[] gradientActual = new double[data.n * data.d];
                    SCALAR.softminGradient(cost, data.x, data.y, data.h(), eps, expected, blocks,
                            gradientExpected);
                    vector.softminGradient(cost, data.x, data.y, data.h(), eps, expected, blocks,
                            gradientActual);
                    double scale = cost == GroundCost.EUCLIDEAN ? 1.0 : data.diameter;
                    for (int i = 0; i < data.n * data.d; i++) {
                        double tolerance = 1e-5 * Math.abs(gradientExpected[i])
                                + scale * conditioning(hMax, expected[i / data.d], eps);
                        assertClose(gradientExpected[i], gradientActual[i], tolerance,
                                label + " gradient entry " + i);
                    }
                    compared++;
                }
            }
        }
        compared += compareKernels(data, RadialKernel.GAUSSIAN, 0.1);
        compared += compareKernels(data, RadialKernel.LAPLACIAN, 2.0);
        compared += compareKernels(data, RadialKernel.ENERGY, 1.0);
        return compared;
    }

    private static int compareKernels(Data data, RadialKernel kernel, double sigma) {
        String label = data + " " + kernel + " sigma=" + sigma;
        double weightSum = 0.0;
        for (double w : data.w) {
            weightSum += Math.abs(w);
        }
        double kernelScale = kernel == RadialKernel.ENERGY ? 1.0 + data.diameter : 1.0;
        double[] expected = new double[data.n];
        double[] actual = new double[data.n];
        SCALAR.kernelSum(kernel, sigma, data.x, data.y, data.w, expected);
        vector.kernelSum(kernel, sigma, data.x, data.y, data.w, actual);
        for (int i = 0; i < data.n; i++) {
            assertClose(expected[i], actual[i], 1e-5 * Math.abs(expected[i])
                    + 1e-6 * weightSum * kernelScale, label + " sum row " + i);
        }
        double[] gradientExpected = new double[data.n * data.d];
        double[] gradientActual = new double[data.n * data.d];
        SCALAR.kernelGradient(kernel, sigma, data.x, data.y, data.w, gradientExpected);
        vector.kernelGradient(kernel, sigma, data.x, data.y, data.w, gradientActual);
        for (int i = 0; i < data.n * data.d; i++) {
            assertClose(gradientExpected[i], gradientActual[i], 1e-5 * Math.abs(gradientExpected[i])
                    + 1e-5 * weightSum / sigma, label + " gradient entry " + i);
        }
        return 2;
    }

    /**
     * Error of a soft-max weight from rounding its exponent to float32: a few units of
     * {@code 2^-24} times the size of the exponent's terms, {@code |h|} and {@code |softmin| / eps}.
     */
    private static double conditioning(double hMax, double softmin, double eps) {
        return 8 * FLOAT_EPSILON * (2 * hMax + Math.abs(softmin) / eps + 1);
    }

    static void assertClose(double expected, double actual, double tolerance, String what) {
        if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        assertTrue(Math.abs(expected - actual) <= tolerance, () -> what + ": expected " + expected
                + ", got " + actual + ", tolerance " + tolerance);
    }

    private static double[] softmin(PointKernels kernels, Data data, CostFunction cost, double eps,
                                    BlockSparsity blocks) {
        double[] out = new double[data.n];
        kernels.softmin(cost, data.x, data.y, data.h(), eps, blocks, out);
        return out;
    }

    private static double[] softminGradient(PointKernels kernels, Data data, CostFunction cost,
                                            double eps, BlockSparsity blocks) {
        double[] potential = softmin(SCALAR, data, cost, eps, blocks);
        double[] out = new double[data.n * data.d];
        kernels.softminGradient(cost, data.x, data.y, data.h(), eps, potential, blocks, out);
        return out;
    }

    /**
     * Random clouds: x uniform in the unit cube, y shifted by 0.1 along the first axis, with
     * {@code y_0 = x_0} so that the clamps of the p = 1 cost and of the Laplacian and energy kernels
     * are hit; signed kernel weights; a random block-sparse structure with empty blocks, ranges ending
     * at M and ranges shorter than a vector.
     */
    static final class Data {
        final int n;
        final int m;
        final int d;
        final PointArray x;
        final PointArray y;
        final double[] logWeightNoise;
        final double[] w;
        final double diameter;
        final BlockSparsity dense;
        final BlockSparsity sparse;

        Data(int n, int m, int d, long seed) {
            this.n = n;
            this.m = m;
            this.d = d;
            SplittableRandom rng = new SplittableRandom(seed);
            float[] xs = new float[n * d];
            float[] ys = new float[m * d];
            for (int k = 0; k < xs.length; k++) {
                xs[k] = (float) rng.nextDouble();
            }
            for (int k = 0; k < ys.length; k++) {
                ys[k] = (float) (rng.nextDouble() + (k % d == 0 ? 0.1 : 0.0));
            }
            System.arraycopy(xs, 0, ys, 0, d);
            x = new PointArray(xs, n, d);
            y = new PointArray(ys, m, d);
            logWeightNoise = new double[m];
            w = new double[m];
            for (int j = 0; j < m; j++) {
                logWeightNoise[j] = rng.nextDouble() - 0.5;
                w[j] = (rng.nextDouble() - 0.3) / m;
            }
            diameter = Math.sqrt(d) * 1.1;
            dense = BlockSparsity.dense(n, m);
            sparse = randomStructure(n, m, rng);
        }

        /** {@code h_j = -log M + noise_j}: log-weights, the same for every eps. */
        double[] h() {
            double[] h = new double[m];
            for (int j = 0; j < m; j++) {
                h[j] = -Math.log(m) + logWeightNoise[j];
            }
            return h;
        }

        double maxAbsH() {
            double max = 0.0;
            for (double value : h()) {
                max = Math.max(max, Math.abs(value));
            }
            return max;
        }

        static BlockSparsity randomStructure(int n, int m, SplittableRandom rng) {
            List<Integer> rowStarts = new ArrayList<>(List.of(0));
            List<Integer> offsets = new ArrayList<>(List.of(0));
            List<Integer> ranges = new ArrayList<>();
            int row = 0;
            while (row < n) {
                row = Math.min(n, row + 1 + rng.nextInt(40));
                rowStarts.add(row);
                int column = rng.nextInt(Math.max(1, m / 4));
                int count = rng.nextInt(4);
                for (int r = 0; r < count && column < m; r++) {
                    int end = r == count - 1 && rng.nextBoolean() ? m
                            : Math.min(m, column + rng.nextInt(Math.max(1, m / 3)) + 1);
                    ranges.add(column);
                    ranges.add(end);
                    column = end + rng.nextInt(Math.max(1, m / 5) + 1);
                }
                offsets.add(ranges.size() / 2);
            }
            return new BlockSparsity(rowStarts.stream().mapToInt(Integer::intValue).toArray(),
                    offsets.stream().mapToInt(Integer::intValue).toArray(),
                    ranges.stream().mapToInt(Integer::intValue).toArray());
        }

        @Override
        public String toString() {
            return "N=" + n + " M=" + m + " D=" + d;
        }
    }
}
