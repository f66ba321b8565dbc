package org.geomloss.multiscale;

import java.util.Arrays;
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
 * * eps} (positive parts), every skipped pair still has {@code f_i + g_j - C_ij <= -margin}, so the
 * choice is kept: only a rise can break it. A fall makes the choice larger than needed; the loop
 * ({@link #adapt}) searches again once the potentials fell by more than {@code SLACK * eps} too, so
 * that the kept set follows the plan, and in the refinement at {@code blur^p}, where the potentials
 * barely move, the search runs only now and then.
 *
 * <p>The skipped-mass budget is a bound relative to each row's mass {@code exp(-S_i / eps)}, with
 * {@code S} the soft-min the reduction gives, which the announced potentials only approximate: every
 * soft-min confirms its choice against its result ({@link #confirm}), and searches again for the
 * result where a row rose above the anchor by more than the slack. Two choices are made for an
 * estimate of the result rather than for the announced potentials: a C-transform's
 * ({@link #estimate}), which has no row potential yet, and the first soft-min of a new temperature
 * ({@link #chooseBelow}), whose announced potentials, computed at the higher temperature before,
 * lie several eps above its result (a choice for them keeps far more pairs than the budget
 * needs).
 *
 * <p>Counts the pairs its reductions visit. Memory: the kept blocks, about two integers per kept
 * range, the potentials' maxima over the cluster trees, a copy of the anchor potentials and, at a
 * new temperature, one lowered copy of the announced ones. When
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
    /**
     * Samples of rows, spread over the cloud, on which the fall of a soft-min at a new temperature
     * is measured ({@link #chooseBelow}): the first {@link #SAMPLE_CLUSTERS} row clusters of as
     * many slices of {@link KernelTruncation#ROWS_PER_SLICE}. Operators with fewer than twice as
     * many slices (a sample would cost more than a sixteenth of the soft-min) choose for the
     * announced potentials.
     */
    static final int FALL_SAMPLES = 32;
    /** Row clusters in one sample of {@link #FALL_SAMPLES}. */
    static final int SAMPLE_CLUSTERS = 8;
    /**
     * The potentials a new temperature chooses for lie this many eps above the soft-min of the
     * sampled row that fell least.
     */
    static final double FALL_SAFETY = 1.0;
    /**
     * Checks of a choice against the soft-min's result ({@link #confirm}): the last one only
     * reports; the ones before search again when the choice does not hold.
     */
    static final int CONFIRM_ROUNDS = 3;

    private Announcement announced;
    /** The source potential of the last choice, as announced (not the anchor's copy). */
    private double[] confirmSource;
    /** How far the source potential rose above the anchor of a reused choice; 0 after a search. */
    private double sourceRise;
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

    /**
     * Announces the potentials of the next soft-min. At the temperature of the last choice, or
     * when the rows are too few for a sample ({@link #FALL_SAMPLES}), the blocks are chosen now
     * for them; at a new temperature (or on a new operator) the choice waits for the soft-min,
     * which first measures how far below {@code target} its result falls ({@link #chooseBelow}).
     */
    @Override
    public void adapt(double eps, double[] target, double[] source) {
        announced = null;
        if ((choice == null || eps != anchorEps) && target != null
                && targetTree.nodeCount(0) >= 2 * FALL_SAMPLES
                * KernelTruncation.ROWS_PER_SLICE) {
            announced = new Announcement(eps, target, source);
            return;
        }
        choose(eps, target, source, SLACK);
    }

    /**
     * Searches the blocks for the potentials {@code target} and {@code source} at {@code eps},
     * unless the last choice holds for them (see above) and they fell by at most
     * {@code fall * eps} in all.
     *
     * @param fall how far, in units of eps, the potentials may fall before the search runs again;
     *             {@link Double#POSITIVE_INFINITY} to search only when the choice no longer holds
     */
    void choose(double eps, double[] target, double[] source, double fall) {
        announced = null;
        confirmSource = source;
        if (choice != null && eps == anchorEps
                && largestRise(target, anchorTarget) + largestRise(source, anchorSource)
                <= SLACK * eps
                && largestRise(anchorTarget, target) + largestRise(anchorSource, source)
                <= fall * eps) {
            sourceRise = largestRise(source, anchorSource);
            return;
        }
        sourceRise = 0;
        choice = choiceFor(eps, target, source);
        kept = null;
        if (slices == 1) {
            try {
                kept = keepRows(choice, 0, targetTree.nodeCount(0));
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
    }

    /**
     * Chooses the blocks of the next soft-min for an estimate of its result, {@code estimate}
     * (a C-transform, which has no row potential yet); the soft-min then confirms the choice
     * against its result ({@link #confirm}).
     */
    void estimate(double eps, double[] estimate, double[] source) {
        choose(eps, estimate, source, Double.POSITIVE_INFINITY);
    }

    /** The choice of blocks for {@code target} and {@code source} at {@code eps}, unsearched. */
    private Choice choiceFor(double eps, double[] target, double[] source) {
        double[][] targetMax = targetTree.maxima(target);
        // Self problems announce one potential on one tree: its maxima serve both sides.
        double[][] sourceMax = source == target && sourceTree == targetTree ? targetMax
                : sourceTree.maxima(source);
        return new Choice(targetMax, sourceMax, margin.at(eps) + SLACK * eps, eps, choiceBudget);
    }

    /**
     * Chooses the blocks of a soft-min at a new temperature. The potentials the loop announces
     * were computed at a higher temperature, and a soft-min falls as eps does (from the average of
     * the costs to their minimum), so the row's mass measured against {@code target} is
     * {@code exp((target_i - softmin_i) / eps)} times too large and a choice made for it keeps
     * pairs the budget does not need (at 1M uniform points, 7 to 22 eps more margin at the first
     * temperature of each level). The soft-min is computed first on {@link #FALL_SAMPLES} samples
     * of rows spread over the cloud, with blocks chosen for {@code target} (which it stays below,
     * so that choice holds), and the blocks of all rows are then chosen for {@code target}
     * lowered by the smallest fall measured less {@link #FALL_SAFETY} eps; the soft-min confirms
     * that choice ({@link #confirm}). Overwrites {@code out} (the sampled rows with their
     * soft-min, the others with {@code +infinity}). The announced arrays may be the loop's own, read
     * here before the loop changes them (it runs the soft-min right after announcing).
     */
    private void chooseBelow(Announcement announcement,
                             BiConsumer<BlockSparsity, double[]> reduction, double[] out) {
        double eps = announcement.eps();
        double[] target = announcement.target();
        Choice upper = choiceFor(eps, target, announcement.source());
        int clusters = targetTree.nodeCount(0);
        int[] starts = targetTree.clusterStarts();
        int wholeSlices = clusters / KernelTruncation.ROWS_PER_SLICE;
        int[] firsts = new int[FALL_SAMPLES];
        BlockSparsity[] samples = new BlockSparsity[FALL_SAMPLES];
        double fall = Double.POSITIVE_INFINITY;
        try {
            long samplePairs = 0;
            for (int s = 0; s < FALL_SAMPLES; s++) {
                firsts[s] = (int) ((2L * s + 1) * wholeSlices / (2 * FALL_SAMPLES))
                        * KernelTruncation.ROWS_PER_SLICE;
                KernelTruncation.KeptBlocks blocks = keepRows(upper, firsts[s],
                        firsts[s] + SAMPLE_CLUSTERS);
                samples[s] = blocks.blocks();
                samplePairs += blocks.keptPointPairs();
            }
            reduction.accept(union(samples, targets.count()), out);
            visitedPairs += samplePairs;
            for (int first : firsts) {
                for (int i = starts[first]; i < starts[first + SAMPLE_CLUSTERS]; i++) {
                    if (Double.isFinite(out[i])) {
                        fall = Math.min(fall, (target[i] - out[i]) / eps);
                    }
                }
            }
        } catch (KernelTruncation.RangeBudgetExceeded tooLarge) {
            fall = 0;
        }
        double lowerBy = fall - FALL_SAFETY;
        if (!(lowerBy > 0) || Double.isInfinite(lowerBy)) {
            choose(eps, target, announcement.source(), SLACK);
            return;
        }
        double[] lowered = new double[target.length];
        for (int i = 0; i < lowered.length; i++) {
            lowered[i] = target[i] - lowerBy * eps;
        }
        LOG.debug("eps={}: the soft-min fell at least {} eps below the announced potentials on"
                + " the sampled rows; blocks chosen for them lowered by {} eps",
                String.format("%.3g", eps), String.format("%.2f", fall),
                String.format("%.2f", lowerBy));
        choose(eps, lowered, announcement.source(), SLACK);
    }

    /**
     * One structure over {@code rows} rows from structures over them whose blocks with ranges are
     * disjoint and in increasing order of rows; the rows between them form blocks without ranges
     * (one reduction then runs all the samples of {@link #chooseBelow}).
     */
    private static BlockSparsity union(BlockSparsity[] parts, int rows) {
        int blocks = 0;
        int ranges = 0;
        for (BlockSparsity part : parts) {
            blocks += 2 * part.blockCount();
            ranges += part.rangeOffsets()[part.blockCount()];
        }
        int[] rowStarts = new int[blocks + 2];
        int[] rangeOffsets = new int[blocks + 2];
        int[] columnRanges = new int[2 * ranges];
        int block = 0;
        int range = 0;
        for (BlockSparsity part : parts) {
            int[] offsets = part.rangeOffsets();
            for (int k = 0; k < part.blockCount(); k++) {
                int count = offsets[k + 1] - offsets[k];
                if (count == 0) {
                    continue;
                }
                assert part.rowStarts()[k] >= rowStarts[block] : "parts overlap or are unordered";
                if (part.rowStarts()[k] > rowStarts[block]) { // the rows before: no ranges
                    rowStarts[++block] = part.rowStarts()[k];
                    rangeOffsets[block] = range;
                }
                System.arraycopy(part.columnRanges(), 2 * offsets[k], columnRanges, 2 * range,
                        2 * count);
                range += count;
                rowStarts[++block] = part.rowStarts()[k + 1];
                rangeOffsets[block] = range;
            }
        }
        if (rowStarts[block] < rows) {
            rowStarts[++block] = rows;
            rangeOffsets[block] = range;
        }
        return new BlockSparsity(Arrays.copyOf(rowStarts, block + 1),
                Arrays.copyOf(rangeOffsets, block + 1), columnRanges);
    }

    /**
     * Checks a soft-min against the choice of its blocks (for the announced potentials, a lowered
     * estimate or a C-transform's): the choice holds for every row whose result {@code out_i} rose
     * at most {@code SLACK * eps} above the anchor, less the rise of the source potential since the
     * choice (a truncated soft-min is never below the exact one, so the choice then holds for the
     * exact one too). Otherwise the blocks are chosen again for the result, and the soft-min runs
     * again: a row that failed gets more blocks and a lower result; a row that held had its
     * result within the budget of the exact one, and keeps it within the slack. One pass over the
     * rows when the choice holds.
     */
    private void confirm(double eps, BiConsumer<BlockSparsity, double[]> reduction,
                         double[] out) {
        for (int round = 0; round < CONFIRM_ROUNDS; round++) {
            double allowed = SLACK * eps - sourceRise;
            int failed = 0;
            double worst = 0;
            for (int i = 0; i < out.length; i++) {
                if (Double.isFinite(out[i]) && out[i] - anchorTarget[i] > allowed) {
                    failed++;
                    worst = Math.max(worst, (out[i] - anchorTarget[i]) / eps);
                }
            }
            if (failed == 0) {
                return;
            }
            if (round == CONFIRM_ROUNDS - 1) {
                // One search for the result should always hold (its blocks include the failed
                // ones): reaching this means the potentials or the kernels misbehave.
                LOG.warn("eps={}: the kept blocks of a truncated soft-min hold for its result on"
                                + " all but {} of {} rows after {} searches; those rows may skip"
                                + " more than {} of their mass", String.format("%.3g", eps), failed,
                        out.length, CONFIRM_ROUNDS, choice.skippedMass() * Math.exp(SLACK));
                return;
            }
            LOG.debug("eps={}: the choice of blocks did not hold for {} of {} rows (their"
                    + " soft-min up to {} eps above its anchor); searched again",
                    String.format("%.3g", eps), failed, out.length, String.format("%.2f", worst));
            double[] result = anchorTarget.clone();
            for (int i = 0; i < out.length; i++) {
                if (Double.isFinite(out[i])) {
                    result[i] = out[i];
                }
            }
            choose(eps, result, confirmSource, Double.POSITIVE_INFINITY);
            reduce(out, 1, reduction);
        }
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
        BiConsumer<BlockSparsity, double[]> reduction = (blocks, into) -> kernels.softmin(cost,
                targets, sources, h, eps, blocks, into);
        if (announced != null) {
            chooseBelow(announced, reduction, out);
        }
        reduce(out, 1, reduction);
        confirm(eps, reduction, out);
    }

    @Override
    public void softminGradient(double eps, double[] h, double[] softmin, double[] out) {
        if (announced != null) {
            choose(announced.eps(), announced.target(), announced.source(), SLACK);
        }
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
                blocks = keepRows(choice, first, end);
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

    /** The kept blocks of row clusters {@code [first, end)} for {@code choice}. */
    private KernelTruncation.KeptBlocks keepRows(Choice choice, int first, int end) {
        return KernelTruncation.keep(cost, targetTree, choice.targetMax(), sourceTree,
                choice.sourceMax(), choice.margin(), choice.eps(), choice.skippedMass(), first,
                end);
    }

    /** Potentials announced at a new temperature, chosen for at the next soft-min. */
    private record Announcement(double eps, double[] target, double[] source) {
    }

    /** The potentials' maxima, margin and budget of a choice of blocks. */
    private record Choice(double[][] targetMax, double[][] sourceMax, double margin, double eps,
                          double skippedMass) {
    }
}
