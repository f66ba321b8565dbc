package org.geomloss.multiscale;

import java.util.concurrent.atomic.AtomicLong;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.GroundCost;

/**
 * Counts the pairs {@code (x_i, y_j)} with {@code |x_i - y_j| <= radius}: the pairs that matter at
 * the final temperature of a truncated Sinkhorn loop, for comparison with the pairs it keeps
 * ({@code verbose} output). The candidate blocks are the cluster pairs whose bounding boxes are
 * within {@code radius} ({@link KernelTruncation} with zero potentials), then every pair of those
 * blocks is tested, {@link #SLICE} row clusters at a time so that the blocks never take much
 * memory. Cost about that of one truncated soft-min; thread-safe.
 */
final class PairsWithinReach {

    /** Row clusters whose blocks are searched and counted together. */
    private static final int SLICE = 64 * KernelTruncation.ROWS_PER_SLICE;

    private PairsWithinReach() {
    }

    /** The number of pairs of points of {@code x} and {@code y} at distance at most {@code radius}. */
    static long count(Clustering x, Clustering y, double radius) {
        ClusterTree tx = ClusterTree.of(x);
        ClusterTree ty = ClusterTree.of(y);
        GroundCost cost = GroundCost.forExponent(2);
        double[][] zeroX = tx.maxima(new double[x.points().count()]);
        double[][] zeroY = ty.maxima(new double[y.points().count()]);
        long total = 0;
        for (int first = 0; first < tx.nodeCount(0); first += SLICE) {
            BlockSparsity blocks = KernelTruncation.keep(cost, tx, zeroX, ty, zeroY,
                    cost.fromSquaredDistance(radius * radius), 1.0, Double.POSITIVE_INFINITY, first,
                    Math.min(tx.nodeCount(0), first + SLICE)).blocks();
            total += count(blocks, x, y, radius);
        }
        return total;
    }

    /** The pairs of {@code blocks} at distance at most {@code radius}. */
    private static long count(BlockSparsity blocks, Clustering x, Clustering y, double radius) {
        double radius2 = radius * radius;
        float[] xc = x.points().coords();
        float[] yc = y.points().coords();
        // the coordinates the kernels read: float64 ones in a float64 run (both clouds alike)
        double[] xw = x.points().doubleCoords();
        double[] yw = y.points().doubleCoords();
        int d = x.points().dimension();
        AtomicLong total = new AtomicLong();
        ComputePool.forEachBlock(blocks.blockCount(), k -> {
            long count = 0;
            for (int r = blocks.rangeOffsets()[k]; r < blocks.rangeOffsets()[k + 1]; r++) {
                for (int i = blocks.rowStarts()[k]; i < blocks.rowStarts()[k + 1]; i++) {
                    for (int j = blocks.columnRanges()[2 * r]; j < blocks.columnRanges()[2 * r + 1];
                         j++) {
                        double distance2 = xw != null && yw != null
                                ? GroundCost.squaredDistance(xw, i, yw, j, d)
                                : GroundCost.squaredDistance(xc, i, yc, j, d);
                        if (distance2 <= radius2) {
                            count++;
                        }
                    }
                }
            }
            total.addAndGet(count);
        });
        return total.get();
    }
}
