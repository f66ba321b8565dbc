package org.geomloss.kernels.opencl;

import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseProgram;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * The kernels of {@code point_kernels.cl} built for one device, one dimension D and a number of
 * lanes per work-item, with the work-group size (tile) they were compiled for
 * ({@code -D DIM=D -D TILE=tile -D VEC=lanes}; see {@link OpenClDeviceInfo#lanes()}).
 *
 * <p>The tile is the largest power of two up to {@value #PREFERRED_TILE} that the device allows: at
 * most {@code CL_DEVICE_MAX_WORK_GROUP_SIZE}, a local-memory tile ({@code tile * (D + 1)} floats) of
 * at most half of {@code CL_DEVICE_LOCAL_MEM_SIZE}, and at most the {@code CL_KERNEL_WORK_GROUP_SIZE}
 * of every kernel (if a kernel needs too many registers, the program is rebuilt with a smaller tile),
 * and at least the number of lanes (which is lowered to the tile otherwise).
 *
 * <p>A failed build throws an {@link IllegalStateException} carrying the compiler's build log.
 * Not thread-safe: kernel objects hold their arguments, so the owning {@link OpenClContext}
 * serialises every use.
 *
 * @param program the built program
 * @param tile    the work-group size and column-tile length
 * @param kernels the kernel objects by name
 */
record OpenClProgram(cl_program program, int tile, Map<String, cl_kernel> kernels) {

    /** Work-group size asked for when the device allows it. */
    static final int PREFERRED_TILE = 128;

    /** Every kernel name of {@code point_kernels.cl}. */
    static final List<String> KERNEL_NAMES = List.of(
            "softmin_half_squared_euclidean", "softmin_euclidean",
            "softmin_gradient_half_squared_euclidean", "softmin_gradient_euclidean",
            "kernel_sum_gaussian", "kernel_sum_laplacian", "kernel_sum_energy",
            "kernel_gradient_gaussian", "kernel_gradient_laplacian", "kernel_gradient_energy");

    private static final String SOURCE = readSource();

    /** The kernel called {@code name}. */
    cl_kernel kernel(String name) {
        cl_kernel kernel = kernels.get(name);
        if (kernel == null) {
            throw new IllegalArgumentException("no OpenCL kernel named " + name);
        }
        return kernel;
    }

    /** Builds {@code point_kernels.cl} for dimension {@code dimension} and {@code lanes} lanes. */
    static OpenClProgram build(cl_context context, OpenClDeviceInfo info, int dimension, int lanes) {
        int tile = PREFERRED_TILE;
        long localFloats = info.localMemoryBytes() / 2 / Sizeof.cl_float;
        while (tile > 1 && (tile > info.maxWorkGroupSize() || (long) tile * (dimension + 1) > localFloats)) {
            tile /= 2;
        }
        while (true) {
            OpenClProgram built = build(context, info, SOURCE, "-D DIM=" + dimension + " -D TILE="
                    + tile + " -D VEC=" + Math.min(lanes, tile), tile, KERNEL_NAMES);
            int allowed = built.smallestKernelWorkGroupSize(info.device());
            if (allowed >= tile || tile == 1) {
                return built;
            }
            built.release();
            tile = Integer.highestOneBit(Math.max(1, allowed));
        }
    }

    /**
     * Builds {@code source} with {@code options} (which compile it for work-groups of {@code tile})
     * and creates the kernels {@code names}.
     */
    static OpenClProgram build(cl_context context, OpenClDeviceInfo info, String source, String options,
                               int tile, List<String> names) {
        cl_program program = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            clBuildProgram(program, 1, new cl_device_id[] {info.device()}, options, null, null);
        } catch (CLException e) {
            String log = buildLog(program, info.device());
            clReleaseProgram(program);
            throw new IllegalStateException("building the OpenCL kernels failed on "
                    + info.description() + " with options '" + options + "' (" + e.getMessage()
                    + "). Build log:\n" + log, e);
        }
        Map<String, cl_kernel> kernels = new HashMap<>();
        for (String name : names) {
            kernels.put(name, clCreateKernel(program, name, null));
        }
        return new OpenClProgram(program, tile, Map.copyOf(kernels));
    }

    /** Releases the kernels and the program. */
    void release() {
        kernels.values().forEach(kernel -> clReleaseKernel(kernel));
        clReleaseProgram(program);
    }

    private int smallestKernelWorkGroupSize(cl_device_id device) {
        long smallest = Long.MAX_VALUE;
        for (cl_kernel kernel : kernels.values()) {
            long[] size = new long[1];
            clGetKernelWorkGroupInfo(kernel, device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t,
                    Pointer.to(size), null);
            smallest = Math.min(smallest, size[0]);
        }
        return (int) Math.min(Integer.MAX_VALUE, smallest);
    }

    private static String buildLog(cl_program program, cl_device_id device) {
        try {
            long[] size = new long[1];
            clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] bytes = new byte[(int) size[0]];
            clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, bytes.length,
                    Pointer.to(bytes), null);
            return new String(bytes, StandardCharsets.UTF_8).replace("\0", "").trim();
        } catch (CLException e) {
            return "(the build log could not be read: " + e.getMessage() + ")";
        }
    }

    private static String readSource() {
        try (InputStream in = OpenClProgram.class.getResourceAsStream("point_kernels.cl")) {
            if (in == null) {
                throw new IllegalStateException("point_kernels.cl is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
