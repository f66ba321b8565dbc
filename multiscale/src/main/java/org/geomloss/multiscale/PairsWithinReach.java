package org.geomloss.multiscale;

import java.util.concurrent.atomic.AtomicLong;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.GroundCost;

/**
 * Counts the pairs that matter at the final temperature of a truncated Sinkhorn loop, for
 * comparison with the pairs it keeps ({@code verbose} output), in two senses:
 * <ul>
 *   <li>{@link #count(Clustering, Clustering, double)}: the pairs with {@code |x_i - y_j| < radius}
 *       ({@code truncate * blur});</li>
 *   <li>{@link #count(GroundCost, Clustering, double[], Clustering, double[], double)}: the pairs
 *       GeomLoss's truncation rule keeps for potentials {@code f} and {@code g},
 *       {@code f_i + g_j - C_ij > -margin} ({@code margin = truncate * eps}). At a balanced fixed
 *       point, the plan density {@code exp((f_i + g_j - C_ij) / eps)} of a row peaks well above 1
 *       (about {@code (2 pi eps)^(-D/2)} over the local density, for p = 2), so these pairs
 *       reach farther than {@code truncate * blur}.</li>
 * </ul>
 * The candidate blocks are the cluster pairs whose bounds pass the rule
 * ({@link KernelTruncation} with the margin alone; zero potentials and the cost of the radius for
 * the first count), then every pair of those blocks is tested, {@link #SLICE} row clusters at a
 * time so that the blocks never take much memory. Cost about that of one truncated soft-min;
 * thread-safe.
 */
final class PairsWithinReach {

    /** Row clusters whose blocks are searched and counted together. */
    private static final int SLICE = 64 * KernelTruncation.ROWS_PER_SLICE;

    private PairsWithinReach() {
    }

    /** The number of pairs of points of {@code x} and {@code y} at distance below {@code radius}. */
    static long count(Clustering x, Clustering y, double radius) {
        GroundCost cost = GroundCost.forExponent(2);
        return count(cost, x, new double[x.points().count()], y, new double[y.points().count()],
                cost.fromSquaredDistance(radius * radius));
    }

    /**
     * The number of pairs with {@code f_i + g_j - C_ij > -margin}, for potentials in the sorted
     * order of the clusterings.
     */
    static long count(GroundCost cost, Clustering x, double[] f, Clustering y, double[] g,
                      double margin) {
        ClusterTree tx = ClusterTree.of(x);
        ClusterTree ty = ClusterTree.of(y);
        double[][] maxF = tx.maxima(f);
        double[][] maxG = ty.maxima(g);
        long total = 0;
        for (int first = 0; first < tx.nodeCount(0); first += SLICE) {
            BlockSparsity blocks = KernelTruncation.keep(cost, tx, maxF, ty, maxG, margin, 1.0,
                    Double.POSITIVE_INFINITY, first, Math.min(tx.nodeCount(0), first + SLICE))
                    .blocks();
            total += count(blocks, cost, x, f, y, g, margin);
        }
        return total;
    }

    /** The pairs of {@code blocks} with {@code f_i + g_j - C_ij > -margin}. */
    private static long count(BlockSparsity blocks, GroundCost cost, Clustering x, double[] f,
                              Clustering y, double[] g, double margin) {
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
                        double c = xw != null && yw != null ? cost.cost(xw, i, yw, j, d)
                                : cost.cost(xc, i, yc, j, d);
                        if (f[i] + g[j] - c > -margin) {
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
