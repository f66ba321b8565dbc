package org.geomloss.multiscale;

import java.util.Arrays;
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
 * iteration. The multiscale loop uses GeomLoss's margin {@code truncate * eps_J} (the temperature
 * of the coarse-to-fine jump) at every temperature after the jump. The search walks a
 * {@link ClusterTree} of the columns and prunes whole subtrees with the same bound, so its cost
 * grows with the kept pairs, not with all of them.
 *
 * <p>Difference from GeomLoss, which decides once, at the coarse-to-fine jump, from the centroids'
 * coarse potentials and the cost between centroids: that rule is a heuristic (the centroid cost is
 * not a bound, so pairs that matter can be dropped) and it never revises the mask. Here the choice
 * is redone before every soft-min ({@link TruncatedSoftmin}) from the current fine potentials, so
 * the kept set follows the plan as it concentrates.
 *
 * <p>A row cluster whose every pair falls below the threshold (possible when the masses are far
 * from 1, since then no pair need reach density 1) keeps its column cluster of largest bound, so
 * that no soft-min is empty.
 *
 * <p>Stateless and thread-safe; the search runs on {@link ComputePool}.
 */
public final class KernelTruncation {

    /** Row clusters per parallel task. */
    private static final int ROWS_PER_TASK = 64;
    /** Relative slack on the cost bound, for the float32 costs of the kernels. */
    private static final double COST_SLACK = 1e-6;

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
     * The kept blocks for {@code truncate * eps = margin}.
     *
     * @param cost          the ground cost
     * @param rows          the tree of the row clusters (the targets of the reduction, points)
     * @param rowMax        {@link ClusterTree#maxima} of the row potential
     * @param columns       the tree of the column clusters (the sources)
     * @param columnMax     {@link ClusterTree#maxima} of the column potential
     * @param margin        {@code truncate * eps}, at least 0
     */
    static KeptBlocks keep(GroundCost cost, ClusterTree rows, double[][] rowMax,
                           ClusterTree columns, double[][] columnMax, double margin) {
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("truncate * eps must be >= 0, got " + margin);
        }
        int rowClusters = rows.nodeCount(0);
        int tasks = (rowClusters + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        int[][] taskRanges = new int[tasks][];
        int[][] taskCounts = new int[tasks][];
        long[] taskClusterPairs = new long[tasks];
        ComputePool.forEachBlock(tasks, task -> {
            Search search = new Search(cost, rows, rowMax, columns, columnMax, margin);
            int first = task * ROWS_PER_TASK;
            int last = Math.min(rowClusters, first + ROWS_PER_TASK);
            int[] counts = new int[last - first];
            for (int k = first; k < last; k++) {
                counts[k - first] = search.row(k);
            }
            taskRanges[task] = search.ranges();
            taskCounts[task] = counts;
            taskClusterPairs[task] = search.keptClusters;
        });
        int[] rangeOffsets = new int[rowClusters + 1];
        int rangeCount = 0;
        long keptClusterPairs = 0;
        for (int task = 0; task < tasks; task++) {
            for (int r = 0; r < taskCounts[task].length; r++) {
                int k = task * ROWS_PER_TASK + r;
                rangeOffsets[k + 1] = rangeOffsets[k] + taskCounts[task][r];
            }
            rangeCount += taskRanges[task].length / 2;
            keptClusterPairs += taskClusterPairs[task];
        }
        int[] ranges = new int[2 * rangeCount];
        int at = 0;
        for (int[] part : taskRanges) {
            System.arraycopy(part, 0, ranges, at, part.length);
            at += part.length;
        }
        BlockSparsity blocks = new BlockSparsity(rows.clusterStarts(), rangeOffsets, ranges);
        int[] columnStarts = columns.clusterStarts();
        long columnCount = columnStarts[columnStarts.length - 1];
        int[] rowStarts = rows.clusterStarts();
        return new KeptBlocks(blocks, keptClusterPairs,
                (long) rowClusters * columns.nodeCount(0), blocks.pairCount(),
                rowStarts[rowStarts.length - 1] * columnCount);
    }

    /** The tree search of one task: reusable buffers and the ranges found so far. */
    private static final class Search {
        private final GroundCost cost;
        private final ClusterTree rows;
        private final double[][] rowMax;
        private final ClusterTree columns;
        private final double[][] columnMax;
        private final double margin;
        private int[] stack = new int[256];
        private int[] kept = new int[64];
        private int[] ranges = new int[128];
        private int rangeValues;
        long keptClusters;

        Search(GroundCost cost, ClusterTree rows, double[][] rowMax, ClusterTree columns,
               double[][] columnMax, double margin) {
            this.cost = cost;
            this.rows = rows;
            this.rowMax = rowMax;
            this.columns = columns;
            this.columnMax = columnMax;
            this.margin = margin;
        }

        /** Appends the column ranges of row cluster {@code k}; returns how many. */
        int row(int k) {
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
                if (!mayMatter(k, level, node)) {
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
            if (keptCount == 0) {
                kept[keptCount++] = bestLeaf(k);
            }
            keptClusters += keptCount;
            Arrays.sort(kept, 0, keptCount);
            return appendRanges(keptCount);
        }

        int[] ranges() {
            return Arrays.copyOf(ranges, rangeValues);
        }

        private int push(int depth, int level, int node) {
            if (depth + 2 > stack.length) {
                stack = Arrays.copyOf(stack, 2 * stack.length);
            }
            stack[depth] = level;
            stack[depth + 1] = node;
            return depth + 2;
        }

        private double bound(int k, int level, int node) {
            double distance2 = rows.squaredBoxDistance(0, k, columns, level, node);
            return rowMax[0][k] + columnMax[level][node]
                    - cost.fromSquaredDistance(distance2) * (1 - COST_SLACK);
        }

        private boolean mayMatter(int k, int level, int node) {
            return bound(k, level, node) > -margin;
        }

        private int bestLeaf(int k) {
            int best = 0;
            double bestBound = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < columns.nodeCount(0); l++) {
                double b = bound(k, 0, l);
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
                    ranges = Arrays.copyOf(ranges, 2 * ranges.length);
                }
                ranges[rangeValues++] = start;
                ranges[rangeValues++] = end;
                added++;
            }
            return added;
        }
    }
}
