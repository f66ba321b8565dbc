package org.geomloss.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.ScalarPointKernels;
import org.junit.jupiter.api.Test;

/**
 * The lane soft-min, dense and on blocks of several ranges, where an online Sinkhorn ends (two
 * uniform clouds in the unit cube, eps down to {@code 1e-4}: a row's exponents span about
 * {@code 2^14}, its largest terms sit among a
 * few of thousands of columns, so references taken from a sample of columns start far below
 * them): every row is finite and within float32 rounding of the float64 scalar kernel,
 * {@code 2^-24 (|h| + |out| / eps)} a few times over. Several seeds and spreads of {@code h}.
 */
class LaneSoftminSmallEpsTest {

    @Test
    void agreesWithFloat64OnUniformCloudsAtSmallEps() {
        assumeTrue(Kernels.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        int n = 4_000;
        GroundCost cost = GroundCost.HALF_SQUARED_EUCLIDEAN;
        for (int seed = 1; seed <= 3; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            PointArray x = cloud(random, n);
            PointArray y = cloud(random, n);
            for (double eps : new double[] {1e-3, 1e-4}) {
                for (double spread : new double[] {0, 1, 100}) {
                    double[] h = new double[n];
                    for (int j = 0; j < n; j++) {
                        h[j] = -Math.log(n) + spread * (random.nextDouble() - 0.5);
                    }
                    for (BlockSparsity blocks : new BlockSparsity[] {BlockSparsity.dense(n, n),
                            everyColumnInTwoRanges(n)}) {
                        double[] expected = new double[n];
                        double[] actual = new double[n];
                        ScalarPointKernels.INSTANCE.softmin(cost, x, y, h, eps, blocks, expected);
                        VectorPointKernels.INSTANCE.softmin(cost, x, y, h, eps, blocks, actual);
                        for (int i = 0; i < n; i++) {
                            double tolerance = 8 * 0x1p-24 * eps * (2 * Math.log(n) + spread + 1
                                    + Math.abs(expected[i]) / eps);
                            int row = i;
                            String what = "seed " + seed + " eps=" + eps + " spread " + spread
                                    + " ranges " + blocks.columnRanges().length / 2 + " row " + row;
                            assertTrue(Math.abs(actual[i] - expected[i]) <= tolerance,
                                    () -> what + ": expected " + expected[row] + ", got "
                                            + actual[row]);
                        }
                    }
                }
            }
        }
    }

    /**
     * Row blocks of 31 rows that keep every column in two ranges: the block-sparse path (its first
     * references taken over a sample of the columns) on the dense problem.
     */
    private static BlockSparsity everyColumnInTwoRanges(int n) {
        int blocks = (n + 30) / 31;
        int[] rowStarts = new int[blocks + 1];
        int[] rangeOffsets = new int[blocks + 1];
        int[] ranges = new int[4 * blocks];
        for (int k = 0; k < blocks; k++) {
            rowStarts[k + 1] = Math.min(n, 31 * (k + 1));
            rangeOffsets[k + 1] = 2 * (k + 1);
            ranges[4 * k + 1] = n / 2;
            ranges[4 * k + 2] = n / 2;
            ranges[4 * k + 3] = n;
        }
        return new BlockSparsity(rowStarts, rangeOffsets, ranges);
    }

    private static PointArray cloud(SplittableRandom random, int n) {
        float[] coords = new float[3 * n];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = (float) random.nextDouble();
        }
        return new PointArray(coords, n, 3);
    }
}
