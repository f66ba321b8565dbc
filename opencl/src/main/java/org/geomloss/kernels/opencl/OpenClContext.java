package org.geomloss.kernels.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;

import java.util.HashMap;
import java.util.Map;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;

/**
 * One OpenCL context and in-order command queue on one device, with what is cached in it: the
 * programs (built once per dimension D, see {@link OpenClProgram}) and the {@link DeviceBuffers}.
 *
 * <p>Callers hold the context's monitor ({@code synchronized (context)}) for a whole launch
 * (arguments, enqueue, read back): kernel objects and scratch buffers are shared. The context lives
 * as long as the JVM; {@link OpenClDevices} creates at most one per device.
 */
final class OpenClContext {

    private final OpenClDeviceInfo info;
    private final cl_command_queue queue;
    private final cl_context context;
    private final DeviceBuffers buffers;
    private final int lanes;
    private final Map<Integer, OpenClProgram> programs = new HashMap<>();

    /** Creates a context and a queue on {@code info}'s device, with its default lanes. */
    OpenClContext(OpenClDeviceInfo info) {
        this(info, info.lanes());
    }

    /**
     * Creates a context and a queue on {@code info}'s device whose kernels use {@code lanes} lanes
     * per work-item (a power of two, at most 16; tests build both forms on one device).
     */
    @SuppressWarnings("deprecation") // clCreateCommandQueue: the only queue call OpenCL 1.2 devices know
    OpenClContext(OpenClDeviceInfo info, int lanes) {
        if (lanes < 1 || lanes > OpenClDeviceInfo.MAX_LANES || Integer.bitCount(lanes) != 1) {
            throw new IllegalArgumentException("lanes must be a power of two in [1, 16], got " + lanes);
        }
        this.info = info;
        this.lanes = lanes;
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, info.platform());
        this.context = clCreateContext(properties, 1, new cl_device_id[] {info.device()}, null, null,
                null);
        this.queue = clCreateCommandQueue(context, info.device(), 0, null);
        this.buffers = new DeviceBuffers(context, queue);
    }

    OpenClDeviceInfo info() {
        return info;
    }

    cl_context context() {
        return context;
    }

    cl_command_queue queue() {
        return queue;
    }

    /** Lanes per work-item of this context's kernels. */
    int lanes() {
        return lanes;
    }

    DeviceBuffers buffers() {
        return buffers;
    }

    /** The kernels for dimension {@code dimension}, built at first use. Call under the monitor. */
    OpenClProgram program(int dimension) {
        return programs.computeIfAbsent(dimension, d -> OpenClProgram.build(context, info, d, lanes));
    }
}
