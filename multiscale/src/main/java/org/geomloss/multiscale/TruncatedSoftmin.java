package org.geomloss.multiscale;

import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.sinkhorn.SoftminOperator;

/**
 * A soft-min between two clouds of points sorted by cluster that visits only the blocks of pairs
 * {@link KernelTruncation} keeps, chosen again before every reduction from the potentials the
 * Sinkhorn loop announces ({@link #adapt}) and a fixed margin ({@code truncate * eps_J}):
 * <pre>  softmin_eps(h)_i = -eps log sum_{j kept for i} exp(h_j - C_ij / eps)</pre>
 *
 * <p>Counts the pairs its reductions visit. Memory: the kept blocks, about two integers per kept
 * range. For one loop at a time.
 */
final class TruncatedSoftmin implements SoftminOperator {

    private final PointKernels kernels;
    private final GroundCost cost;
    private final PointArray targets;
    private final ClusterTree targetTree;
    private final PointArray sources;
    private final ClusterTree sourceTree;
    private final double margin;
    private KernelTruncation.KeptBlocks kept;
    private long visitedPairs;

    /**
     * @param targets    the target points, sorted by cluster
     * @param targetTree the tree of their clusters
     * @param sources    the source points, sorted by cluster
     * @param sourceTree the tree of their clusters
     * @param margin     {@code truncate * eps_J}
     */
    TruncatedSoftmin(PointKernels kernels, GroundCost cost, PointArray targets,
                     ClusterTree targetTree, PointArray sources, ClusterTree sourceTree,
                     double margin) {
        this.kernels = kernels;
        this.cost = cost;
        this.targets = targets;
        this.targetTree = targetTree;
        this.sources = sources;
        this.sourceTree = sourceTree;
        this.margin = margin;
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
    public void adapt(double eps, double[] target, double[] source) {
        double[][] targetMax = targetTree.maxima(target);
        // Self problems announce one potential on one tree: its maxima serve both sides.
        double[][] sourceMax = source == target && sourceTree == targetTree ? targetMax
                : sourceTree.maxima(source);
        kept = KernelTruncation.keep(cost, targetTree, targetMax, sourceTree, sourceMax, margin);
    }

    @Override
    public void softmin(double eps, double[] h, double[] out) {
        kernels.softmin(cost, targets, sources, h, eps, blocks(), out);
        visitedPairs += kept.keptPointPairs();
    }

    @Override
    public void softminGradient(double eps, double[] h, double[] softmin, double[] out) {
        kernels.softminGradient(cost, targets, sources, h, eps, softmin, blocks(), out);
    }

    /** The blocks of the last {@link #adapt}. */
    KernelTruncation.KeptBlocks kept() {
        return kept;
    }

    /** The pairs visited by all soft-mins so far (gradients not counted). */
    long visitedPairs() {
        return visitedPairs;
    }

    private org.geomloss.kernels.BlockSparsity blocks() {
        if (kept == null) {
            throw new IllegalStateException("a truncated soft-min needs potentials: call adapt first");
        }
        return kept.blocks();
    }
}
