package org.geomloss.kernels.opencl;

import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clReleaseMemObject;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.geomloss.kernels.BlockSparsity;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * The device memory of one {@link OpenClContext}, organised so that a Sinkhorn loop moves only its
 * potentials: coordinates and block structures are uploaded once and found again by the identity of
 * the host object, while weights, shifts and outputs go through grow-only scratch buffers.
 *
 * <ul>
 *   <li>{@link #coordinates(float[])}: one device copy per host array, held as long as the array is
 *       reachable (weak key). A host snapshot is compared with the array on every call (a memory-speed
 *       {@link Arrays#equals(float[], float[])}): an array changed in place between two calls is
 *       uploaded again, never used stale. This doubles the host memory of cached coordinates.</li>
 *   <li>{@link #structure(BlockSparsity, int)}: the {@link WorkList} and the column ranges of a
 *       block-sparse structure, per structure object.</li>
 *   <li>{@link #scratch(Slot, float[])} and {@link #output(Slot, int)}: per-call data.</li>
 * </ul>
 * Buffers of collected keys are released at the next call. Every buffer has at least one element
 * (OpenCL refuses empty buffers). Not thread-safe: the owning context serialises every call.
 */
final class DeviceBuffers {

    /** The scratch buffers, one per role in a launch. */
    enum Slot { WEIGHTS, SHIFT, OUTPUT }

    /** A device copy of a coordinate array and the host values it holds. */
    private record CoordinateCopy(cl_mem buffer, float[] snapshot) {
    }

    /** The device form of a block-sparse structure for one tile size. */
    record Structure(cl_mem work, cl_mem ranges, int groupCount, int tile) {
    }

    private final cl_context context;
    private final cl_command_queue queue;
    private final WeakIdentityCache<float[], CoordinateCopy> coordinateCopies =
            new WeakIdentityCache<>(copy -> clReleaseMemObject(copy.buffer()));
    private final WeakIdentityCache<BlockSparsity, Structure> structures =
            new WeakIdentityCache<>(DeviceBuffers::release);
    private final Map<Slot, cl_mem> scratch = new EnumMap<>(Slot.class);
    private final Map<Slot, Long> scratchFloats = new EnumMap<>(Slot.class);

    DeviceBuffers(cl_context context, cl_command_queue queue) {
        this.context = context;
        this.queue = queue;
    }

    /** The device copy of {@code coords}, uploaded on first use and whenever its values changed. */
    cl_mem coordinates(float[] coords) {
        CoordinateCopy copy = coordinateCopies.get(coords);
        if (copy == null) {
            copy = new CoordinateCopy(create(CL_MEM_READ_ONLY, coords.length), coords.clone());
            write(copy.buffer(), coords);
            coordinateCopies.put(coords, copy);
        } else if (!Arrays.equals(copy.snapshot(), coords)) {
            System.arraycopy(coords, 0, copy.snapshot(), 0, coords.length);
            write(copy.buffer(), coords);
        }
        return copy.buffer();
    }

    /** The device form of {@code blocks} for work-groups of {@code tile} rows, built on first use. */
    Structure structure(BlockSparsity blocks, int tile) {
        Structure structure = structures.get(blocks);
        if (structure == null || structure.tile() != tile) {
            structure = upload(blocks, tile);
            structures.put(blocks, structure);
        }
        return structure;
    }

    /** A device form of {@code blocks} owned by the caller, who must {@link #release} it. */
    Structure upload(BlockSparsity blocks, int tile) {
        WorkList work = WorkList.of(blocks, tile);
        cl_mem workBuffer = create(CL_MEM_READ_ONLY, work.groups().length);
        write(workBuffer, work.groups());
        cl_mem rangesBuffer = create(CL_MEM_READ_ONLY, blocks.columnRanges().length);
        write(rangesBuffer, blocks.columnRanges());
        return new Structure(workBuffer, rangesBuffer, work.groupCount(), tile);
    }

    /** Copies {@code values} into the scratch buffer {@code slot}, growing it when needed. */
    cl_mem scratch(Slot slot, float[] values) {
        cl_mem buffer = output(slot, values.length);
        write(buffer, values);
        return buffer;
    }

    /** The scratch buffer {@code slot} with room for at least {@code floats} values. */
    cl_mem output(Slot slot, int floats) {
        long needed = Math.max(1, floats);
        if (scratchFloats.getOrDefault(slot, 0L) < needed) {
            cl_mem old = scratch.remove(slot);
            if (old != null) {
                clReleaseMemObject(old);
            }
            scratch.put(slot, create(CL_MEM_READ_WRITE, needed));
            scratchFloats.put(slot, needed);
        }
        return scratch.get(slot);
    }

    /** Reads the first {@code into.length} floats of {@code buffer}; waits for queued work. */
    void read(cl_mem buffer, float[] into) {
        if (into.length > 0) {
            clEnqueueReadBuffer(queue, buffer, CL_TRUE, 0, (long) into.length * Sizeof.cl_float,
                    Pointer.to(into), 0, null, null);
        }
    }

    /** Number of cached coordinate copies (for tests of the cache). */
    int cachedCoordinateCount() {
        return coordinateCopies.size();
    }

    /** Releases both buffers of a structure. */
    static void release(Structure structure) {
        clReleaseMemObject(structure.work());
        clReleaseMemObject(structure.ranges());
    }

    private cl_mem create(long flags, long elements) {
        return clCreateBuffer(context, flags, Math.max(1, elements) * Sizeof.cl_float, null, null);
    }

    private void write(cl_mem buffer, float[] values) {
        if (values.length > 0) {
            clEnqueueWriteBuffer(queue, buffer, CL_TRUE, 0, (long) values.length * Sizeof.cl_float,
                    Pointer.to(values), 0, null, null);
        }
    }

    private void write(cl_mem buffer, int[] values) {
        if (values.length > 0) {
            clEnqueueWriteBuffer(queue, buffer, CL_TRUE, 0, (long) values.length * Sizeof.cl_int,
                    Pointer.to(values), 0, null, null);
        }
    }
}
