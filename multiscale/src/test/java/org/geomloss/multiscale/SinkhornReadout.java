package org.geomloss.multiscale;

import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.sinkhorn.SingleScale;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.PointSoftmin;
import org.geomloss.sinkhorn.SinkhornProgress;
import org.geomloss.sinkhorn.SymmetricSinkhorn;

/**
 * Test support: the plain single-scale online loop (the reference the multiscale loop must match),
 * and the read-out of a balanced debiased Sinkhorn divergence from a final step (GeomLoss §5.8, §6.3).
 */
final class SinkhornReadout {

    /** The debiased balanced value, potentials and position gradients, in the caller's order. */
    record Divergence(double value, double[] fBA, double[] gAB, double[] fAA, double[] gBB,
                      double[] gradX, double[] gradY) {
    }

    private SinkhornReadout() {
    }

    /** GeomLoss's diameter: the diagonal of the joint bounding box. */
    static double diameter(PointArray x, PointArray y) {
        int d = x.dimension();
        double sum = 0;
        for (int axis = 0; axis < d; axis++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (PointArray cloud : new PointArray[] {x, y}) {
                for (int i = 0; i < cloud.count(); i++) {
                    min = Math.min(min, cloud.coords()[i * d + axis]);
                    max = Math.max(max, cloud.coords()[i * d + axis]);
                }
            }
            sum += (max - min) * (max - min);
        }
        return Math.sqrt(sum);
    }

    /** The single-scale online loop over every pair, with GeomLoss's schedule, scalar kernels. */
    static FinalStep plainLoop(GroundCost cost, PointArray x, double[] a, PointArray y, double[] b,
                               int p, double blur, double rho, double diameter, double scaling) {
        return plainLoop(Kernels.scalar(), cost, x, a, y, b, p, blur, rho, diameter, scaling);
    }

    /** The single-scale online loop over every pair, with GeomLoss's schedule. */
    static FinalStep plainLoop(PointKernels k, GroundCost cost, PointArray x, double[] a,
                               PointArray y, double[] b, int p, double blur, double rho,
                               double diameter, double scaling) {
        var operators = new SymmetricSinkhorn.Operators(PointSoftmin.dense(k, cost, x, y),
                PointSoftmin.dense(k, cost, y, x), PointSoftmin.dense(k, cost, x, x),
                PointSoftmin.dense(k, cost, y, y));
        double[] schedule = EpsilonSchedule.geomloss(p, diameter, blur, scaling);
        return AnnealingDriver.run(SingleScale.of(operators, a, b),
                AnnealingDriver.Settings.fixedSchedule(schedule, rho), SinkhornProgress.NONE)
                .finalStep();
    }

    /** Read-out of the plain loop (points already in the caller's order). */
    static Divergence balancedDebiased(FinalStep step, double[] a, double[] b, int d) {
        return readout(step, a, b, d);
    }

    /** Read-out of the multiscale loop, un-sorted to the caller's order. */
    static Divergence balancedDebiased(MultiscaleResult result, int d) {
        Divergence sorted = readout(result.finalStep(), result.sortedA(), result.sortedB(), d);
        return new Divergence(sorted.value(), result.toOriginalOrderX(sorted.fBA(), 1),
                result.toOriginalOrderY(sorted.gAB(), 1), result.toOriginalOrderX(sorted.fAA(), 1),
                result.toOriginalOrderY(sorted.gBB(), 1), result.toOriginalOrderX(sorted.gradX(), d),
                result.toOriginalOrderY(sorted.gradY(), d));
    }

    /** Normwise relative difference {@code max|actual - expected| / max|expected|}. */
    static double relativeError(double[] actual, double[] expected) {
        double diff = 0;
        double scale = 0;
        for (int k = 0; k < expected.length; k++) {
            diff = Math.max(diff, Math.abs(actual[k] - expected[k]));
            scale = Math.max(scale, Math.abs(expected[k]));
        }
        return diff / scale;
    }

    private static Divergence readout(FinalStep step, double[] a, double[] b, int d) {
        double[] fBA = step.fBA().potential();
        double[] gAB = step.gAB().potential();
        double[] fAA = step.fAA().potential();
        double[] gBB = step.gBB().potential();
        double value = 0;
        for (int i = 0; i < a.length; i++) {
            value += a[i] * (fBA[i] - fAA[i]);
        }
        for (int j = 0; j < b.length; j++) {
            value += b[j] * (gAB[j] - gBB[j]);
        }
        return new Divergence(value, fBA, gAB, fAA, gBB,
                positionGradient(step, step.fBA(), step.fAA(), a, d),
                positionGradient(step, step.gAB(), step.gBB(), b, d));
    }

    /** {@code w_i (grad F_i - grad F_self_i)}: the balanced debiased position gradient. */
    private static double[] positionGradient(FinalStep step, FinalStep.Direction cross,
                                             FinalStep.Direction self, double[] w, int d) {
        double[] gradCross = step.gradient(cross, d);
        double[] gradSelf = step.gradient(self, d);
        double[] out = new double[gradCross.length];
        for (int i = 0; i < w.length; i++) {
            for (int k = 0; k < d; k++) {
                out[i * d + k] = w[i] * (gradCross[i * d + k] - gradSelf[i * d + k]);
            }
        }
        return out;
    }
}
