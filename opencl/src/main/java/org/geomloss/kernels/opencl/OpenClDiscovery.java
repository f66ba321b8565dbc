package org.geomloss.kernels.opencl;

import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The OpenCL devices of this machine, enumerated once (JOCL, through the system's ICD loader), or the
 * reason there are none: the JOCL native library could not load, {@code libOpenCL.so.1} (the ICD
 * loader) is missing, or no platform is installed.
 *
 * @param devices           every device of every platform, in platform then device order
 * @param unavailableReason why OpenCL cannot be used, or {@code null} when it can (possibly with zero
 *                          devices)
 */
record OpenClDiscovery(List<OpenClDeviceInfo> devices, String unavailableReason) {

    /** Advice appended to every "OpenCL is unavailable" message. */
    static final String INSTALL_HINT = "install an OpenCL driver (ICD) for your device, or PoCL for the CPU "
            + "(Debian/Ubuntu: apt-get install ocl-icd-libopencl1 pocl-opencl-icd), or use Devices.jvm()";

    /** The machine's devices, enumerated at first use. */
    static OpenClDiscovery get() {
        return Holder.DISCOVERY;
    }

    /** Whether at least one device can be used. */
    boolean available() {
        return unavailableReason == null && !devices.isEmpty();
    }

    /** Why no device can be used, with advice; only meaningful when {@link #available()} is false. */
    String whyUnavailable() {
        String reason = unavailableReason != null ? unavailableReason : "no OpenCL device was found";
        return "OpenCL is unavailable: " + reason + "; " + INSTALL_HINT;
    }

    private static OpenClDiscovery discover() {
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            clGetPlatformIDs(0, null, count);
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            List<OpenClDeviceInfo> devices = new ArrayList<>();
            for (int p = 0; p < platforms.length; p++) {
                addDevices(p, platforms[p], devices);
            }
            return new OpenClDiscovery(List.copyOf(devices), null);
        } catch (CLException e) {
            // CL_PLATFORM_NOT_FOUND_KHR (-1001): an ICD loader without any installed platform.
            return new OpenClDiscovery(List.of(), e.getStatus() == -1001
                    ? "the OpenCL ICD loader found no platform (CL_PLATFORM_NOT_FOUND_KHR)"
                    : "enumerating OpenCL platforms failed: " + e.getMessage());
        } catch (LinkageError e) {
            return new OpenClDiscovery(List.of(), "the OpenCL library or the JOCL native library "
                    + "could not be loaded (" + e + ")");
        }
    }

    private static void addDevices(int platformIndex, cl_platform_id platform,
                                   List<OpenClDeviceInfo> devices) {
        String platformName = platformString(platform, CL_PLATFORM_NAME);
        int[] count = new int[1];
        try {
            clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (CLException e) {
            return; // CL_DEVICE_NOT_FOUND: a platform without devices
        }
        cl_device_id[] ids = new cl_device_id[count[0]];
        clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        for (int d = 0; d < ids.length; d++) {
            cl_device_id id = ids[d];
            devices.add(new OpenClDeviceInfo(platformIndex, d, platform, id, platformName,
                    deviceString(id, CL_DEVICE_NAME), typeName(deviceLong(id, CL_DEVICE_TYPE)),
                    deviceString(id, CL_DEVICE_VERSION),
                    (int) deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS),
                    deviceSize(id, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                    deviceLong(id, CL_DEVICE_LOCAL_MEM_SIZE),
                    (int) deviceInt(id, CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT)));
        }
    }

    private static String typeName(long type) {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) {
            return "GPU";
        }
        if ((type & CL_DEVICE_TYPE_CPU) != 0) {
            return "CPU";
        }
        return (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "accelerator" : "other";
    }

    private static String platformString(cl_platform_id platform, int parameter) {
        long[] size = new long[1];
        clGetPlatformInfo(platform, parameter, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetPlatformInfo(platform, parameter, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    private static String deviceString(cl_device_id device, int parameter) {
        long[] size = new long[1];
        clGetDeviceInfo(device, parameter, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetDeviceInfo(device, parameter, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    private static long deviceInt(cl_device_id device, int parameter) {
        int[] value = new int[1];
        clGetDeviceInfo(device, parameter, Sizeof.cl_uint, Pointer.to(value), null);
        return value[0];
    }

    private static long deviceLong(cl_device_id device, int parameter) {
        long[] value = new long[1];
        clGetDeviceInfo(device, parameter, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    private static long deviceSize(cl_device_id device, int parameter) {
        long[] value = new long[1];
        clGetDeviceInfo(device, parameter, Sizeof.size_t, Pointer.to(value), null);
        return value[0];
    }

    private static String cString(byte[] bytes) {
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8).trim();
    }

    private static final class Holder {
        static final OpenClDiscovery DISCOVERY = discover();
    }
}
