package org.geomloss.kernels.opencl;

import org.geomloss.kernels.Device;
import org.geomloss.kernels.PointKernels;

/**
 * One OpenCL device (a GPU, a CPU through PoCL, an accelerator) as a {@link Device}: its kernels are
 * {@link OpenClPointKernels} on a context and queue created when the device is selected.
 *
 * <p>Obtained from {@link org.geomloss.kernels.Devices#parse(String)} ({@code "opencl..."}),
 * {@link org.geomloss.kernels.Devices#openCl(int, int)}, {@link org.geomloss.kernels.Devices#openCl(String)}
 * or {@link OpenClDevices}; there is one instance per physical device, shared by all callers, so
 * programs and buffers are cached once. Thread-safe.
 */
public final class OpenClDevice implements Device {

    private final OpenClDeviceInfo info;
    private final OpenClPointKernels kernels;

    OpenClDevice(OpenClDeviceInfo info) {
        this.info = info;
        this.kernels = new OpenClPointKernels(new OpenClContext(info));
    }

    /**
     * {@code "opencl:P:D <platform> / <device> (<type>, <n> compute units, <OpenCL version>)"}, where
     * {@code opencl:P:D} is the value of {@code -Dgeomloss.device} that selects this device again.
     */
    @Override
    public String description() {
        return info.description();
    }

    @Override
    public PointKernels kernels() {
        return kernels;
    }

    /** The OpenCL platform name, e.g. {@code "NVIDIA CUDA"} or {@code "Portable Computing Language"}. */
    public String platformName() {
        return info.platformName();
    }

    /** The OpenCL device name. */
    public String deviceName() {
        return info.deviceName();
    }

    /** {@code "GPU"}, {@code "CPU"}, {@code "accelerator"} or {@code "other"}. */
    public String type() {
        return info.type();
    }

    /** What discovery found about this device. */
    OpenClDeviceInfo info() {
        return info;
    }

    @Override
    public String toString() {
        return description();
    }
}
