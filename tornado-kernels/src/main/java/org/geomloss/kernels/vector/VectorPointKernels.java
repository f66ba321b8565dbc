package org.geomloss.kernels.vector;

import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.CostFunction;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.RadialKernel;
import org.geomloss.kernels.ScalarPointKernels;

/**
 * {@link PointKernels} on the Java Vector API ({@code jdk.incubator.vector}): the same reductions as
 * {@link ScalarPointKernels}, in float32 with a polynomial exponential ({@code VectorExp}), 16 pairs
 * per instruction with AVX-512. GeomLoss runs these reductions with KeOps ({@code backend="online"});
 * this is the CPU counterpart.
 *
 * <ul>
 *   <li>{@code softmin} and {@code softminGradient} for both {@link GroundCost}s, honouring the
 *       block-sparse structure. For p = 2 and {@code D <= 3} they run with one row per lane
 *       ({@code LaneSoftmin}, {@code LaneSoftminGradient}; {@code LaneOperands} says when): a pass
 *       holds a vector of rows in registers and broadcasts each kept column's 16-byte record
 *       {@code {log2(e) h_j, y_j}} to every lane, takes the differences {@code x_i - y_j} directly,
 *       and folds the log-sum-exp reference into the exponential's rounding constant. Otherwise
 *       (p = 1, D &gt; 3, or eps tiny against the clouds' extent) the general kernels
 *       {@code VectorSoftmin} and {@code VectorSoftminGradient} run (one row at a time, columns across
 *       the lanes, {@code HighDimensions} for the coordinates past the third). Any other
 *       {@link CostFunction} runs on {@link ScalarPointKernels#INSTANCE}.</li>
 *   <li>{@code kernelSum} and {@code kernelGradient} for the three {@link RadialKernel}s: for
 *       {@code D <= 3} with one row per lane ({@code LaneKernelSums}, records {@code {w_j, y_j}}, one
 *       loop per kernel), for D &gt; 3 with columns across the lanes ({@code VectorKernelSums}).</li>
 * </ul>
 *
 * <p>Accuracy: the exponential is within 2 ulp; every kernel takes the differences
 * {@code x_i - y_j} of the float32 coordinates (never the expansion {@code |x|^2 - 2<x,y> + |y|^2}),
 * so the error that dominates a soft-min is the float32 rounding of the exponents
 * {@code h_j - c_ij / eps}, a relative error of a few {@code 1e-8 (|h| + |out_i| / eps)} on each
 * soft-max weight. On the unit cube at eps = 0.01 the soft-min is within about {@code 1e-7 eps} of
 * float64 ({@code KernelAccuracy} in the benchmarks module; {@code VectorPointKernelsTest} bounds it).
 * Inputs {@code h} and {@code w} are converted to float once per call.
 *
 * <p>Threads: row blocks run on the {@link ComputePool}; each row is reduced by one thread in a fixed
 * order (lane sums included: no {@code reduceLanes(ADD)}, whose order differs between the
 * interpreter, C1 and C2), and every per-row choice depends only on the row block, so results do not
 * depend on the number of threads or on the JIT tier. Stateless and thread-safe: each call allocates its copy of {@code y} (records or a
 * transposed layout, {@code O(M D)} floats) and small per-block buffers, nothing per pair.
 *
 * <p>Only this package references {@code jdk.incubator.vector}: {@code Kernels} loads this class
 * reflectively, through {@link #INSTANCE}, when the module is present.
 */
public final class VectorPointKernels implements PointKernels {

    /** The shared instance: the class is stateless. */
    public static final VectorPointKernels INSTANCE = new VectorPointKernels();

    private static final double LOG2_E = 1.0 / Math.log(2.0);

    private VectorPointKernels() {
    }

    @Override
    public String name() {
        return "vector(" + VectorExp.LANES + " lanes)";
    }

    @Override
    public void softmin(CostFunction cost, PointArray x, PointArray y, double[] h, double eps,
                        BlockSparsity blocks, double[] out) {
        if (!(cost instanceof GroundCost groundCost)) {
            ScalarPointKernels.INSTANCE.softmin(cost, x, y, h, eps, blocks, out);
            return;
        }
        checkSoftmin(x, y, h, eps, blocks);
        requireLength("out", out, x.count());
        LaneOperands operands = LaneOperands.softmin(groundCost, x, y, h, eps);
        if (operands != null) {
            ComputePool.forEachBlock(blocks.blockCount(),
                    k -> LaneSoftmin.rows(operands, eps, blocks, k, out));
            return;
        }
        ColumnLayout sources = ColumnLayout.of(y, h, LOG2_E, Float.NEGATIVE_INFINITY);
        ComputePool.forEachBlock(blocks.blockCount(),
                k -> VectorSoftmin.rows(groundCost, x, sources, eps, blocks, k, out));
    }

    @Override
    public void softminGradient(CostFunction cost, PointArray x, PointArray y, double[] h,
                                double eps, double[] softmin, BlockSparsity blocks, double[] out) {
        if (!(cost instanceof GroundCost groundCost)) {
            ScalarPointKernels.INSTANCE.softminGradient(cost, x, y, h, eps, softmin, blocks, out);
            return;
        }
        checkSoftmin(x, y, h, eps, blocks);
        requireLength("softmin", softmin, x.count());
        requireLength("out", out, (long) x.count() * x.dimension());
        LaneOperands operands = LaneOperands.softmin(groundCost, x, y, h, eps);
        if (operands != null) {
            ComputePool.forEachBlock(blocks.blockCount(),
                    k -> LaneSoftminGradient.rows(operands, eps, softmin, blocks, k, out));
            return;
        }
        ColumnLayout sources = ColumnLayout.of(y, h, LOG2_E, Float.NEGATIVE_INFINITY);
        ComputePool.forEachBlock(blocks.blockCount(), k -> VectorSoftminGradient.rows(groundCost,
                x, sources, eps, softmin, blocks, k, out));
    }

    @Override
    public void kernelSum(RadialKernel kernel, double sigma, PointArray x, PointArray y,
                          double[] w, double[] out) {
        checkKernel(sigma, x, y, w);
        requireLength("out", out, x.count());
        BlockSparsity blocks = BlockSparsity.dense(x.count(), y.count());
        LaneOperands operands = LaneOperands.kernelSum(x, y, w);
        if (operands != null) {
            ComputePool.forEachBlock(blocks.blockCount(),
                    k -> LaneKernelSums.sumRows(kernel, sigma, operands, blocks, k, out));
            return;
        }
        ColumnLayout sources = ColumnLayout.of(y, w, 1.0, 0f);
        ComputePool.forEachBlock(blocks.blockCount(),
                k -> VectorKernelSums.sumRows(kernel, sigma, x, sources, blocks, k, out));
    }

    @Override
    public void kernelGradient(RadialKernel kernel, double sigma, PointArray x, PointArray y,
                               double[] w, double[] out) {
        checkKernel(sigma, x, y, w);
        requireLength("out", out, (long) x.count() * x.dimension());
        BlockSparsity blocks = BlockSparsity.dense(x.count(), y.count());
        LaneOperands operands = LaneOperands.kernelSum(x, y, w);
        if (operands != null) {
            ComputePool.forEachBlock(blocks.blockCount(),
                    k -> LaneKernelSums.gradientRows(kernel, sigma, operands, blocks, k, out));
            return;
        }
        ColumnLayout sources = ColumnLayout.of(y, w, 1.0, 0f);
        ComputePool.forEachBlock(blocks.blockCount(),
                k -> VectorKernelSums.gradientRows(kernel, sigma, x, sources, blocks, k, out));
    }

    static void checkSoftmin(PointArray x, PointArray y, double[] h, double eps,
                                     BlockSparsity blocks) {
        requireSameDimension(x, y);
        requireLength("h", h, y.count());
        if (!(eps > 0.0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be positive and finite, got " + eps);
        }
        int lastRow = blocks.rowStarts()[blocks.blockCount()];
        if (blocks.rowStarts()[0] != 0 || lastRow != x.count()) {
            throw new IllegalArgumentException("blocks cover rows [" + blocks.rowStarts()[0] + ", "
                    + lastRow + "), expected [0, " + x.count() + ")");
        }
    }

    static void checkKernel(double sigma, PointArray x, PointArray y, double[] w) {
        requireSameDimension(x, y);
        requireLength("w", w, y.count());
        if (!(sigma > 0.0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
        }
    }

    static void requireSameDimension(PointArray x, PointArray y) {
        if (x.dimension() != y.dimension()) {
            throw new IllegalArgumentException("y has dimension " + y.dimension()
                    + ", expected the dimension of x, " + x.dimension());
        }
    }

    static void requireLength(String name, double[] array, long expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " has length " + array.length + ", expected "
                    + expected);
        }
    }
}
