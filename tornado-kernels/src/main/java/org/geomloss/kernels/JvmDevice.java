package org.geomloss.kernels;

/** The JVM device: {@link Kernels#jvm()} on the {@link ComputePool}. */
final class JvmDevice implements Device {

    static final JvmDevice INSTANCE = new JvmDevice();

    private JvmDevice() {
    }

    @Override
    public String description() {
        return "jvm " + kernels().name() + " x" + ComputePool.parallelism();
    }

    @Override
    public PointKernels kernels() {
        return Kernels.jvm();
    }

    @Override
    public String toString() {
        return description();
    }
}
