package org.geomloss.sinkhorn;

import java.util.Arrays;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.CostFunction;
import org.geomloss.kernels.PairCosts;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.Precision;

/**
 * The "tensorized" soft-min strategy: the N x M cost matrix is built once, in float64, and every
 * soft-min is a row-wise log-sum-exp over it. Fast for small problems; memory {@code 8 N M} bytes per
 * direction, so {@link #fromPoints} refuses sizes that would not fit in the heap.
 *
 * <p>Built from points, it also knows the cost's gradient, computed from the coordinates in the
 * {@link Precision} asked for ({@link PairCosts}: the float32 coordinates or the float64 ones); built
 * from a raw matrix (the ot API), it computes soft-mins only.
 */
public final class DenseSoftmin implements SoftminOperator {

    private final double[] costs;
    private final int rows;
    private final int columns;
    private final PairCosts pairs;
    private final int dimension;

    private DenseSoftmin(double[] costs, int rows, int columns, PairCosts pairs, int dimension) {
        this.costs = costs;
        this.rows = rows;
        this.columns = columns;
        this.pairs = pairs;
        this.dimension = dimension;
    }

    /**
     * Builds {@code C_ij = cost(targets_i, sources_j)} from the coordinates in {@code precision}.
     *
     * @throws UnsupportedOperationException if the matrix would not fit in half the free heap
     */
    public static DenseSoftmin fromPoints(CostFunction cost, PointArray targets,
                                          PointArray sources, Precision precision) {
        int n = targets.count();
        int m = sources.count();
        requireFits((long) n * m);
        double[] matrix = new double[n * m];
        PairCosts pairs = PairCosts.of(cost, targets, sources, precision);
        BlockSparsity blocks = BlockSparsity.dense(n, m);
        ComputePool.forEachBlock(blocks.blockCount(), k -> {
            for (int i = blocks.rowStarts()[k]; i < blocks.rowStarts()[k + 1]; i++) {
                for (int j = 0; j < m; j++) {
                    matrix[i * m + j] = pairs.cost(i, j);
                }
            }
        });
        return new DenseSoftmin(matrix, n, m, pairs, targets.dimension());
    }

    /** Wraps a row-major {@code rows x columns} cost matrix (not copied); no gradients. */
    public static DenseSoftmin fromMatrix(double[] matrix, int rows, int columns) {
        if ((long) rows * columns != matrix.length) {
            throw new IllegalArgumentException("matrix has length " + matrix.length
                    + ", expected " + rows + "*" + columns);
        }
        return new DenseSoftmin(matrix, rows, columns, null, 0);
    }

    /**
     * Refuses a dense matrix of {@code entries} doubles that would take more than half the heap still
     * available, naming the backends that stream instead.
     */
    public static void requireFits(long entries) {
        Runtime runtime = Runtime.getRuntime();
        long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        long bytes = entries * Double.BYTES;
        if (entries > Integer.MAX_VALUE - 8 || bytes > available / 2) {
            throw new UnsupportedOperationException(String.format(
                    "the tensorized backend needs a %,d-entry cost matrix (%,d MiB) but only %,d MiB "
                            + "of heap are free: use backend ONLINE (memory linear in N+M) or "
                            + "MULTISCALE (dimension <= 3)", entries, bytes >> 20, available >> 20));
        }
    }

    /** The row-major cost matrix (live array). */
    public double[] costs() {
        return costs;
    }

    @Override
    public int targetCount() {
        return rows;
    }

    @Override
    public int sourceCount() {
        return columns;
    }

    @Override
    public void softmin(double eps, double[] h, double[] out) {
        BlockSparsity blocks = BlockSparsity.dense(rows, columns);
        ComputePool.forEachBlock(blocks.blockCount(), k -> {
            for (int i = blocks.rowStarts()[k]; i < blocks.rowStarts()[k + 1]; i++) {
                out[i] = -eps * logSumExpRow(i, eps, h);
            }
        });
    }

    @Override
    public void softminGradient(double eps, double[] h, double[] softmin, double[] out) {
        if (pairs == null) {
            SoftminOperator.super.softminGradient(eps, h, softmin, out);
        }
        int d = dimension;
        BlockSparsity blocks = BlockSparsity.dense(rows, columns);
        ComputePool.forEachBlock(blocks.blockCount(), k -> {
            for (int i = blocks.rowStarts()[k]; i < blocks.rowStarts()[k + 1]; i++) {
                Arrays.fill(out, i * d, (i + 1) * d, 0.0);
                double shift = softmin[i] / eps;
                for (int j = 0; j < columns; j++) {
                    double weight = Math.exp(h[j] - costs[i * columns + j] / eps + shift);
                    pairs.addGradient(i, j, weight, out, i * d);
                }
            }
        });
    }

    /** {@code log sum_j exp(h_j - C_ij / eps)}, stabilised by the row maximum. */
    private double logSumExpRow(int i, double eps, double[] h) {
        int base = i * columns;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < columns; j++) {
            max = Math.max(max, h[j] - costs[base + j] / eps);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = 0.0;
        for (int j = 0; j < columns; j++) {
            sum += Math.exp(h[j] - costs[base + j] / eps - max);
        }
        return max + Math.log(sum);
    }
}
