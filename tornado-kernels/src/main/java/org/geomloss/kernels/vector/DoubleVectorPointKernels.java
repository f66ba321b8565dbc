package org.geomloss.kernels.vector;

import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.CostFunction;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.Precision;
import org.geomloss.kernels.RadialKernel;
import org.geomloss.kernels.ScalarPointKernels;

/**
 * {@link PointKernels} in {@link Precision#FLOAT64} on the Java Vector API: the reductions of
 * {@link ScalarPointKernels#FLOAT64} with float64 coordinates ({@link PointArray#doubleCoordinates()}),
 * costs, exponents and sums, 8 pairs per instruction with AVX-512 (half the float32 lanes), and a
 * float64 polynomial exponential ({@code DoubleExp}, within 2 ulp).
 *
 * <ul>
 *   <li>{@code softmin} and {@code softminGradient} for both {@link GroundCost}s and any dimension,
 *       honouring the block-sparse structure; any other {@link CostFunction} runs on
 *       {@link ScalarPointKernels#FLOAT64}.</li>
 *   <li>{@code kernelSum} and {@code kernelGradient} for the three {@link RadialKernel}s.</li>
 * </ul>
 * Row loops: {@code DoubleRows} (one row at a time, columns across the lanes, two stages per chunk of
 * columns). Accuracy: a relative error of a few {@code 1e-16 (|h| + |out_i| / eps)} on each soft-max
 * weight, the float64 rounding of the exponents; measured against the scalar float64 kernels by
 * {@code DoubleVectorPointKernelsTest}.
 *
 * <p>Threads: row blocks run on the {@link ComputePool}; each row is reduced by one thread in a fixed
 * order (lane sums in lane order), so results depend neither on the number of threads nor on the JIT
 * tier. Stateless and thread-safe: each call allocates its transposed copy of {@code y}
 * ({@code O(M D)} doubles) and a scratch array per row block, nothing per pair.
 */
public final class DoubleVectorPointKernels implements PointKernels {

    /** The shared instance: the class is stateless. */
    public static final DoubleVectorPointKernels INSTANCE = new DoubleVectorPointKernels();

    private DoubleVectorPointKernels() {
    }

    @Override
    public String name() {
        return "vector float64(" + DoubleExp.LANES + " lanes)";
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT64;
    }

    @Override
    public void softmin(CostFunction cost, PointArray x, PointArray y, double[] h, double eps,
                        BlockSparsity blocks, double[] out) {
        if (!(cost instanceof GroundCost groundCost)) {
            ScalarPointKernels.FLOAT64.softmin(cost, x, y, h, eps, blocks, out);
            return;
        }
        VectorPointKernels.checkSoftmin(x, y, h, eps, blocks);
        VectorPointKernels.requireLength("out", out, x.count());
        double[] xs = x.doubleCoordinates();
        DoubleColumns columns = DoubleColumns.of(y, h);
        ComputePool.forEachBlock(blocks.blockCount(), k -> DoubleRows.softmin(groundCost, xs,
                columns, eps, blocks, k, DoubleRows.scratch(), out));
    }

    @Override
    public void softminGradient(CostFunction cost, PointArray x, PointArray y, double[] h,
                                double eps, double[] softmin, BlockSparsity blocks, double[] out) {
        if (!(cost instanceof GroundCost groundCost)) {
            ScalarPointKernels.FLOAT64.softminGradient(cost, x, y, h, eps, softmin, blocks, out);
            return;
        }
        VectorPointKernels.checkSoftmin(x, y, h, eps, blocks);
        VectorPointKernels.requireLength("softmin", softmin, x.count());
        VectorPointKernels.requireLength("out", out, (long) x.count() * x.dimension());
        double[] xs = x.doubleCoordinates();
        DoubleColumns columns = DoubleColumns.of(y, h);
        ComputePool.forEachBlock(blocks.blockCount(), k -> DoubleRows.softminGradient(groundCost,
                xs, columns, eps, softmin, blocks, k, DoubleRows.scratch(), out));
    }

    @Override
    public void kernelSum(RadialKernel kernel, double sigma, PointArray x, PointArray y,
                          double[] w, double[] out) {
        VectorPointKernels.checkKernel(sigma, x, y, w);
        VectorPointKernels.requireLength("out", out, x.count());
        double[] xs = x.doubleCoordinates();
        DoubleColumns columns = DoubleColumns.of(y, w);
        BlockSparsity blocks = BlockSparsity.dense(x.count(), y.count());
        ComputePool.forEachBlock(blocks.blockCount(), k -> DoubleRows.kernelSum(kernel, sigma, xs,
                columns, y.count(), blocks.rowStarts()[k], blocks.rowStarts()[k + 1], out));
    }

    @Override
    public void kernelGradient(RadialKernel kernel, double sigma, PointArray x, PointArray y,
                               double[] w, double[] out) {
        VectorPointKernels.checkKernel(sigma, x, y, w);
        VectorPointKernels.requireLength("out", out, (long) x.count() * x.dimension());
        double[] xs = x.doubleCoordinates();
        DoubleColumns columns = DoubleColumns.of(y, w);
        BlockSparsity blocks = BlockSparsity.dense(x.count(), y.count());
        ComputePool.forEachBlock(blocks.blockCount(), k -> DoubleRows.kernelGradient(kernel, sigma,
                xs, columns, y.count(), blocks.rowStarts()[k], blocks.rowStarts()[k + 1],
                DoubleRows.scratch(), out));
    }
}
