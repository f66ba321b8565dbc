package org.geomloss.images;

import java.util.Arrays;
import org.geomloss.kernels.AxisCostTable;
import org.geomloss.kernels.GridKernels;
import org.geomloss.sinkhorn.SoftminOperator;

/**
 * The grid soft-min strategy: the soft C-transform between two regular grids (GeomLoss's
 * {@code softmin_grid}) with a separable cost, computed as one 1D log-domain convolution per axis.
 * <pre>  softmin_eps(h)_i = -eps log sum_j exp(h_j - C(u_i, v_j) / eps),   C(u, v) = sum_axes c(u_a - v_a)</pre>
 * Because {@code exp(-C/eps)} factorises over the axes, the sum over the {@code M} source cells is
 * done axis by axis: {@code N^(1 + 1/d)} operations for a grid of {@code N} cells instead of
 * {@code N^2}, and no cost matrix is stored (only one {@code n x n} table per axis).
 *
 * <ul>
 *   <li>{@code p = 2}: {@code c(t) = t^2 / 2}, so {@code C} is GeomLoss's {@code |u - v|^2 / 2};</li>
 *   <li>{@code p = 1}: {@code c(t) = |t|}, so {@code C} is the L1 (Manhattan) distance, as in
 *       GeomLoss's grid solver (not the Euclidean distance of its point-cloud losses).</li>
 * </ul>
 * Source and target grids may differ (sizes and spacings): this is how potentials are carried from a
 * coarse pyramid level to a finer one (the closed-form C-transform extrapolation). Grids have no
 * moving points, so {@link #softminGradient} is unsupported.
 *
 * <p>Not thread-safe: it owns scratch buffers and the Gibbs kernel tables of the last temperature
 * (recomputed when {@code eps} changes); one Sinkhorn loop at a time may use it (its four
 * directions share it, as they are called one after the other). The kernels are multi-threaded.
 */
public final class GridSoftmin implements SoftminOperator {

    private final RegularGrid target;
    private final RegularGrid source;
    private final AxisCostTable[] axisCosts;
    private final SeparablePasses passes;
    private final double[] blockMaxima;
    private final double[] scaled;
    private final double[][] kernels;
    private double kernelsInvEps = Double.NaN;

    /**
     * @param target the grid of the outputs (index i)
     * @param source the grid of the log-vector {@code h} (index j)
     * @param p      the cost exponent, 1 or 2
     * @throws IllegalArgumentException if the grids' dimensions differ or p is not 1 or 2
     */
    public GridSoftmin(RegularGrid target, RegularGrid source, int p) {
        if (target.dimension() != source.dimension()) {
            throw new IllegalArgumentException("grids of different dimensions: " + target + ", "
                    + source);
        }
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("p must be 1 or 2, got " + p);
        }
        this.target = target;
        this.source = source;
        int d = target.dimension();
        this.axisCosts = new AxisCostTable[d];
        long workspace = 0;
        long lineCells = 0;
        this.kernels = new double[d][];
        for (int axis = 0; axis < d; axis++) {
            axisCosts[axis] = AxisCostTable.of(costTable(target.size(axis), target.spacing(),
                    source.size(axis), source.spacing(), p), target.size(axis), source.size(axis));
            long lines = 1;
            for (int other = 0; other < d; other++) {
                if (other != axis) {
                    lines *= other > axis ? target.size(other) : source.size(other);
                }
            }
            workspace = Math.max(workspace, lines * axisCosts[axis].blockCount());
            lineCells = Math.max(lineCells, lines * source.size(axis));
            kernels[axis] = new double[target.size(axis) * source.size(axis)];
        }
        this.blockMaxima = new double[(int) workspace];
        this.scaled = new double[(int) lineCells];
        this.passes = new SeparablePasses(source.shape(), target.shape());
    }

    /** The grid of the outputs. */
    public RegularGrid target() {
        return target;
    }

    /** The grid of the inputs. */
    public RegularGrid source() {
        return source;
    }

    @Override
    public int targetCount() {
        return target.count();
    }

    @Override
    public int sourceCount() {
        return source.count();
    }

    @Override
    public void softmin(double eps, double[] h, double[] out) {
        if (h.length != source.count() || out.length != target.count()) {
            throw new IllegalArgumentException("h has length " + h.length + " and out "
                    + out.length + ", expected " + source.count() + " and " + target.count());
        }
        double invEps = 1.0 / eps;
        if (invEps != kernelsInvEps) {
            for (int axis = 0; axis < axisCosts.length; axis++) {
                axisCosts[axis].fillKernel(invEps, kernels[axis]);
            }
            kernelsInvEps = invEps;
        }
        passes.run(h, out, (axis, in, lines, result) -> GridKernels.logSumExpAlongLastAxis(in,
                lines, axisCosts[axis], kernels[axis], invEps, blockMaxima, scaled, result));
        for (int i = 0; i < out.length; i++) {
            out[i] *= -eps;
        }
    }

    /** {@code c(u_t - v_s)} for every target/source cell pair of one axis, row-major. */
    private static double[] costTable(int targets, double targetSpacing, int sources,
                                      double sourceSpacing, int p) {
        double[] table = new double[targets * sources];
        for (int t = 0; t < targets; t++) {
            for (int s = 0; s < sources; s++) {
                double delta = targetSpacing == sourceSpacing ? (t - s) * targetSpacing
                        : (t + 0.5) * targetSpacing - (s + 0.5) * sourceSpacing;
                table[t * sources + s] = p == 2 ? 0.5 * delta * delta : Math.abs(delta);
            }
        }
        return table;
    }

    @Override
    public String toString() {
        return "GridSoftmin" + Arrays.toString(target.shape()) + " <- "
                + Arrays.toString(source.shape());
    }
}
