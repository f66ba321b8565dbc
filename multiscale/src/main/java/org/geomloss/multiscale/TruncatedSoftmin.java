package org.geomloss.multiscale;

import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.Precision;
import org.geomloss.sinkhorn.SoftminOperator;

/**
 * A soft-min between two clouds of points sorted by cluster that visits only the blocks of pairs
 * {@link KernelTruncation} keeps for the potentials the Sinkhorn loop announces ({@link #adapt}), a
 * margin ({@link TruncationMargin}: {@code truncate * eps_J} on the two-scale plan, {@code truncate *
 * eps} of each reduction on the pyramid) and a budget on each row's skipped mass
 * ({@link #skippedMass} of the kernels' precision in the multiscale loops):
 * <pre>  softmin_eps(h)_i = -eps log sum_{j kept for i} exp(h_j - C_ij / eps)</pre>
 *
 * <p>The blocks are chosen with {@code SLACK * eps} more margin ({@link #SLACK}) and
 * {@code e^-SLACK} of the budget, for anchor potentials {@code (f0, g0)}. While the temperature is
 * unchanged and the announced potentials rose by at most {@code max(f - f0) + max(g - g0) <= SLACK
 * * eps} (positive parts), every skipped pair still has {@code f_i + g_j - C_ij <= -margin} and every
 * row's skipped mass is still within the budget, so the choice still holds: only a rise can break
 * it. A fall makes the choice larger than needed; the loop ({@link #adapt}) searches again once the
 * potentials fell by more than {@code SLACK * eps} too, so that the kept set follows the plan, and in
 * the refinement at {@code blur^p}, where the potentials barely move, the search runs only now and
 * then. A C-transform ({@link #choose} with no limit on the fall) chooses its blocks for an upper
 * estimate of its result and keeps them when the result stays below it.
 *
 * <p>Counts the pairs its reductions visit. Memory: the kept blocks, about two integers per kept
 * range, and a copy of the anchor potentials. For one loop at a time.
 */
final class TruncatedSoftmin implements SoftminOperator {

    /**
     * The budget on each row's skipped mass {@code S_k} in float32 ({@link KernelTruncation}; at a
     * balanced fixed point, the fraction of the row's soft-min that is skipped): at the level of
     * the float32 rounding of the kernels' sums, far below the golden float32 tolerances (1e-4).
     */
    static final double SKIPPED_MASS = 1e-6;
    /**
     * The budget in float64: at the level of the float64 rounding of the kernels' sums, far below
     * the golden float64 tolerances (1e-9). It widens the pyramid's margin from about
     * {@code 14 eps} ({@code log(1e6)}) to {@code 32 eps}.
     */
    static final double FLOAT64_SKIPPED_MASS = 1e-14;
    /** How far, in units of eps, the potentials may move before the blocks are chosen again. */
    static final double SLACK = 0.5;

    /** The budget on each row's skipped mass for kernels of {@code precision}. */
    static double skippedMass(Precision precision) {
        return precision == Precision.FLOAT64 ? FLOAT64_SKIPPED_MASS : SKIPPED_MASS;
    }

    private final PointKernels kernels;
    private final GroundCost cost;
    private final PointArray targets;
    private final ClusterTree targetTree;
    private final PointArray sources;
    private final ClusterTree sourceTree;
    private final TruncationMargin margin;
    /** The budget a choice is made with, so that it holds after a move of up to the slack. */
    private final double choiceBudget;
    private KernelTruncation.KeptBlocks kept;
    private double anchorEps;
    private double[] anchorTarget;
    private double[] anchorSource;
    private long visitedPairs;

    /**
     * @param targets    the target points, sorted by cluster
     * @param targetTree the tree of their clusters
     * @param sources    the source points, sorted by cluster
     * @param sourceTree the tree of their clusters
     * @param margin      the margin at each temperature
     * @param skippedMass the budget on each row's skipped mass, {@link #skippedMass} of the
     *                    kernels' precision in the multiscale loops
     */
    TruncatedSoftmin(PointKernels kernels, GroundCost cost, PointArray targets,
                     ClusterTree targetTree, PointArray sources, ClusterTree sourceTree,
                     TruncationMargin margin, double skippedMass) {
        this.kernels = kernels;
        this.cost = cost;
        this.targets = targets;
        this.targetTree = targetTree;
        this.sources = sources;
        this.sourceTree = sourceTree;
        this.margin = margin;
        this.choiceBudget = skippedMass * Math.exp(-SLACK);
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
        choose(eps, target, source, SLACK);
    }

    /**
     * Searches the blocks for the potentials {@code target} and {@code source} at {@code eps},
     * unless the last choice holds for them (see above) and they fell by at most
     * {@code fall * eps} in all; tells whether it searched.
     *
     * @param fall how far, in units of eps, the potentials may fall before the search runs again;
     *             {@link Double#POSITIVE_INFINITY} to search only when the choice no longer holds
     */
    boolean choose(double eps, double[] target, double[] source, double fall) {
        if (kept != null && eps == anchorEps
                && largestRise(target, anchorTarget) + largestRise(source, anchorSource)
                <= SLACK * eps
                && largestRise(anchorTarget, target) + largestRise(anchorSource, source)
                <= fall * eps) {
            return false;
        }
        double[][] targetMax = targetTree.maxima(target);
        // Self problems announce one potential on one tree: its maxima serve both sides.
        double[][] sourceMax = source == target && sourceTree == targetTree ? targetMax
                : sourceTree.maxima(source);
        double base = margin.at(eps, sourceTree.totalMass(), choiceBudget);
        kept = KernelTruncation.keep(cost, targetTree, targetMax, sourceTree, sourceMax,
                base + SLACK * eps, eps,
                margin.certifiesBudget() ? Double.POSITIVE_INFINITY : choiceBudget);
        anchorEps = eps;
        anchorTarget = target.clone();
        anchorSource = source == target ? anchorTarget : source.clone();
        return true;
    }

    /** {@code max(0, max_i (potential_i - anchor_i))}. */
    private static double largestRise(double[] potential, double[] anchor) {
        double largest = 0;
        for (int i = 0; i < potential.length; i++) {
            largest = Math.max(largest, potential[i] - anchor[i]);
        }
        return largest;
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
