package org.geomloss.multiscale;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.GroundCost;

/**
 * Kernel truncation of the multiscale backend: which blocks of pairs a soft-min visits, chosen from
 * the current potentials so that every skipped pair has a negligible plan density.
 *
 * <p>For row points {@code i} with potential {@code f} and column points {@code j} with potential
 * {@code g}, the plan density of a pair is {@code exp((f_i + g_j - C_ij) / eps)}. The pair of a row
 * cluster {@code k} and a column cluster {@code l} is kept iff
 * <pre>  max_{i in k} f_i + max_{j in l} g_j - c(dist(box_k, box_l)) &gt; -margin</pre>
 * where {@code box} is the bounding box of a cluster's points and {@code c} the ground cost of a
 * distance. The left side bounds {@code f_i + g_j - C_ij} from above for every pair of the two
 * clusters, so every skipped pair has {@code f_i + g_j - C_ij <= -margin}, a density below
 * {@code exp(-margin / eps)}: a guarantee at the point level, for the potentials of the current
 * iteration. The multiscale loops build the margin with {@code TruncationMargin}:
 * {@code truncate * eps} of each reduction on the pyramid, GeomLoss's {@code truncate * eps_J} (the
 * temperature of the coarse-to-fine jump) on the two-scale plan ({@code TruncatedSoftmin} adds a
 * slack so that it can reuse a choice). The search walks a {@link ClusterTree} of the columns and
 * prunes whole subtrees with the same bound, so its cost grows with the kept pairs, not with all
 * of them.
 *
 * <p>A margin bounds each skipped pair, not their sum, and many pairs just below it can add up to
 * {@code exp(-truncate)} of a row's mass. So each row's skipped mass is certified against a budget
 * {@code beta} as well: for row cluster {@code k} and a column subtree {@code T} of mass
 * {@code m_T}, with {@code B(k, T) = max_{i in k} f_i + max_{j in T} g_j - c(dist(box_k, box_T))},
 * <pre>  S_k = sum_{skipped T} m_T exp(B(k, T) / eps)</pre>
 * bounds {@code sum_{j skipped} b_j exp((f_i + g_j - C_ij) / eps)} for every row point {@code i}
 * of {@code k}; the whole sum over {@code j} is 1 when {@code f} is the soft-min of {@code g}, and
 * at most 1 when {@code f} is above it (as {@code TruncatedSoftmin} checks against each result), so
 * there {@code S_k} bounds the fraction of row {@code i}'s soft-min that is skipped, and the error
 * on it by about {@code eps S_k}. The bound is made of two
 * tiers, so that it needs no exponential per pair:
 * <ul>
 *   <li>the search prunes subtrees at the outer margin {@code max(margin, eps log(2 M / beta))},
 *       {@code M} the column mass: together they carry at most {@code M exp(-outer / eps) <=
 *       beta / 2};</li>
 *   <li>the candidates it returns are sorted into shells one {@code eps} wide below
 *       {@code -margin} (by their own bound for the row); the row keeps the shells above the
 *       deepest cut whose skipped shells carry at most
 *       {@code sum_s m_s exp(-margin / eps - (s - 1)) <= beta / 2}.</li>
 * </ul>
 * Where the potentials are concentrated, as at the end of a Sinkhorn loop, the shells just below
 * the margin hold little mass and the row keeps about the pairs above the margin; where they are
 * flat it keeps more, up to the outer margin. A bound that is not a number (infinite potentials
 * of opposite signs) keeps its subtree.
 *
 * <p>Difference from GeomLoss, which decides once, at the coarse-to-fine jump, from the centroids'
 * coarse potentials and the cost between centroids: that rule is a heuristic (the centroid cost is
 * not a bound, so pairs that matter can be dropped) and it never revises the mask. Here the choice
 * is checked before every soft-min ({@code TruncatedSoftmin}) against the current fine potentials
 * and made again when they have moved, so the kept set follows the plan as it concentrates.
 *
 * <p>A row cluster whose every pair falls below the threshold (possible when the masses are far
 * from 1, since then no pair need reach density 1) keeps its column cluster of largest bound, so
 * that no soft-min is empty.
 *
 * <p>Memory: the kept blocks take two ints per column range of each row cluster. A search whose
 * ranges would take more than a third of the heap still free (after a collection) stops with a
 * {@link RangeBudgetExceeded} (an {@link UnsupportedOperationException} naming the temperature,
 * the sizes and what works: more heap, a larger blur, or the online backend) rather than an
 * {@link OutOfMemoryError}; {@code TruncatedSoftmin} then searches and reduces slices of the
 * rows one after the other, and only a slice of one search task that does not fit is refused.
 *
 * <p>Stateless and thread-safe; the search runs on {@link ComputePool}.
 */
public final class KernelTruncation {

    /** Row clusters per parallel task of the search; slices of rows start at its multiples. */
    static final int ROWS_PER_SLICE = 64;
    /** Consecutive row clusters (neighbours in the sorted order) whose candidates are searched together. */
    private static final int ROWS_PER_GROUP = 8;
    /**
     * Relative slack on the cost bound, for the float32 costs of the kernels (float64 costs need
     * far less; the slack only keeps a few more pairs for them).
     */
    private static final double COST_SLACK = 1e-6;
    /** Shells of candidates below the margin, one eps wide each (the last one open-ended). */
    private static final int SHELLS = 48;
    /** {@code SHELL_FACTORS[s] = exp(-(s - 1))}: the density bound of shell {@code s >= 1}. */
    private static final double[] SHELL_FACTORS = new double[SHELLS];

    static {
        for (int s = 1; s < SHELLS; s++) {
            SHELL_FACTORS[s] = Math.exp(-(s - 1));
        }
    }

    private KernelTruncation() {
    }

    /**
     * The pairs a truncated reduction visits, with the counts that the verbose output reports.
     *
     * @param blocks            the block-sparse structure over the sorted points
     * @param keptClusterPairs  number of kept (row cluster, column cluster) pairs
     * @param clusterPairs      the number of (row cluster, column cluster) pairs
     * @param keptPointPairs    number of (row, column) pairs visited
     * @param pointPairs        the number of (row, column) pairs
     */
    public record KeptBlocks(BlockSparsity blocks, long keptClusterPairs, long clusterPairs,
                             long keptPointPairs, long pointPairs) {

        /** Fraction of the cluster pairs that is kept. */
        public double clusterFraction() {
            return (double) keptClusterPairs / clusterPairs;
        }

        /** Fraction of the pairs that a reduction visits: its relative work. */
        public double pointFraction() {
            return (double) keptPointPairs / pointPairs;
        }
    }

    /**
     * The kept blocks between two clustered clouds for their potentials, as the multiscale soft-min
     * onto the rows chooses them, with its budget on each row's skipped mass (1e-6): for drawing
     * and inspecting a truncation outside the Sinkhorn loop.
     *
     * @param cost            the ground cost
     * @param rows            the row clusters (the targets of the reduction)
     * @param rowPotential    the row potential {@code f}, in the sorted order of {@code rows}
     * @param columns         the column clusters (the sources)
     * @param columnPotential the column potential {@code g}, in the sorted order of {@code columns}
     * @param margin          {@code truncate * eps}, at least 0
     * @param eps             the temperature of the reduction
     * @throws IllegalArgumentException if a potential's length is not its cloud's size, or for a
     *                                  negative margin or a temperature that is not positive
     */
    public static KeptBlocks keep(GroundCost cost, Clustering rows, double[] rowPotential,
                                  Clustering columns, double[] columnPotential, double margin,
                                  double eps) {
        if (rowPotential.length != rows.points().count()
                || columnPotential.length != columns.points().count()) {
            throw new IllegalArgumentException("potentials of lengths " + rowPotential.length
                    + " and " + columnPotential.length + " for clouds of " + rows.points().count()
                    + " and " + columns.points().count() + " points");
        }
        ClusterTree rowTree = ClusterTree.of(rows);
        ClusterTree columnTree = ClusterTree.of(columns);
        return keep(cost, rowTree, rowTree.maxima(rowPotential), columnTree,
                columnTree.maxima(columnPotential), margin, eps, TruncatedSoftmin.SKIPPED_MASS);
    }

    /**
     * The kept blocks for a margin and a budget on each row's skipped mass {@code S_k}.
     *
     * @param cost          the ground cost
     * @param rows          the tree of the row clusters (the targets of the reduction, points)
     * @param rowMax        {@link ClusterTree#maxima} of the row potential
     * @param columns       the tree of the column clusters (the sources)
     * @param columnMax     {@link ClusterTree#maxima} of the column potential
     * @param margin        {@code truncate * eps}, at least 0
     * @param eps           the temperature of the reduction
     * @param skippedMass   the largest {@code S_k} a row may keep (see above);
     *                      {@link Double#POSITIVE_INFINITY} for the margin alone
     */
    static KeptBlocks keep(GroundCost cost, ClusterTree rows, double[][] rowMax,
                           ClusterTree columns, double[][] columnMax, double margin, double eps,
                           double skippedMass) {
        return keep(cost, rows, rowMax, columns, columnMax, margin, eps, skippedMass, 0,
                rows.nodeCount(0));
    }

    /**
     * The kept blocks of the row clusters {@code [first, end)} only: the same ranges as
     * {@link #keep(GroundCost, ClusterTree, double[][], ClusterTree, double[][], double, double,
     * double) keep} gives them when {@code first} is a multiple of {@link #ROWS_PER_SLICE}, in a
     * structure over all the rows whose other rows keep nothing (a reduction gives them
     * {@code +infinity} or 0), so that a reduction can run one slice of its rows at a time.
     *
     * @param first the first row cluster
     * @param end   one past the last row cluster
     * @throws RangeBudgetExceeded when the slice's ranges would take more than a third of the
     *                             heap still free
     */
    static KeptBlocks keep(GroundCost cost, ClusterTree rows, double[][] rowMax,
                           ClusterTree columns, double[][] columnMax, double margin, double eps,
                           double skippedMass, int first, int end) {
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("truncate * eps must be >= 0, got " + margin);
        }
        if (!(eps > 0) || !(skippedMass > 0)) {
            throw new IllegalArgumentException("eps and the skipped-mass budget must be > 0, got "
                    + eps + " and " + skippedMass);
        }
        int rowClusters = end - first;
        int tasks = (rowClusters + ROWS_PER_SLICE - 1) / ROWS_PER_SLICE;
        RangeBudget budget = new RangeBudget(rows, columns, eps);
        int[][] taskRanges = new int[tasks][];
        int[] taskRangeValues = new int[tasks];
        int[][] taskCounts = new int[tasks][];
        long[] taskClusterPairs = new long[tasks];
        ComputePool.forEachBlock(tasks, task -> {
            Search search = new Search(cost, rows, rowMax, columns, columnMax, margin, eps,
                    skippedMass, budget);
            int from = first + task * ROWS_PER_SLICE;
            int to = Math.min(end, from + ROWS_PER_SLICE);
            int[] counts = new int[to - from];
            for (int k = from; k < to; k += ROWS_PER_GROUP) {
                search.group(k, Math.min(to, k + ROWS_PER_GROUP), counts, from);
            }
            taskRanges[task] = search.ranges();
            taskRangeValues[task] = search.rangeValues();
            taskCounts[task] = counts;
            taskClusterPairs[task] = search.keptClusters;
        });
        int[] clusterStarts = rows.clusterStarts();
        int lead = first > 0 ? 1 : 0;
        int trail = end < rows.nodeCount(0) ? 1 : 0;
        int[] rowStarts = clusterStarts;
        if (lead + trail > 0) {
            rowStarts = new int[lead + rowClusters + trail + 1];
            System.arraycopy(clusterStarts, first, rowStarts, lead, rowClusters + 1);
            rowStarts[rowStarts.length - 1] = clusterStarts[clusterStarts.length - 1];
        }
        int[] rangeOffsets = new int[rowStarts.length];
        int rangeCount = 0;
        long keptClusterPairs = 0;
        for (int task = 0; task < tasks; task++) {
            for (int r = 0; r < taskCounts[task].length; r++) {
                int k = lead + task * ROWS_PER_SLICE + r;
                rangeOffsets[k + 1] = rangeOffsets[k] + taskCounts[task][r];
            }
            rangeCount += taskRangeValues[task] / 2;
            keptClusterPairs += taskClusterPairs[task];
        }
        rangeOffsets[rangeOffsets.length - 1] = rangeCount;
        int[] ranges = new int[2 * rangeCount];
        int at = 0;
        for (int task = 0; task < tasks; task++) {
            System.arraycopy(taskRanges[task], 0, ranges, at, taskRangeValues[task]);
            at += taskRangeValues[task];
            taskRanges[task] = null;
        }
        BlockSparsity blocks = new BlockSparsity(rowStarts, rangeOffsets, ranges);
        int[] columnStarts = columns.clusterStarts();
        long columnCount = columnStarts[columnStarts.length - 1];
        long slicePoints = clusterStarts[end] - clusterStarts[first];
        return new KeptBlocks(blocks, keptClusterPairs,
                (long) rowClusters * columns.nodeCount(0), blocks.pairCount(),
                slicePoints * columnCount);
    }

    /** The tree search of one task: reusable buffers and the ranges found so far. */
    private static final class Search {
        private final GroundCost cost;
        private final ClusterTree rows;
        private final double[][] rowMax;
        private final ClusterTree columns;
        private final double[][] columnMax;
        private final double margin;
        private final double eps;
        private final double skippedMass;
        private final RangeBudget budget;
        private int[] stack = new int[256];
        private int[] kept = new int[64];
        /** The candidate column clusters of a group of rows, sorted. */
        private int[] candidates = new int[64];
        /** The box of the rows searched for. */
        private final double[] rowBox;
        private int[] ranges = new int[1024];
        private int rangeValues;
        long keptClusters;
        /** {@code max(margin, eps log(2 M / budget))}: the margin of the group searches. */
        private final double outerMargin;
        /**
         * The boxes ({@code [lower[axis][c], upper[axis][c]]}), column-potential maxima and masses
         * of the candidates, contiguous.
         */
        private final double[][] candidateLower;
        private final double[][] candidateUpper;
        private double[] candidateMax = new double[0];
        private double[] candidateMass = new double[0];
        /** The squared distance of each candidate to the current row. */
        private double[] candidateDistance2 = new double[0];
        /** The shell of each candidate for the current row ({@link #rowMargin}). */
        private int[] shells = new int[64];
        private final double[] shellMass = new double[SHELLS];

        Search(GroundCost cost, ClusterTree rows, double[][] rowMax, ClusterTree columns,
               double[][] columnMax, double margin, double eps, double skippedMass,
               RangeBudget budget) {
            this.cost = cost;
            this.rows = rows;
            this.rowMax = rowMax;
            this.columns = columns;
            this.columnMax = columnMax;
            this.margin = margin;
            this.outerMargin = Math.max(margin,
                    eps * Math.log(2 * columns.totalMass() / skippedMass));
            this.eps = eps;
            this.skippedMass = skippedMass;
            this.budget = budget;
            this.rowBox = new double[2 * rows.dimension()];
            this.candidateLower = new double[rows.dimension()][0];
            this.candidateUpper = new double[rows.dimension()][0];
        }

        /**
         * Appends the column ranges of row clusters {@code [from, to)} and stores how many in
         * {@code counts[k - offset]}. One tree search with the enclosing box of the group, the
         * largest row potential and the outer margin gives candidate column clusters (a superset
         * of each row's, by the monotonicity of the bound); each row then keeps the candidates of
         * bound above {@code -margin} and, when the rest could carry more than its share of the
         * budget, the next shells of candidates as well ({@link #rowMargin}).
         */
        void group(int from, int to, int[] counts, int offset) {
            rows.enclose(0, from, to, rowBox);
            double groupMax = Double.NEGATIVE_INFINITY;
            for (int k = from; k < to; k++) {
                groupMax = Math.max(groupMax, rowMax[0][k]);
            }
            int candidateCount = search(rowBox, groupMax, outerMargin);
            if (candidates.length < candidateCount) {
                candidates = new int[kept.length];
                shells = new int[kept.length];
            }
            System.arraycopy(kept, 0, candidates, 0, candidateCount);
            Arrays.sort(candidates, 0, candidateCount);
            gatherCandidates(candidateCount);
            for (int k = from; k < to; k++) {
                rows.enclose(0, k, k + 1, rowBox);
                double max = rowMax[0][k];
                int rowShells = rowMargin(max, candidateCount);
                int keptCount = 0;
                for (int c = 0; c < candidateCount; c++) {
                    kept[keptCount] = candidates[c];
                    keptCount += shells[c] < rowShells ? 1 : 0;
                }
                if (keptCount == 0) {
                    kept[keptCount++] = bestLeaf(rowBox, max);
                }
                keptClusters += keptCount;
                counts[k - offset] = appendRanges(keptCount);
            }
        }

        /**
         * Sorts the candidates into shells for the row in {@link #rowBox} with potentials at most
         * {@code max}: shell 0 the bounds above {@code -margin}, shell {@code s >= 1} those in
         * {@code (-margin - s eps, -margin - (s - 1) eps]} (the last shell takes every lower
         * bound), and returns the number of shells to keep: the fewest {@code s >= 1} whose
         * skipped candidates' bound {@code sum_{s' >= s} m_{s'} exp(-margin / eps - (s' - 1))}
         * is within the half of the budget that the outer margin leaves (every shell with a
         * budget of infinity).
         */
        private int rowMargin(double max, int candidateCount) {
            boolean budgeted = skippedMass < Double.POSITIVE_INFINITY;
            double[] distance2 = candidateDistance2;
            ClusterTree.squaredDistances(rowBox, candidateLower, candidateUpper, candidateCount,
                    distance2);
            double invEps = 1 / eps;
            for (int c = 0; c < candidateCount; c++) {
                double bound = max + candidateMax[c]
                        - cost.fromSquaredDistance(distance2[c]) * (1 - COST_SLACK);
                // 1 + the eps below -margin, in [0, SHELLS - 1]; a bound that is not a number
                // casts to shell 0 and keeps its candidate
                shells[c] = (int) Math.min(Math.max((-margin - bound) * invEps + 1, 0),
                        SHELLS - 1);
            }
            if (budgeted) {
                Arrays.fill(shellMass, 0);
                for (int c = 0; c < candidateCount; c++) {
                    shellMass[shells[c]] += candidateMass[c];
                }
            }
            if (!budgeted) {
                return 1;
            }
            double tail = 0;
            int keptShells = SHELLS;
            double allowed = 0.5 * skippedMass * Math.exp(margin / eps);
            while (keptShells > 1) {
                tail += shellMass[keptShells - 1] * SHELL_FACTORS[keptShells - 1];
                if (tail > allowed) {
                    break;
                }
                keptShells--;
            }
            return keptShells;
        }

        /**
         * Copies the boxes, potential maxima and masses of the first {@code count}
         * {@link #candidates} into contiguous arrays, which each row of the group then reads in
         * order.
         */
        private void gatherCandidates(int count) {
            if (candidateMax.length < count) {
                int capacity = candidates.length;
                candidateMax = new double[capacity];
                candidateMass = new double[capacity];
                candidateDistance2 = new double[capacity];
                for (int axis = 0; axis < candidateLower.length; axis++) {
                    candidateLower[axis] = new double[capacity];
                    candidateUpper[axis] = new double[capacity];
                }
            }
            columns.copyLeafBoxes(candidates, count, candidateLower, candidateUpper);
            double[] leafMax = columnMax[0];
            for (int c = 0; c < count; c++) {
                int l = candidates[c];
                candidateMax[c] = leafMax[l];
                candidateMass[c] = columns.mass(0, l);
            }
        }

        /**
         * Collects in {@link #kept} the column clusters of bound above {@code -searchMargin} for
         * rows in {@code box} with potentials at most {@code max}. A bound that is not a number
         * keeps its subtree.
         */
        private int search(double[] box, double max, double searchMargin) {
            int keptCount = 0;
            int depth = 0;
            int top = columns.levels() - 1;
            for (int node = 0; node < columns.nodeCount(top); node++) {
                depth = push(depth, top, node);
            }
            while (depth > 0) {
                depth -= 2;
                int level = stack[depth];
                int node = stack[depth + 1];
                double bound = bound(box, max, level, node);
                if (bound <= -searchMargin) {
                    continue;
                }
                if (level == 0) {
                    if (keptCount == kept.length) {
                        kept = Arrays.copyOf(kept, 2 * kept.length);
                    }
                    kept[keptCount++] = node;
                } else {
                    for (int c = columns.childStart(level, node); c < columns.childEnd(level, node);
                         c++) {
                        depth = push(depth, level - 1, columns.child(level, c));
                    }
                }
            }
            return keptCount;
        }

        /** The ranges found so far: the first {@link #rangeValues()} values of the array. */
        int[] ranges() {
            return ranges;
        }

        int rangeValues() {
            return rangeValues;
        }

        private int push(int depth, int level, int node) {
            if (depth + 2 > stack.length) {
                stack = Arrays.copyOf(stack, 2 * stack.length);
            }
            stack[depth] = level;
            stack[depth + 1] = node;
            return depth + 2;
        }

        private double bound(double[] box, double max, int level, int node) {
            double distance2 = columns.squaredDistance(box, level, node);
            return max + columnMax[level][node]
                    - cost.fromSquaredDistance(distance2) * (1 - COST_SLACK);
        }

        private int bestLeaf(double[] box, double max) {
            int best = 0;
            double bestBound = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < columns.nodeCount(0); l++) {
                double b = bound(box, max, 0, l);
                if (b > bestBound) {
                    bestBound = b;
                    best = l;
                }
            }
            return best;
        }

        /** Turns the sorted kept clusters into column ranges, merging adjacent ones. */
        private int appendRanges(int keptCount) {
            int[] starts = columns.clusterStarts();
            int added = 0;
            for (int r = 0; r < keptCount; r++) {
                int l = kept[r];
                int start = starts[l];
                int end = starts[l + 1];
                if (added > 0 && ranges[rangeValues - 1] == start) {
                    ranges[rangeValues - 1] = end;
                    continue;
                }
                if (rangeValues + 2 > ranges.length) {
                    budget.grow(ranges.length);
                    ranges = Arrays.copyOf(ranges, 2 * ranges.length);
                }
                ranges[rangeValues++] = start;
                ranges[rangeValues++] = end;
                added++;
            }
            return added;
        }
    }

    /**
     * The kept blocks of one {@link #keep} call would take more than a third of the heap still
     * free; the message names the temperature, the sizes and what works.
     */
    static final class RangeBudgetExceeded extends UnsupportedOperationException {
        RangeBudgetExceeded(String message) {
            super(message);
        }
    }

    /**
     * The heap the column ranges of one {@link #keep} call may take, shared by its tasks: a third of
     * the heap still free when the call starts, measured again after a collection before refusing.
     */
    private static final class RangeBudget {
        private final AtomicLong ints = new AtomicLong();
        private final ClusterTree rows;
        private final ClusterTree columns;
        private final double eps;
        private volatile long limit;

        RangeBudget(ClusterTree rows, ClusterTree columns, double eps) {
            this.rows = rows;
            this.columns = columns;
            this.eps = eps;
            this.limit = freeHeap() / 3 / Integer.BYTES;
        }

        private static long freeHeap() {
            Runtime runtime = Runtime.getRuntime();
            return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        }

        /** Counts {@code added} more ints of ranges; refuses when they pass the limit. */
        void grow(int added) {
            long total = ints.addAndGet(added);
            if (total <= limit) {
                return;
            }
            synchronized (this) {
                if (total > limit) {
                    System.gc();
                    limit = Math.max(limit, freeHeap() / 3 / Integer.BYTES);
                }
            }
            if (total > limit) {
                int[] rowStarts = rows.clusterStarts();
                int[] columnStarts = columns.clusterStarts();
                long points = rowStarts[rowStarts.length - 1];
                long columnPoints = columnStarts[columnStarts.length - 1];
                throw new RangeBudgetExceeded(String.format(Locale.ROOT,
                        "the multiscale backend's kept blocks for the soft-min at eps = %.3g "
                                + "between %,d and %,d points need more than %,d MiB, a third of "
                                + "the heap still free: run with a larger -Xmx, a larger blur "
                                + "(fewer pairs within reach of each point), or backend ONLINE "
                                + "(memory linear in N + M, every pair visited)",
                        eps, points, columnPoints, total * Integer.BYTES >> 20));
            }
        }
    }
}
