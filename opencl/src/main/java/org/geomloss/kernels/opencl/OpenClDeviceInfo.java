package org.geomloss.kernels.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * What {@link OpenClDiscovery} found about one OpenCL device: its position (platform index, device
 * index in that platform), its names and the limits the kernels are sized by. Immutable.
 *
 * @param platformIndex    index of the platform in {@code clGetPlatformIDs}
 * @param deviceIndex      index of the device in {@code clGetDeviceIDs(platform, ALL)}
 * @param platform         the platform handle
 * @param device           the device handle
 * @param platformName     {@code CL_PLATFORM_NAME}, e.g. {@code "NVIDIA CUDA"}
 * @param deviceName       {@code CL_DEVICE_NAME}, e.g. {@code "NVIDIA H100 80GB HBM3"}
 * @param type             {@code "GPU"}, {@code "CPU"}, {@code "accelerator"} or {@code "other"}
 * @param version          {@code CL_DEVICE_VERSION}, e.g. {@code "OpenCL 3.0 CUDA"}
 * @param computeUnits     {@code CL_DEVICE_MAX_COMPUTE_UNITS}
 * @param maxWorkGroupSize {@code CL_DEVICE_MAX_WORK_GROUP_SIZE}
 * @param localMemoryBytes {@code CL_DEVICE_LOCAL_MEM_SIZE}
 * @param preferredFloatVectorWidth {@code CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT}
 */
record OpenClDeviceInfo(int platformIndex, int deviceIndex, cl_platform_id platform,
                        cl_device_id device, String platformName, String deviceName, String type,
                        String version, int computeUnits, long maxWorkGroupSize,
                        long localMemoryBytes, int preferredFloatVectorWidth) {

    /** Widest explicit vector the kernels use. */
    static final int MAX_LANES = 16;

    /**
     * The lanes per work-item the kernels are built with: 1 on GPUs and accelerators, whose SIMT
     * hardware already runs work-items in lockstep; on CPUs the preferred float vector width (a power
     * of two, at most {@value #MAX_LANES}), because CPU OpenCL compilers (PoCL) do not vectorise
     * across work-items around an inner loop.
     */
    int lanes() {
        if (!type.equals("CPU") || preferredFloatVectorWidth <= 1) {
            return 1;
        }
        return Math.min(MAX_LANES, Integer.highestOneBit(preferredFloatVectorWidth));
    }

    /** The value of {@code -Dgeomloss.device} that selects this device. */
    String selector() {
        return "opencl:" + platformIndex + ":" + deviceIndex;
    }

    /** {@code "opencl:0:0 Portable Computing Language / pthread-... (CPU, 2 compute units, OpenCL 3.0 ...)"}. */
    String description() {
        return selector() + " " + platformName + " / " + deviceName + " (" + type + ", "
                + computeUnits + " compute units, " + version + ")";
    }

    /** Whether {@code fragment} occurs, ignoring case, in the platform or the device name. */
    boolean matches(String fragment) {
        String needle = fragment.toLowerCase(java.util.Locale.ROOT);
        return (platformName + " / " + deviceName).toLowerCase(java.util.Locale.ROOT).contains(needle);
    }
}
