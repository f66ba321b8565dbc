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
 * The dense lane soft-min where an online Sinkhorn ends (two uniform clouds in the unit cube, eps
 * down to {@code 1e-4}: a row's exponents span about {@code 2^14}, its largest terms sit among a
 * few of thousands of columns, so references taken from a sample of columns start far below
 * them): every row is finite and within float32 rounding of the float64 scalar kernel,
 * {@code 2^-24 (|h| + |out| / eps)} a few times over. Several seeds and spreads of {@code h}.
 */
class DenseLaneSoftminTest {

    @Test
    void agreesWithFloat64OnUniformCloudsAtSmallEps() {
        assumeTrue(Kernels.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        int n = 4_000;
        GroundCost cost = GroundCost.HALF_SQUARED_EUCLIDEAN;
        BlockSparsity dense = BlockSparsity.dense(n, n);
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
                    double[] expected = new double[n];
                    double[] actual = new double[n];
                    ScalarPointKernels.INSTANCE.softmin(cost, x, y, h, eps, dense, expected);
                    VectorPointKernels.INSTANCE.softmin(cost, x, y, h, eps, dense, actual);
                    for (int i = 0; i < n; i++) {
                        double tolerance = 8 * 0x1p-24 * eps * (2 * Math.log(n) + spread + 1
                                + Math.abs(expected[i]) / eps);
                        int row = i;
                        String what = "seed " + seed + " eps=" + eps + " spread " + spread
                                + " row " + row;
                        assertTrue(Math.abs(actual[i] - expected[i]) <= tolerance,
                                () -> what + ": expected " + expected[row] + ", got "
                                        + actual[row]);
                    }
                }
            }
        }
    }

    private static PointArray cloud(SplittableRandom random, int n) {
        float[] coords = new float[3 * n];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = (float) random.nextDouble();
        }
        return new PointArray(coords, n, 3);
    }
}
