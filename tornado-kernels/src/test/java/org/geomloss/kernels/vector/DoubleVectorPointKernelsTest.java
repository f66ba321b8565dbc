package org.geomloss.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.Precision;
import org.geomloss.kernels.RadialKernel;
import org.geomloss.kernels.ScalarPointKernels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The float64 vector kernels against the float64 scalar kernels, to float64 accuracy, on clouds
 * whose coordinates float32 cannot hold (offset by 1000 with unit extent: float32 would round them
 * to 6e-5), on awkward sizes, dimensions 1 to 5, dense and block-sparse structures.
 */
class DoubleVectorPointKernelsTest {

    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {8, 9}, {17, 15}, {65, 64}, {130, 1025},
        {1000, 513}};
    private static final double ROUNDING = 0x1p-52;
    private static final PointKernels SCALAR = ScalarPointKernels.FLOAT64;
    private static PointKernels vector;

    @BeforeAll
    static void requireVectorModule() {
        assumeTrue(Kernels.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        vector = Kernels.jvm(Precision.FLOAT64);
    }

    @Test
    void isWhatKernelsLoadsForFloat64() {
        assertSame(DoubleVectorPointKernels.INSTANCE, vector);
        assertEquals(Precision.FLOAT64, vector.precision());
        assertTrue(vector.name().startsWith("vector float64("), vector.name());
    }

    @Test
    void agreesWithTheScalarFloat64KernelsToFloat64Accuracy() {
        int compared = 0;
        for (int s = 0; s < SHAPES.length; s++) {
            int d = 1 + s % 5;
            Clouds clouds = new Clouds(SHAPES[s][0], SHAPES[s][1], d, 40L + s);
            SplittableRandom rng = new SplittableRandom(s);
            for (BlockSparsity blocks : new BlockSparsity[] {clouds.dense(),
                VectorPointKernelsTest.Data.randomStructure(clouds.n, clouds.m, rng)}) {
                for (GroundCost cost : GroundCost.values()) {
                    for (double eps : new double[] {1e-6, 0.01, 10.0}) {
                        compareSoftmin(clouds, cost, eps, blocks);
                        compared++;
                    }
                }
            }
            for (RadialKernel kernel : RadialKernel.values()) {
                compareKernel(clouds, kernel, 0.3);
                compared++;
            }
        }
        assertEquals(SHAPES.length * 15, compared);
    }

    @Test
    void givesTheSameBitsOnOneAndTwoThreads() {
        Clouds clouds = new Clouds(300, 1000, 3, 5);
        int previous = ComputePool.parallelism();
        try {
            ComputePool.setParallelism(1);
            double[] one = softmin(vector, clouds, GroundCost.EUCLIDEAN, 0.01, clouds.dense());
            ComputePool.setParallelism(2);
            double[] two = softmin(vector, clouds, GroundCost.EUCLIDEAN, 0.01, clouds.dense());
            assertArrayEquals(one, two);
        } finally {
            ComputePool.setParallelism(previous);
        }
    }

    private static void compareSoftmin(Clouds clouds, GroundCost cost, double eps,
                                       BlockSparsity blocks) {
        String label = clouds + " " + cost + " eps=" + eps;
        double[] expected = softmin(SCALAR, clouds, cost, eps, blocks);
        double[] actual = softmin(vector, clouds, cost, eps, blocks);
        double[] h = clouds.h();
        for (int i = 0; i < clouds.n; i++) {
            // float64 rounding of the exponents: |h| + |out| / eps units of 2^-52, a few times
            double tolerance = 64 * ROUNDING * (eps * (8 + Math.abs(h[0])) + Math.abs(expected[i]));
            VectorPointKernelsTest.assertClose(expected[i], actual[i], tolerance, label + " softmin row " + i);
        }
        double[] gradientExpected = new double[clouds.n * clouds.d];
        double[] gradientActual = new double[clouds.n * clouds.d];
        SCALAR.softminGradient(cost, clouds.x, clouds.y, h, eps, expected, blocks, gradientExpected);
        vector.softminGradient(cost, clouds.x, clouds.y, h, eps, expected, blocks, gradientActual);
        for (int k = 0; k < gradientExpected.length; k++) {
            double conditioning = 64 * ROUNDING * (8 + Math.abs(h[0])
                    + Math.abs(expected[k / clouds.d]) / eps);
            VectorPointKernelsTest.assertClose(gradientExpected[k], gradientActual[k],
                    1e-12 * Math.abs(gradientExpected[k]) + 4 * conditioning,
                    label + " gradient entry " + k);
        }
    }

    private static void compareKernel(Clouds clouds, RadialKernel kernel, double sigma) {
        String label = clouds + " " + kernel;
        double[] expected = new double[clouds.n];
        double[] actual = new double[clouds.n];
        SCALAR.kernelSum(kernel, sigma, clouds.x, clouds.y, clouds.w, expected);
        vector.kernelSum(kernel, sigma, clouds.x, clouds.y, clouds.w, actual);
        for (int i = 0; i < clouds.n; i++) {
            VectorPointKernelsTest.assertClose(expected[i], actual[i], 1e-13, label + " sum row " + i);
        }
        double[] gradientExpected = new double[clouds.n * clouds.d];
        double[] gradientActual = new double[clouds.n * clouds.d];
        SCALAR.kernelGradient(kernel, sigma, clouds.x, clouds.y, clouds.w, gradientExpected);
        vector.kernelGradient(kernel, sigma, clouds.x, clouds.y, clouds.w, gradientActual);
        for (int k = 0; k < gradientExpected.length; k++) {
            VectorPointKernelsTest.assertClose(gradientExpected[k], gradientActual[k], 1e-12, label + " gradient " + k);
        }
    }

    private static double[] softmin(PointKernels kernels, Clouds clouds, GroundCost cost,
                                    double eps, BlockSparsity blocks) {
        double[] out = new double[clouds.n];
        kernels.softmin(cost, clouds.x, clouds.y, clouds.h(), eps, blocks, out);
        return out;
    }

    /** Float64 clouds around 1000 with unit extent, {@code y_0 = x_0} (the clamps), signed weights. */
    private static final class Clouds {
        final int n;
        final int m;
        final int d;
        final PointArray x;
        final PointArray y;
        final double[] w;

        Clouds(int n, int m, int d, long seed) {
            this.n = n;
            this.m = m;
            this.d = d;
            SplittableRandom rng = new SplittableRandom(seed);
            double[] xs = new double[n * d];
            double[] ys = new double[m * d];
            for (int k = 0; k < xs.length; k++) {
                xs[k] = 1000 + rng.nextDouble();
            }
            for (int k = 0; k < ys.length; k++) {
                ys[k] = 1000.1 + rng.nextDouble();
            }
            System.arraycopy(xs, 0, ys, 0, d);
            x = PointArray.ofDoubles(xs, n, d);
            y = PointArray.ofDoubles(ys, m, d);
            w = new double[m];
            for (int j = 0; j < m; j++) {
                w[j] = (rng.nextDouble() - 0.3) / m;
            }
        }

        BlockSparsity dense() {
            return BlockSparsity.dense(n, m);
        }

        double[] h() {
            double[] h = new double[m];
            for (int j = 0; j < m; j++) {
                h[j] = -Math.log(m) + 0.5 * Math.sin(j);
            }
            return h;
        }

        @Override
        public String toString() {
            return "N=" + n + " M=" + m + " D=" + d;
        }
    }
}
