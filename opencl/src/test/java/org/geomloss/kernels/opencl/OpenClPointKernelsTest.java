package org.geomloss.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.CostFunction;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.RadialKernel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test: every OpenCL kernel against {@link org.geomloss.kernels.ScalarPointKernels}
 * (float64 accumulation) on awkward sizes, with the float32 tolerances of the golden files
 * (shared/golden/README.md, section 5: rtol 1e-4 on values, 5e-4 on gradients, atol 1e-7 times the
 * natural scale of the array). Skipped when the machine has no OpenCL device.
 *
 * <p>The reductions run twice: with the device's own lanes per work-item (16 on an AVX-512 CPU) and
 * with one lane, the form GPUs use, so that both forms of the kernels are checked on any device.
 */
class OpenClPointKernelsTest {

    private static final double VALUE_RTOL = 1e-4;
    private static final double GRADIENT_RTOL = 5e-4;
    private static final double ATOL = 1e-7;

    private static final int[] ROW_COUNTS = {1, 2, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4097};
    private static final int[] COLUMN_COUNTS = {1, 9, 64, 130, 1031};
    private static final int[] DIMENSIONS = {1, 2, 3, 5};
    private static final double[] EPSILONS = {1e-4, 10.0};
    private static final double[] SIGMAS = {0.05, 0.5};

    private static final Map<Integer, PointKernels> KERNELS_BY_LANES = new ConcurrentHashMap<>();

    private final PointKernels scalar = Kernels.scalar();
    private PointKernels openCl;
    private int compared;

    @BeforeAll
    static void requireDevice() {
        assumeTrue(OpenClDevices.available(), () -> String.join("; ", OpenClDevices.describeAll()));
    }

    @BeforeEach
    void selectDefaultKernels() {
        openCl = OpenClDevices.preferred().kernels();
    }

    /** The device's own lanes per work-item, then 1 (GPU form) if that differs. */
    static IntStream laneCounts() {
        int own = OpenClDevices.available() ? OpenClDevices.preferred().info().lanes() : 1;
        return own == 1 ? IntStream.of(1) : IntStream.of(own, 1);
    }

    private void useLanes(int lanes) {
        OpenClDevice device = OpenClDevices.preferred();
        openCl = lanes == device.info().lanes() ? device.kernels()
                : KERNELS_BY_LANES.computeIfAbsent(lanes,
                        l -> new OpenClPointKernels(new OpenClContext(device.info(), l)));
    }

    @ParameterizedTest(name = "lanes={0}")
    @MethodSource("laneCounts")
    void everyKernelMatchesTheScalarReferenceOnAwkwardSizes(int lanes) {
        useLanes(lanes);
        Random random = new Random(20260101);
        int configurations = 0;
        for (int r = 0; r < ROW_COUNTS.length; r++) {
            for (int c = 0; c < 2; c++) {
                int n = ROW_COUNTS[r];
                int m = COLUMN_COUNTS[(r + 2 * c) % COLUMN_COUNTS.length];
                int d = DIMENSIONS[(r + c) % DIMENSIONS.length];
                PointArray x = cloud(random, n, d, 0.0f);
                PointArray y = cloud(random, m, d, 0.1f);
                String where = "N=" + n + " M=" + m + " D=" + d;
                compareSoftmins(x, y, BlockSparsity.dense(n, m), random, where);
                compareKernelSums(x, y, SIGMAS[(r + c) % 2], random, where);
                configurations++;
            }
        }
        assertEquals(2 * ROW_COUNTS.length, configurations);
        // Per configuration: 2 costs x 2 eps x (softmin + gradient) + 3 kernels x (sum + gradient).
        assertEquals(configurations * (2 * 2 * 2 + 3 * 2), compared);
    }

    @ParameterizedTest(name = "lanes={0}")
    @MethodSource("laneCounts")
    void selfTransportWithCoincidentPointsMatches(int lanes) {
        useLanes(lanes);
        Random random = new Random(7);
        // The same array on both sides, as in the debiasing terms: every diagonal pair is at distance
        // 0, where the p = 1 cost is clamped and its gradient is 0.
        PointArray x = cloud(random, 65, 3, 0.0f);
        compareSoftmins(x, x, BlockSparsity.dense(65, 65), random, "x = y");
        compareKernelSums(x, x, 0.5, random, "x = y");
        assertEquals(2 * 2 * 2 + 3 * 2, compared);
    }

    @ParameterizedTest(name = "lanes={0}")
    @MethodSource("laneCounts")
    void blockSparseReductionsMatch(int lanes) {
        useLanes(lanes);
        Random random = new Random(11);
        PointArray x = cloud(random, 300, 2, 0.0f);
        PointArray y = cloud(random, 257, 2, 0.1f);
        // Uneven row blocks: one row, an empty column set (rows give +infinity and 0), two blocks
        // with the same ranges (merged into one launch), several ranges, all columns.
        BlockSparsity blocks = new BlockSparsity(
                new int[] {0, 1, 8, 138, 200, 300},
                new int[] {0, 2, 2, 3, 4, 6},
                new int[] {0, 5, 100, 101, 3, 200, 3, 200, 0, 130, 130, 257});
        compareSoftmins(x, y, blocks, random, "block-sparse");
        assertEquals(2 * 2 * 2, compared);
    }

    @Test
    void coordinatesChangedInPlaceAreUploadedAgain() {
        Random random = new Random(3);
        PointArray x = cloud(random, 40, 3, 0.0f);
        PointArray y = cloud(random, 50, 3, 0.1f);
        double[] h = new double[50];
        double[] first = new double[40];
        openCl.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, x, y, h, 0.1, BlockSparsity.dense(40, 50), first);
        y.coords()[0] += 5.0f; // an optimiser moving the points between two calls
        x.coords()[7 * 3] -= 1.0f;
        double[] expected = new double[40];
        double[] actual = new double[40];
        scalar.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, x, y, h, 0.1, BlockSparsity.dense(40, 50), expected);
        openCl.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, x, y, h, 0.1, BlockSparsity.dense(40, 50), actual);
        assertClose(expected, actual, VALUE_RTOL, 0.0, "after moving points");
        assertTrue(Math.abs(first[7] - actual[7]) > 1e-3, "row 7 moved, its soft-min must change");
    }

    @Test
    void aLoopOverTheSameArraysUploadsTheirCoordinatesOnce() {
        OpenClContext context = new OpenClContext(OpenClDevices.preferred().info());
        PointKernels kernels = new OpenClPointKernels(context);
        Random random = new Random(13);
        PointArray x = cloud(random, 30, 2, 0.0f);
        PointArray y = cloud(random, 20, 2, 0.1f);
        BlockSparsity blocks = BlockSparsity.dense(30, 20);
        double[] out = new double[30];
        for (int iteration = 0; iteration < 3; iteration++) {
            kernels.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, x, y, new double[20], 0.1, blocks, out);
            kernels.softmin(GroundCost.HALF_SQUARED_EUCLIDEAN, x, x, new double[30], 0.1,
                    BlockSparsity.dense(30, 30), out);
        }
        assertEquals(2, context.buffers().cachedCoordinateCount());
    }

    @Test
    void emptyCloudsGiveTheConventionalValues() {
        PointArray none = new PointArray(new float[0], 0, 2);
        PointArray some = new PointArray(new float[] {0f, 0f, 1f, 1f}, 2, 2);
        double[] softmin = new double[2];
        openCl.softmin(GroundCost.EUCLIDEAN, some, none, new double[0], 0.5, BlockSparsity.dense(2, 0),
                softmin);
        assertEquals(Double.POSITIVE_INFINITY, softmin[0]);
        assertEquals(Double.POSITIVE_INFINITY, softmin[1]);
        double[] sums = {1.0, 1.0};
        openCl.kernelSum(RadialKernel.GAUSSIAN, 1.0, some, none, new double[0], sums);
        assertEquals(0.0, sums[0]);
        openCl.kernelSum(RadialKernel.GAUSSIAN, 1.0, none, some, new double[] {1, 1}, new double[0]);
    }

    @Test
    void rowsWithoutAnyFiniteTermGiveInfinityAndAZeroGradient() {
        PointArray x = new PointArray(new float[] {0f, 0f, 1f, 1f, 2f, 0f}, 3, 2);
        PointArray y = new PointArray(new float[] {0.5f, 0.5f, 3f, 1f}, 2, 2);
        double[] h = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (GroundCost cost : GroundCost.values()) {
            double[] softmin = new double[3];
            openCl.softmin(cost, x, y, h, 0.1, BlockSparsity.dense(3, 2), softmin);
            assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY}, softmin, cost.toString());
            double[] gradient = new double[6];
            openCl.softminGradient(cost, x, y, h, 0.1, softmin, BlockSparsity.dense(3, 2), gradient);
            assertArrayEquals(new double[6], gradient, cost.toString());
        }
    }

    @Test
    void customCostsAreRefusedWithAPointerToTheJvmDevice() {
        CostFunction custom = (x, i, y, j, dimension) -> 0.0;
        PointArray p = new PointArray(new float[] {0f}, 1, 1);
        var e = assertThrows(UnsupportedOperationException.class, () -> openCl.softmin(custom, p, p,
                new double[1], 1.0, BlockSparsity.dense(1, 1), new double[1]));
        assertTrue(e.getMessage().contains("Devices.jvm()"), e.getMessage());
    }

    @Test
    void badShapesNameTheParameter() {
        PointArray p = new PointArray(new float[] {0f, 1f}, 2, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> openCl.kernelSum(
                RadialKernel.ENERGY, 1.0, p, p, new double[3], new double[2]));
        assertTrue(e.getMessage().startsWith("w has length 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> openCl.softmin(GroundCost.EUCLIDEAN, p, p,
                new double[2], 0.0, BlockSparsity.dense(2, 2), new double[2]));
        assertTrue(e.getMessage().startsWith("eps must be positive"), e.getMessage());
    }

    @Test
    void aFailedBuildReportsTheCompilerLog() {
        OpenClDeviceInfo info = OpenClDiscovery.get().devices().getFirst();
        OpenClContext context = new OpenClContext(info);
        var e = assertThrows(IllegalStateException.class, () -> OpenClProgram.build(context.context(),
                info, "__kernel void broken(__global float *out) { out[0] = undeclared_name; }", "",
                1, java.util.List.of("broken")));
        assertTrue(e.getMessage().contains("Build log:"), e.getMessage());
        assertTrue(e.getMessage().contains("undeclared_name"), e.getMessage());
    }

    @Test
    void nameRecordsPlatformAndDevice() {
        OpenClDevice device = OpenClDevices.preferred();
        assertEquals("opencl(" + device.platformName() + " / " + device.deviceName() + ")", openCl.name());
    }

    private void compareSoftmins(PointArray x, PointArray y, BlockSparsity blocks, Random random,
                                 String where) {
        int n = x.count();
        int m = y.count();
        for (GroundCost cost : GroundCost.values()) {
            for (double eps : EPSILONS) {
                double[] h = new double[m];
                for (int j = 0; j < m; j++) {
                    h[j] = -Math.log(m) + 0.2 * (random.nextDouble() - 0.5) / eps;
                }
                String label = where + " " + cost + " eps=" + eps;
                double[] expected = new double[n];
                double[] actual = new double[n];
                scalar.softmin(cost, x, y, h, eps, blocks, expected);
                openCl.softmin(cost, x, y, h, eps, blocks, actual);
                assertClose(expected, actual, VALUE_RTOL, 0.0, "softmin " + label);
                double[] expectedGradient = new double[n * x.dimension()];
                double[] actualGradient = new double[n * x.dimension()];
                scalar.softminGradient(cost, x, y, h, eps, expected, blocks, expectedGradient);
                openCl.softminGradient(cost, x, y, h, eps, expected, blocks, actualGradient);
                assertClose(expectedGradient, actualGradient, GRADIENT_RTOL, ATOL,
                        "softminGradient " + label);
            }
        }
    }

    private void compareKernelSums(PointArray x, PointArray y, double sigma, Random random, String where) {
        int n = x.count();
        int m = y.count();
        double[] w = new double[m];
        double mass = 0.0;
        for (int j = 0; j < m; j++) {
            w[j] = (0.05 + random.nextDouble()) / m;
            mass += w[j];
        }
        for (RadialKernel kernel : RadialKernel.values()) {
            double scale = kernel == RadialKernel.ENERGY ? 1.0 : sigma;
            String label = where + " " + kernel + " sigma=" + scale;
            double[] expected = new double[n];
            double[] actual = new double[n];
            scalar.kernelSum(kernel, scale, x, y, w, expected);
            openCl.kernelSum(kernel, scale, x, y, w, actual);
            assertClose(expected, actual, VALUE_RTOL, ATOL * mass, "kernelSum " + label);
            double[] expectedGradient = new double[n * x.dimension()];
            double[] actualGradient = new double[n * x.dimension()];
            scalar.kernelGradient(kernel, scale, x, y, w, expectedGradient);
            openCl.kernelGradient(kernel, scale, x, y, w, actualGradient);
            assertClose(expectedGradient, actualGradient, GRADIENT_RTOL, ATOL * mass / scale,
                    "kernelGradient " + label);
        }
    }

    /**
     * Normwise comparison {@code max|a - e| <= rtol * max|e| + atol} over the finite entries; infinite
     * entries (rows without columns) must be equal.
     */
    private void assertClose(double[] expected, double[] actual, double rtol, double atol, String what) {
        double largest = 0.0;
        double worst = 0.0;
        for (int k = 0; k < expected.length; k++) {
            if (Double.isInfinite(expected[k])) {
                assertEquals(expected[k], actual[k], what + " at " + k);
                continue;
            }
            largest = Math.max(largest, Math.abs(expected[k]));
            worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
        }
        double bound = rtol * largest + atol;
        assertTrue(worst <= bound, what + ": max error " + worst + " > " + bound
                + " (max |expected| " + largest + ")");
        compared++;
    }

    private static PointArray cloud(Random random, int count, int dimension, float shift) {
        float[] coords = new float[count * dimension];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = random.nextFloat() + (k % dimension == 0 ? shift : 0f);
        }
        return new PointArray(coords, count, dimension);
    }
}
