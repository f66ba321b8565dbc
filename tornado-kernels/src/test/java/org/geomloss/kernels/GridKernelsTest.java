package org.geomloss.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The grid kernels against direct evaluations of their formulas. */
class GridKernelsTest {

    @Test
    void logSumExpMatchesTheTwoPassFormulaAcrossTemperatures() {
        int lines = 5;
        int sources = 37;
        int targets = 23;
        double[] costs = new double[targets * sources];
        for (int t = 0; t < targets; t++) {
            for (int s = 0; s < sources; s++) {
                double delta = (t + 0.5) / targets - (s + 0.5) / sources;
                costs[t * sources + s] = 0.5 * delta * delta;
            }
        }
        AxisCostTable table = AxisCostTable.of(costs, targets, sources);
        Random random = new Random(3);
        double[] in = new double[lines * sources];
        for (int i = 0; i < in.length; i++) {
            in[i] = random.nextInt(5) == 0 ? -100000 : 2 * random.nextGaussian();
        }
        for (int s = 0; s < sources; s++) {
            in[2 * sources + s] = Double.NEGATIVE_INFINITY;
        }
        int compared = 0;
        for (double eps : new double[] {10, 1e-2, 1e-4, 1e-7}) {
            double[] kernel = new double[targets * sources];
            table.fillKernel(1 / eps, kernel);
            double[] out = new double[targets * lines];
            GridKernels.logSumExpAlongLastAxis(in, lines, table, kernel, 1 / eps,
                    new double[lines * table.blockCount()], new double[lines * sources], out);
            for (int line = 0; line < lines; line++) {
                for (int t = 0; t < targets; t++) {
                    double expected = twoPass(in, line * sources, sources, costs, t * sources,
                            1 / eps);
                    assertEquals(expected, out[t * lines + line],
                            1e-12 * Math.max(1, Math.abs(expected)), "eps " + eps);
                    compared++;
                }
            }
        }
        assertEquals(4 * lines * targets, compared);
    }

    private static double twoPass(double[] in, int base, int length, double[] costs, int row,
                                  double invEps) {
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < length; s++) {
            max = Math.max(max, in[base + s] - costs[row + s] * invEps);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int s = 0; s < length; s++) {
            sum += Math.exp(in[base + s] - costs[row + s] * invEps - max);
        }
        return max + Math.log(sum);
    }

    @Test
    void pairSumsAndInterpolationTransposeTheirAxis() {
        double[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] sums = new double[6];
        GridKernels.sumPairsAlongLastAxis(in, 2, 5, sums);
        assertArrayEquals(new double[] {3, 13, 7, 17, 5, 10}, sums, 0.0);
        double[] interpolated = new double[6];
        GridKernels.interpolateAlongLastAxis(in, 2, 5, new int[] {0, 1, 4},
                new double[] {0.0, 0.25, 0.0}, interpolated);
        assertArrayEquals(new double[] {1, 6, 2.25, 7.25, 5, 10}, interpolated, 1e-15);
    }
}
