package org.geomloss.kernels;

/** The JVM device: {@link Kernels#jvm(Precision)} on the {@link ComputePool}, in both precisions. */
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
    public boolean computes(Precision precision) {
        return true;
    }

    @Override
    public PointKernels kernels(Precision precision) {
        return Kernels.jvm(precision);
    }

    @Override
    public String toString() {
        return description();
    }
}
