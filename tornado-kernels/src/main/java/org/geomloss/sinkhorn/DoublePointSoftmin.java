package org.geomloss.sinkhorn;

import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;

/**
 * An online soft-min between float64 point clouds for the cost {@code c(x, y) = scale * |x - y|^2}:
 * <pre>  out_i = -eps * log sum_j exp(h_j - scale * |x_i - y_j|^2 / eps)</pre>
 * For {@code scale = 1} this is the cost of GeomLoss's {@code ot.solve_sample(cost="sqeuclidean")};
 * {@code scale = 1/2} gives the {@code p = 2} cost of {@code SamplesLoss}. Squared distances are sums
 * of squared coordinate differences (never the expansion {@code |x|^2 - 2<x,y> + |y|^2}), the
 * log-sum-exp is online (running maximum, rescaled sum), so memory stays linear in N + M. A row
 * whose terms are all {@code -infinity} gives {@code +infinity}.
 *
 * <p>Where {@link PointSoftmin} works on float32 coordinates and device kernels, this strategy keeps
 * the coordinates in float64, for users who compare with float64 references (POT, SciPy). No
 * gradients ({@link SoftminOperator#softminGradient} refuses).
 *
 * <p>Rows are split in blocks over the {@link ComputePool}; each row is reduced by one thread in a
 * fixed order, so results do not depend on the number of threads. The arrays are not copied and must
 * not change while a soft-min runs; safe for concurrent use otherwise.
 *
 * @param targets   flat row-major coordinates of the N output points x_i
 * @param sources   flat row-major coordinates of the M points y_j of {@code h}
 * @param dimension D, at least 1
 * @param scale     the factor of the squared distance, {@code > 0}
 */
public record DoublePointSoftmin(double[] targets, double[] sources, int dimension, double scale)
        implements SoftminOperator {

    /** Checks the dimension, the array lengths and the scale. */
    public DoublePointSoftmin {
        if (dimension < 1 || targets.length % dimension != 0 || sources.length % dimension != 0) {
            throw new IllegalArgumentException("coordinate arrays of lengths " + targets.length
                    + " and " + sources.length + " do not hold points of dimension " + dimension);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be > 0 and finite, got " + scale);
        }
    }

    @Override
    public int targetCount() {
        return targets.length / dimension;
    }

    @Override
    public int sourceCount() {
        return sources.length / dimension;
    }

    @Override
    public void softmin(double eps, double[] h, double[] out) {
        int m = sourceCount();
        BlockSparsity blocks = BlockSparsity.dense(targetCount(), m);
        ComputePool.forEachBlock(blocks.blockCount(), k -> {
            for (int i = blocks.rowStarts()[k]; i < blocks.rowStarts()[k + 1]; i++) {
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0.0;
                for (int j = 0; j < m; j++) {
                    double cost = scale * squaredDistance(targets, i, sources, j, dimension);
                    double s = h[j] - cost / eps;
                    if (s == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    if (s <= max) {
                        sum += Math.exp(s - max);
                    } else {
                        sum = sum * Math.exp(max - s) + 1.0;
                        max = s;
                    }
                }
                out[i] = -eps * (max + Math.log(sum));
            }
        });
    }

    /** {@code |x_i - y_j|^2} as a sum of squared coordinate differences. */
    public static double squaredDistance(double[] x, int i, double[] y, int j, int dimension) {
        int xi = i * dimension;
        int yj = j * dimension;
        double sum = 0.0;
        for (int k = 0; k < dimension; k++) {
            double diff = x[xi + k] - y[yj + k];
            sum += diff * diff;
        }
        return sum;
    }
}
