package org.geomloss.kernels.opencl;

import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clSetKernelArg;

import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.CostFunction;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.RadialKernel;
import org.geomloss.kernels.opencl.DeviceBuffers.Slot;
import org.geomloss.kernels.opencl.DeviceBuffers.Structure;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * {@link PointKernels} on one OpenCL device: the same reductions as
 * {@link org.geomloss.kernels.ScalarPointKernels}, in OpenCL C ({@code point_kernels.cl}), for the
 * built-in costs ({@link GroundCost}) and kernels ({@link RadialKernel}). GeomLoss runs these
 * reductions with KeOps on CUDA; this is the portable counterpart (GPUs, CPUs through PoCL, other
 * OpenCL devices).
 *
 * <p>How it computes:
 * <ul>
 *   <li>One work-item per output row; columns stream through local memory in tiles of one work-group
 *       (see {@code OpenClProgram} for its size); block-sparse structures launch one work-group per
 *       tile of rows of a row block, over that block's kept column ranges only.</li>
 *   <li>On GPUs each work-item reduces its row one column at a time; on CPU devices it reduces 16 (the
 *       device's preferred float vector width) columns at a time in explicit vector lanes, since CPU
 *       OpenCL compilers do not vectorise across work-items ({@code OpenClDeviceInfo.lanes()}).</li>
 *   <li>{@code softmin}: online log-sum-exp (running maximum, rescaled sum, one {@code exp} per pair);
 *       the device returns {@code (max, sum)} per row and the host finishes
 *       {@code -eps * (max + log sum)} in float64. A row that visits no column gives
 *       {@code +infinity}.</li>
 *   <li>{@code softminGradient}: {@code sum_j P_ij grad c / sum_j P_ij}. The denominator is 1 in exact
 *       arithmetic when {@code softmin} is the matching soft-min (the interface's contract); dividing
 *       by it cancels the float32 rounding of {@code softmin_i / eps}, which is common to the row.
 *       A row that visits no column gives 0.</li>
 *   <li>Float32 throughout on the device (coordinates, {@code h}, {@code w}, exponentials): per-tile
 *       partial sums are combined with Kahan compensation, so rounding does not grow with M.
 *       Distances are sums of squared differences. Expect the float32 accuracy of the golden files
 *       (relative 1e-4 on values, 5e-4 on gradients), not float64 agreement. With very small
 *       {@code eps} the float32 rounding of {@code h_j} and {@code c / eps} (relative 6e-8 of
 *       quantities of size {@code cost / eps}) dominates: errors scale like
 *       {@code 6e-8 * max cost}, as for any float32 implementation.</li>
 * </ul>
 *
 * <p>Edge cases: N = 0 does nothing; M = 0 gives {@code +infinity} soft-mins and zero sums and
 * gradients. A {@link CostFunction} that is not a {@link GroundCost} is refused with an
 * {@link UnsupportedOperationException}: custom costs run on {@code Devices.jvm()} only. A failure of
 * the OpenCL runtime throws an {@link IllegalStateException} naming the device; nothing falls back to
 * the JVM.
 *
 * <p>Thread-safe: launches on one device are serialised (one in-order queue per device). Buffers
 * of coordinates and block structures are cached by the identity of the host arrays (see
 * {@code DeviceBuffers}), so a loop that passes the same arrays moves only {@code h} or {@code w}
 * and the outputs per call.
 */
public final class OpenClPointKernels implements PointKernels {

    private final OpenClContext context;

    OpenClPointKernels(OpenClContext context) {
        this.context = context;
    }

    /** {@code "opencl(<platform> / <device>)"}. */
    @Override
    public String name() {
        OpenClDeviceInfo info = context.info();
        return "opencl(" + info.platformName() + " / " + info.deviceName() + ")";
    }

    @Override
    public void softmin(CostFunction cost, PointArray x, PointArray y, double[] h, double eps,
                        BlockSparsity blocks, double[] out) {
        String kernelName = "softmin_" + suffix(groundCost(cost));
        checkShapes(x, y, h, "h", out, x.count());
        checkPositive(eps, "eps");
        checkRows(blocks, x.count());
        float[] maxAndSum = launch(kernelName, x, y, h, (float) (1.0 / eps), null, blocks,
                2 * x.count());
        for (int i = 0; i < x.count(); i++) {
            out[i] = -eps * (maxAndSum[2 * i] + Math.log(maxAndSum[2 * i + 1]));
        }
    }

    @Override
    public void softminGradient(CostFunction cost, PointArray x, PointArray y, double[] h,
                                double eps, double[] softmin, BlockSparsity blocks, double[] out) {
        String kernelName = "softmin_gradient_" + suffix(groundCost(cost));
        checkShapes(x, y, h, "h", out, x.count() * x.dimension());
        checkLength(softmin, "softmin", x.count());
        checkPositive(eps, "eps");
        checkRows(blocks, x.count());
        float[] shift = new float[x.count()];
        for (int i = 0; i < shift.length; i++) {
            // An infinite soft-min (a row without any finite term) would give exp(-inf + inf); the
            // normalisation by the row's mass makes any finite shift correct, so 0 stands in.
            float rowShift = (float) (softmin[i] / eps);
            shift[i] = Float.isFinite(rowShift) ? rowShift : 0.0f;
        }
        copy(launch(kernelName, x, y, h, (float) (1.0 / eps), shift, blocks, out.length), out);
    }

    @Override
    public void kernelSum(RadialKernel kernel, double sigma, PointArray x, PointArray y, double[] w,
                          double[] out) {
        checkShapes(x, y, w, "w", out, x.count());
        checkPositive(sigma, "sigma");
        copy(launch("kernel_sum_" + suffix(kernel), x, y, w, (float) (1.0 / (sigma * sigma)), null,
                null, out.length), out);
    }

    @Override
    public void kernelGradient(RadialKernel kernel, double sigma, PointArray x, PointArray y,
                               double[] w, double[] out) {
        checkShapes(x, y, w, "w", out, x.count() * x.dimension());
        checkPositive(sigma, "sigma");
        copy(launch("kernel_gradient_" + suffix(kernel), x, y, w, (float) (1.0 / (sigma * sigma)),
                null, null, out.length), out);
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * Runs {@code kernelName} with arguments {@code (x, y, weights, scale, [shift,] work, ranges, out)}
     * and returns its {@code outputFloats} outputs; {@code blocks == null} means dense (a structure
     * built for this call and released after it).
     */
    private float[] launch(String kernelName, PointArray x, PointArray y, double[] weights,
                           float scale, float[] shift, BlockSparsity blocks, int outputFloats) {
        float[] result = new float[outputFloats];
        if (x.count() == 0) {
            return result;
        }
        run(kernelName, () -> {
            OpenClProgram program = context.program(x.dimension());
            DeviceBuffers buffers = context.buffers();
            Structure structure = blocks != null
                    ? buffers.structure(blocks, program.tile())
                    : buffers.upload(BlockSparsity.dense(x.count(), y.count()), program.tile());
            try {
                cl_mem output = buffers.output(Slot.OUTPUT, result.length);
                cl_kernel kernel = program.kernel(kernelName);
                int argument = 0;
                setMemory(kernel, argument++, buffers.coordinates(x.coords()));
                setMemory(kernel, argument++, buffers.coordinates(y.coords()));
                setMemory(kernel, argument++, buffers.scratch(Slot.WEIGHTS, toFloat(weights)));
                setFloat(kernel, argument++, scale);
                if (shift != null) {
                    setMemory(kernel, argument++, buffers.scratch(Slot.SHIFT, shift));
                }
                setMemory(kernel, argument++, structure.work());
                setMemory(kernel, argument++, structure.ranges());
                setMemory(kernel, argument, output);
                launch(kernel, structure);
                buffers.read(output, result);
            } finally {
                if (blocks == null) {
                    DeviceBuffers.release(structure);
                }
            }
        });
        return result;
    }

    private static void copy(float[] from, double[] to) {
        for (int k = 0; k < to.length; k++) {
            to[k] = from[k];
        }
    }

    /** Runs {@code launch} holding the context, turning OpenCL errors into one clear exception. */
    private void run(String kernelName, Runnable launch) {
        synchronized (context) {
            try {
                launch.run();
            } catch (CLException e) {
                throw new IllegalStateException("OpenCL kernel " + kernelName + " failed on "
                        + context.info().description() + ": " + e.getMessage(), e);
            }
        }
    }

    private void launch(cl_kernel kernel, Structure structure) {
        if (structure.groupCount() == 0) {
            return;
        }
        long tile = structure.tile();
        clEnqueueNDRangeKernel(context.queue(), kernel, 1, null,
                new long[] {structure.groupCount() * tile}, new long[] {tile}, 0, null, null);
    }

    private static void setMemory(cl_kernel kernel, int index, cl_mem buffer) {
        clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(buffer));
    }

    private static void setFloat(cl_kernel kernel, int index, float value) {
        clSetKernelArg(kernel, index, Sizeof.cl_float, Pointer.to(new float[] {value}));
    }

    private static float[] toFloat(double[] values) {
        float[] floats = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            floats[k] = (float) values[k];
        }
        return floats;
    }

    private static GroundCost groundCost(CostFunction cost) {
        if (cost instanceof GroundCost ground) {
            return ground;
        }
        throw new UnsupportedOperationException("custom cost functions (" + cost.getClass().getName()
                + ") cannot run on OpenCL, only GroundCost.HALF_SQUARED_EUCLIDEAN and "
                + "GroundCost.EUCLIDEAN can: use Devices.jvm() for this cost");
    }

    private static String suffix(GroundCost cost) {
        return switch (cost) {
            case HALF_SQUARED_EUCLIDEAN -> "half_squared_euclidean";
            case EUCLIDEAN -> "euclidean";
        };
    }

    private static String suffix(RadialKernel kernel) {
        return switch (kernel) {
            case GAUSSIAN -> "gaussian";
            case LAPLACIAN -> "laplacian";
            case ENERGY -> "energy";
        };
    }

    private static void checkShapes(PointArray x, PointArray y, double[] weights, String weightsName,
                                     double[] out, int outLength) {
        if (x.dimension() != y.dimension()) {
            throw new IllegalArgumentException("y has dimension " + y.dimension()
                    + ", expected the dimension of x, " + x.dimension());
        }
        checkLength(weights, weightsName, y.count());
        checkLength(out, "out", outLength);
    }

    private static void checkLength(double[] array, String name, int expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " has length " + array.length + ", expected "
                    + expected);
        }
    }

    private static void checkPositive(double value, String name) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }

    private static void checkRows(BlockSparsity blocks, int rows) {
        int last = blocks.rowStarts()[blocks.blockCount()];
        if (last != rows) {
            throw new IllegalArgumentException("blocks cover " + last + " rows, expected " + rows);
        }
    }
}
