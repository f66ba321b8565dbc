package org.geomloss.multiscale;

import java.util.Arrays;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.CostFunction;
import org.geomloss.kernels.PointArray;

/**
 * Kernel truncation of GeomLoss's multiscale backend: which blocks of point pairs the fine soft-mins
 * visit, decided once from the coarse (cluster) potentials.
 *
 * <p>For a row cloud clustered into {@code k = 0..C_r-1} with potential {@code f} and a column cloud
 * clustered into {@code l = 0..C_c-1} with potential {@code g}, the pair of clusters (k, l) is kept iff
 * <pre>  f_k + g_l &gt; c(centroid_k, centroid_l) - truncate * eps</pre>
 * that is, iff the coarse transport plan density {@code exp((f_k + g_l - c_kl) / eps)} exceeds
 * {@code exp(-truncate)}. The kept pairs become a {@link BlockSparsity} over the sorted points: one
 * row block per row cluster, and as column ranges the kept column clusters, adjacent ones merged.
 *
 * <p>Difference from GeomLoss: a row cluster whose every pair falls below the threshold (possible
 * when the masses are far from 1, since then no pair need reach density 1) would give an empty
 * log-sum-exp, hence infinite potentials. Here such a cluster keeps its single best column cluster
 * (largest {@code f_k + g_l - c_kl}); GeomLoss has no such guard.
 *
 * <p>Stateless and thread-safe.
 */
public final class KernelTruncation {

    private KernelTruncation() {
    }

    /**
     * The pairs a truncated reduction visits, with the counts that the verbose output reports.
     *
     * @param blocks            the block-sparse structure over the sorted points
     * @param keptClusterPairs  number of kept (row cluster, column cluster) pairs
     * @param clusterPairs      {@code C_r * C_c}
     * @param keptPointPairs    number of (row point, column point) pairs visited
     * @param pointPairs        {@code N * M}
     */
    public record KeptBlocks(BlockSparsity blocks, long keptClusterPairs, long clusterPairs,
                             long keptPointPairs, long pointPairs) {

        /** Fraction of the coarse cost matrix that is kept (GeomLoss's verbose figure). */
        public double clusterFraction() {
            return (double) keptClusterPairs / clusterPairs;
        }

        /** Fraction of the fine point pairs that a reduction visits: its relative work. */
        public double pointFraction() {
            return (double) keptPointPairs / pointPairs;
        }
    }

    /**
     * Every pair: what {@code truncate = null} asks for. Rows come in blocks of
     * {@link BlockSparsity#DENSE_ROW_BLOCK} rather than clusters, which balances threads better.
     */
    public static KeptBlocks keepAll(Clustering rows, Clustering columns) {
        long clusterPairs = (long) rows.clusterCount() * columns.clusterCount();
        long pointPairs = (long) rows.points().count() * columns.points().count();
        return new KeptBlocks(BlockSparsity.dense(rows.points().count(), columns.points().count()),
                clusterPairs, clusterPairs, pointPairs, pointPairs);
    }

    /**
     * The kept cluster pairs for {@code truncate * eps = margin}.
     *
     * @param cost            the ground cost, evaluated between centroids
     * @param rows            the clustered row cloud (the targets of the reduction)
     * @param rowPotential    its coarse potential, one value per row cluster
     * @param columns         the clustered column cloud (the sources)
     * @param columnPotential its coarse potential, one value per column cluster
     * @param margin          {@code truncate * eps}, at least 0
     */
    public static KeptBlocks keep(CostFunction cost, Clustering rows, double[] rowPotential,
                                  Clustering columns, double[] columnPotential, double margin) {
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("truncate * eps must be >= 0, got " + margin);
        }
        int rowClusters = rows.clusterCount();
        int columnClusters = columns.clusterCount();
        PointArray rowCentroids = rows.centroids();
        PointArray columnCentroids = columns.centroids();
        int d = rowCentroids.dimension();
        int[] columnStarts = columns.clusterStarts();
        int[] rangeOffsets = new int[rowClusters + 1];
        RangeList ranges = new RangeList();
        long keptClusterPairs = 0;
        for (int k = 0; k < rowClusters; k++) {
            int firstRange = ranges.count;
            int best = 0;
            double bestExcess = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < columnClusters; l++) {
                double excess = rowPotential[k] + columnPotential[l]
                        - cost.cost(rowCentroids.coords(), k, columnCentroids.coords(), l, d);
                if (excess > bestExcess) {
                    bestExcess = excess;
                    best = l;
                }
                if (excess > -margin) {
                    keptClusterPairs++;
                    ranges.add(columnStarts[l], columnStarts[l + 1], ranges.count > firstRange);
                }
            }
            if (ranges.count == firstRange) {
                keptClusterPairs++;
                ranges.add(columnStarts[best], columnStarts[best + 1], false);
            }
            rangeOffsets[k + 1] = ranges.count;
        }
        BlockSparsity blocks = new BlockSparsity(rows.clusterStarts(), rangeOffsets,
                Arrays.copyOf(ranges.bounds, 2 * ranges.count));
        return new KeptBlocks(blocks, keptClusterPairs, (long) rowClusters * columnClusters,
                blocks.pairCount(), (long) rows.points().count() * columns.points().count());
    }

    /** A growable list of half-open column ranges, start/end pairs. */
    private static final class RangeList {
        private int[] bounds = new int[64];
        private int count;

        /** Appends {@code [start, end)}, or extends the last range when it ends at {@code start}. */
        void add(int start, int end, boolean mayMerge) {
            if (mayMerge && bounds[2 * count - 1] == start) {
                bounds[2 * count - 1] = end;
                return;
            }
            if (2 * count + 2 > bounds.length) {
                bounds = Arrays.copyOf(bounds, 2 * bounds.length);
            }
            bounds[2 * count] = start;
            bounds[2 * count + 1] = end;
            count++;
        }
    }
}
