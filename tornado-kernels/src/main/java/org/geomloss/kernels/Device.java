package org.geomloss.kernels;

/**
 * Where kernels run. {@link #jvm()} (the default) runs the JVM kernels chosen by
 * {@link Kernels#jvm()}; accelerator devices implement the same {@link PointKernels}.
 *
 * <p>A device that fails during a computation throws; it never falls back silently to another one.
 */
public interface Device {

    /** The JVM: Vector API kernels when enabled, else scalar, on the library's {@link ComputePool}. */
    static Device jvm() {
        return JvmDevice.INSTANCE;
    }

    /** A human-readable description recorded in results, e.g. {@code "jvm vector(16 lanes) x2"}. */
    String description();

    /** The kernels of this device. */
    PointKernels kernels();
}
