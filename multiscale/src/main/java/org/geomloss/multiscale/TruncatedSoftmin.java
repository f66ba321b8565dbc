package org.geomloss.multiscale;

import java.util.function.BiConsumer;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.Precision;
import org.geomloss.sinkhorn.SoftminOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * range, the potentials' maxima over the cluster trees and a copy of the anchor potentials. When
 * the kept blocks of all rows would take more than a third of the heap still free, the reductions
 * run in slices of rows instead (each slice searched again with the same choice, so with the same
 * blocks and results, at the cost of one search per slice and reduction, and one output-sized
 * buffer): memory then stays linear in {@code N + M}. For one loop at a time.
 */
final class TruncatedSoftmin implements SoftminOperator {

    private static final Logger LOG = LoggerFactory.getLogger(TruncatedSoftmin.class);

    /**
     * The budget on each row's skipped mass {@code S_k} in float32 ({@link KernelTruncation}; at a
     * balanced fixed point, the fraction of the row's soft-min that is skipped): at the level of
     * the float32 rounding of the kernels' sums, far below the golden float32 tolerances (1e-4).
     */
    static final double SKIPPED_MASS = 1e-6;
    /**
     * The budget in float64: at the level of the float64 rounding of the kernels' sums, far below
     * the golden float64 tolerances (1e-9). It widens the outer margin of the search from about
     * {@code 15 eps} ({@code log(2e6)}) to {@code 33 eps}.
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
    /** The counts of the last sliced reduction. */
    private KernelTruncation.KeptBlocks lastSliced;
    /**
     * The number of slices of rows the reductions run in: 1 while the kept blocks of all rows fit
     * in memory; more once they did not (see {@link #choose}).
     */
    private int slices = 1;
    /** What the last choice searched with, for the slices to search again at each reduction. */
    private Choice choice;
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
        if (choice != null && eps == anchorEps
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
        choice = new Choice(targetMax, sourceMax, margin.at(eps) + SLACK * eps, eps,
                choiceBudget);
        kept = null;
        if (slices == 1) {
            try {
                kept = keepRows(0, targetTree.nodeCount(0));
            } catch (KernelTruncation.RangeBudgetExceeded tooLarge) {
                slices = 2;
                LOG.info("Kept blocks of {} x {} points at eps={} exceed a third of the free heap:"
                        + " the reductions run in slices of rows", targets.count(),
                        sources.count(), String.format("%.3g", eps));
            }
        }
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
        reduce(out, 1, (blocks, into) -> kernels.softmin(cost, targets, sources, h, eps, blocks,
                into));
    }

    @Override
    public void softminGradient(double eps, double[] h, double[] softmin, double[] out) {
        reduce(out, targets.dimension(), (blocks, into) -> kernels.softminGradient(cost, targets,
                sources, h, eps, softmin, blocks, into));
    }

    /**
     * Runs a reduction with {@code width} values per row into {@code out}: on the kept blocks of
     * the last choice, or, when they did not fit in memory, slice after slice of the rows, each
     * slice searched again with the same choice (the same blocks, so the same result) and its
     * rows copied from the reduction's output into {@code out}. A slice whose blocks do not fit
     * either doubles the number of slices; slices of a single search task that do not fit are
     * refused ({@link KernelTruncation.RangeBudgetExceeded}).
     */
    private void reduce(double[] out, int width, BiConsumer<BlockSparsity, double[]> reduction) {
        if (choice == null) {
            throw new IllegalStateException("a truncated soft-min needs potentials: call adapt first");
        }
        if (kept != null) {
            reduction.accept(kept.blocks(), out);
            visitedPairs += kept.keptPointPairs();
            return;
        }
        int clusters = targetTree.nodeCount(0);
        int[] starts = targetTree.clusterStarts();
        double[] part = new double[out.length];
        long keptClusterPairs = 0;
        long keptPointPairs = 0;
        int first = 0;
        while (first < clusters) {
            int tasks = (clusters + KernelTruncation.ROWS_PER_SLICE - 1)
                    / KernelTruncation.ROWS_PER_SLICE;
            int perSlice = (tasks + slices - 1) / slices * KernelTruncation.ROWS_PER_SLICE;
            int end = Math.min(clusters, first + perSlice);
            KernelTruncation.KeptBlocks blocks;
            try {
                blocks = keepRows(first, end);
            } catch (KernelTruncation.RangeBudgetExceeded tooLarge) {
                if (perSlice == KernelTruncation.ROWS_PER_SLICE) {
                    throw tooLarge;
                }
                slices *= 2;
                continue;
            }
            reduction.accept(blocks.blocks(), part);
            System.arraycopy(part, width * starts[first], out, width * starts[first],
                    width * (starts[end] - starts[first]));
            keptClusterPairs += blocks.keptClusterPairs();
            keptPointPairs += blocks.keptPointPairs();
            first = end;
        }
        visitedPairs += keptPointPairs;
        lastSliced = new KernelTruncation.KeptBlocks(null, keptClusterPairs,
                (long) clusters * sourceTree.nodeCount(0), keptPointPairs,
                (long) targets.count() * sources.count());
    }

    /**
     * The blocks of the last {@link #adapt}; when the rows run in slices, the counts of the last
     * reduction's slices (without their blocks), or null before it.
     */
    KernelTruncation.KeptBlocks kept() {
        return kept != null ? kept : lastSliced;
    }

    /** The number of slices of rows the reductions run in (1: all rows at once). */
    int slices() {
        return slices;
    }

    /** Makes the reductions run in at least {@code count} slices of rows. */
    void sliceRows(int count) {
        slices = Math.max(slices, count);
        kept = null;
    }

    /** The pairs visited by all soft-mins so far (gradients not counted). */
    long visitedPairs() {
        return visitedPairs;
    }

    /** The kept blocks of row clusters {@code [first, end)} for the last choice. */
    private KernelTruncation.KeptBlocks keepRows(int first, int end) {
        return KernelTruncation.keep(cost, targetTree, choice.targetMax(), sourceTree,
                choice.sourceMax(), choice.margin(), choice.eps(), choice.skippedMass(), first,
                end);
    }

    /** The potentials' maxima, margin and budget of a choice of blocks. */
    private record Choice(double[][] targetMax, double[][] sourceMax, double margin, double eps,
                          double skippedMass) {
    }
}
