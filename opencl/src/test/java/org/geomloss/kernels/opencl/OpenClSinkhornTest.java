package org.geomloss.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.sinkhorn.SingleScale;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.PointSoftmin;
import org.geomloss.sinkhorn.SymmetricSinkhorn;
import org.junit.jupiter.api.Test;

/**
 * The whole debiased Sinkhorn loop (GeomLoss's annealing down to blur 0.05, p = 2, with a
 * zero-weight point) on the OpenCL kernels against the same loop on the scalar kernels: the
 * potentials and the position gradients of the final step must agree within the float32 tolerances
 * of the golden files (rtol 1e-4 on potentials, 5e-4 on gradients), after about 12 iterations of
 * float32 soft-mins that reuse the cached coordinate buffers.
 */
class OpenClSinkhornTest {

    @Test
    void debiasedLoopMatchesTheScalarLoop() {
        assumeTrue(OpenClDevices.available(), () -> String.join("; ", OpenClDevices.describeAll()));
        Random random = new Random(5);
        PointArray x = cloud(random, 300, 0.0f);
        PointArray y = cloud(random, 257, 0.3f);
        double[] a = weights(random, 300);
        double[] b = weights(random, 257);
        a[17] = 0.0;
        double[] schedule = EpsilonSchedule.geomloss(2, Math.sqrt(3.3), 0.05, 0.5);

        FinalStep expected = solve(Kernels.scalar(), x, y, a, b, schedule);
        FinalStep actual = solve(OpenClDevices.preferred().kernels(), x, y, a, b, schedule);

        assertClose(expected.fBA().potential(), actual.fBA().potential(), 1e-4, "F_ba");
        assertClose(expected.gAB().potential(), actual.gAB().potential(), 1e-4, "G_ab");
        assertClose(expected.fAA().potential(), actual.fAA().potential(), 1e-4, "F_aa");
        assertClose(expected.gBB().potential(), actual.gBB().potential(), 1e-4, "G_bb");
        assertClose(expected.gradient(expected.fBA(), 3), actual.gradient(actual.fBA(), 3), 5e-4,
                "grad F_ba");
        assertClose(expected.gradient(expected.gBB(), 3), actual.gradient(actual.gBB(), 3), 5e-4,
                "grad G_bb");
    }

    private static FinalStep solve(PointKernels kernels, PointArray x, PointArray y, double[] a,
                                   double[] b, double[] schedule) {
        GroundCost cost = GroundCost.HALF_SQUARED_EUCLIDEAN;
        var operators = new SymmetricSinkhorn.Operators(PointSoftmin.dense(kernels, cost, x, y),
                PointSoftmin.dense(kernels, cost, y, x), PointSoftmin.dense(kernels, cost, x, x),
                PointSoftmin.dense(kernels, cost, y, y));
        return AnnealingDriver.run(SingleScale.of(operators, a, b),
                AnnealingDriver.Settings.fixedSchedule(schedule, Double.POSITIVE_INFINITY),
                (iteration, total, eps) -> { }).finalStep();
    }

    private static void assertClose(double[] expected, double[] actual, double rtol, String what) {
        double largest = 0.0;
        double worst = 0.0;
        for (int k = 0; k < expected.length; k++) {
            largest = Math.max(largest, Math.abs(expected[k]));
            worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
        }
        assertTrue(worst <= rtol * largest, what + ": max error " + worst + " > " + rtol * largest);
    }

    private static double[] weights(Random random, int count) {
        double[] w = new double[count];
        double total = 0.0;
        for (int i = 0; i < count; i++) {
            w[i] = 0.5 + random.nextDouble();
            total += w[i];
        }
        for (int i = 0; i < count; i++) {
            w[i] /= total;
        }
        return w;
    }

    private static PointArray cloud(Random random, int count, float shift) {
        float[] coords = new float[count * 3];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = random.nextFloat() + (k % 3 == 0 ? shift : 0f);
        }
        return new PointArray(coords, count, 3);
    }
}
