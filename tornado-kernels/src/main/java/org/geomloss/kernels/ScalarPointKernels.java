package org.geomloss.kernels;

/**
 * The reference implementation of {@link PointKernels}: plain Java, {@link Math#exp} in float64,
 * multi-threaded over row blocks on the {@link ComputePool}. Always available; the other
 * implementations are tested against it. {@link #INSTANCE} reads the float32 coordinates,
 * {@link #FLOAT64} the float64 ones ({@link PointArray#doubleCoordinates()}); the arithmetic is float64
 * in both ({@link PairCosts}).
 *
 * <p>Each reduction is a static method over flat arrays with one outer loop over output rows and no
 * allocation (the shape a TornadoVM task graph can wrap). The log-sum-exp is computed online: a
 * running maximum {@code m} and a sum {@code s} rescaled by {@code exp(m_old - m_new)} when the
 * maximum grows, so the N x M matrix is never stored.
 */
public final class ScalarPointKernels implements PointKernels {

    /** The float32 instance (the default): the class is stateless. */
    public static final ScalarPointKernels INSTANCE = new ScalarPointKernels(Precision.FLOAT32);

    /** The float64 instance. */
    public static final ScalarPointKernels FLOAT64 = new ScalarPointKernels(Precision.FLOAT64);

    private final Precision precision;

    private ScalarPointKernels(Precision precision) {
        this.precision = precision;
    }

    @Override
    public String name() {
        return precision == Precision.FLOAT32 ? "scalar" : "scalar float64";
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public void softmin(CostFunction cost, PointArray x, PointArray y, double[] h, double eps,
                        BlockSparsity blocks, double[] out) {
        PairCosts pairs = PairCosts.of(cost, x, y, precision);
        ComputePool.forEachBlock(blocks.blockCount(), k -> softminRows(pairs, h, eps, blocks, k, out));
    }

    @Override
    public void softminGradient(CostFunction cost, PointArray x, PointArray y, double[] h,
                                double eps, double[] softmin, BlockSparsity blocks, double[] out) {
        PairCosts pairs = PairCosts.of(cost, x, y, precision);
        int d = x.dimension();
        ComputePool.forEachBlock(blocks.blockCount(), k -> softminGradientRows(pairs, d, h, eps,
                softmin, blocks, k, out));
    }

    @Override
    public void kernelSum(RadialKernel kernel, double sigma, PointArray x, PointArray y,
                          double[] w, double[] out) {
        PairCosts pairs = PairCosts.of(GroundCost.HALF_SQUARED_EUCLIDEAN, x, y, precision);
        BlockSparsity blocks = BlockSparsity.dense(x.count(), y.count());
        ComputePool.forEachBlock(blocks.blockCount(), k -> kernelSumRows(kernel, sigma, pairs,
                y.count(), w, blocks.rowStarts()[k], blocks.rowStarts()[k + 1], out));
    }

    @Override
    public void kernelGradient(RadialKernel kernel, double sigma, PointArray x, PointArray y,
                               double[] w, double[] out) {
        PairCosts pairs = PairCosts.of(GroundCost.HALF_SQUARED_EUCLIDEAN, x, y, precision);
        BlockSparsity blocks = BlockSparsity.dense(x.count(), y.count());
        ComputePool.forEachBlock(blocks.blockCount(), k -> kernelGradientRows(kernel, sigma, pairs,
                x.dimension(), y.count(), w, blocks.rowStarts()[k], blocks.rowStarts()[k + 1],
                out));
    }

    /** Soft-min of the rows of row block {@code block}, streaming over its kept column ranges. */
    static void softminRows(PairCosts pairs, double[] h, double eps, BlockSparsity blocks,
                            int block, double[] out) {
        double invEps = 1.0 / eps;
        int[] ranges = blocks.columnRanges();
        int rangeFrom = blocks.rangeOffsets()[block];
        int rangeTo = blocks.rangeOffsets()[block + 1];
        for (int i = blocks.rowStarts()[block]; i < blocks.rowStarts()[block + 1]; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0.0;
            for (int r = rangeFrom; r < rangeTo; r++) {
                for (int j = ranges[2 * r]; j < ranges[2 * r + 1]; j++) {
                    double s = h[j] - pairs.cost(i, j) * invEps;
                    if (s <= max) {
                        sum += Math.exp(s - max);
                    } else {
                        sum = sum * Math.exp(max - s) + 1.0;
                        max = s;
                    }
                }
            }
            out[i] = -eps * (max + Math.log(sum));
        }
    }

    /** Soft-max-weighted cost gradients of the rows of row block {@code block}. */
    static void softminGradientRows(PairCosts pairs, int d, double[] h, double eps,
                                    double[] softmin, BlockSparsity blocks, int block,
                                    double[] out) {
        double invEps = 1.0 / eps;
        int[] ranges = blocks.columnRanges();
        int rangeFrom = blocks.rangeOffsets()[block];
        int rangeTo = blocks.rangeOffsets()[block + 1];
        for (int i = blocks.rowStarts()[block]; i < blocks.rowStarts()[block + 1]; i++) {
            int offset = i * d;
            java.util.Arrays.fill(out, offset, offset + d, 0.0);
            double shift = softmin[i] * invEps;
            for (int r = rangeFrom; r < rangeTo; r++) {
                for (int j = ranges[2 * r]; j < ranges[2 * r + 1]; j++) {
                    double weight = Math.exp(h[j] - pairs.cost(i, j) * invEps + shift);
                    pairs.addGradient(i, j, weight, out, offset);
                }
            }
        }
    }

    /** Kernel sums of rows {@code [rowFrom, rowTo)}. */
    static void kernelSumRows(RadialKernel kernel, double sigma, PairCosts pairs, int m,
                              double[] w, int rowFrom, int rowTo, double[] out) {
        double invSigma2 = 1.0 / (sigma * sigma);
        for (int i = rowFrom; i < rowTo; i++) {
            double sum = 0.0;
            for (int j = 0; j < m; j++) {
                sum += w[j] * kernel.value(pairs.squaredDistance(i, j) * invSigma2);
            }
            out[i] = sum;
        }
    }

    /** Kernel-sum gradients of rows {@code [rowFrom, rowTo)}. */
    static void kernelGradientRows(RadialKernel kernel, double sigma, PairCosts pairs, int d,
                                   int m, double[] w, int rowFrom, int rowTo, double[] out) {
        double invSigma2 = 1.0 / (sigma * sigma);
        for (int i = rowFrom; i < rowTo; i++) {
            int offset = i * d;
            java.util.Arrays.fill(out, offset, offset + d, 0.0);
            for (int j = 0; j < m; j++) {
                double r2 = pairs.squaredDistance(i, j) * invSigma2;
                double factor = w[j] * kernel.gradientFactor(r2) * invSigma2;
                if (factor == 0.0) {
                    continue;
                }
                for (int k = 0; k < d; k++) {
                    out[offset + k] += factor * pairs.difference(i, j, k);
                }
            }
        }
    }
}
