package org.geomloss.sinkhorn;

import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.CostFunction;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;

/**
 * The "online" soft-min strategy (GeomLoss's {@code backend="online"}, KeOps there): costs are
 * recomputed between points inside each reduction, so memory stays linear in N + M. With a
 * block-sparse structure, only the kept blocks of pairs are visited (the multiscale backend's
 * truncated reductions).
 *
 * @param kernels the device kernels that run the reductions
 * @param cost    the ground cost
 * @param targets the N points of the output (index i)
 * @param sources the M points of {@code h} (index j)
 * @param blocks  the pairs visited; {@link BlockSparsity#dense(int, int)} for all of them
 */
public record PointSoftmin(PointKernels kernels, CostFunction cost, PointArray targets,
                           PointArray sources, BlockSparsity blocks) implements SoftminOperator {

    /** An online soft-min over every pair. */
    public static PointSoftmin dense(PointKernels kernels, CostFunction cost, PointArray targets,
                                     PointArray sources) {
        return new PointSoftmin(kernels, cost, targets, sources,
                BlockSparsity.dense(targets.count(), sources.count()));
    }

    @Override
    public int targetCount() {
        return targets.count();
    }

    @Override
    public int sourceCount() {
        return sources.count();
    }

    @Override
    public void softmin(double eps, double[] h, double[] out) {
        kernels.softmin(cost, targets, sources, h, eps, blocks, out);
    }

    @Override
    public void softminGradient(double eps, double[] h, double[] softmin, double[] out) {
        kernels.softminGradient(cost, targets, sources, h, eps, softmin, blocks, out);
    }
}
