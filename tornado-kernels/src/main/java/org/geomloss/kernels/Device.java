package org.geomloss.kernels;

/**
 * Where kernels run: the {@link PointKernels} of one compute device. GeomLoss's counterpart is the
 * PyTorch device of the input tensors (KeOps on CUDA).
 *
 * <p>{@link Devices} hands them out: {@link Devices#jvm()} (the default: Vector API or scalar
 * kernels on the library's {@link ComputePool}) is always there; other devices, such as the OpenCL
 * devices of the {@code geomloss-opencl} artifact, come from a {@link DeviceProvider} found at run
 * time. A device that cannot be opened or fails during a computation throws; it never falls back
 * silently to another one. Results record {@link #description()}. Implementations are thread-safe.
 */
public interface Device {

    /**
     * A human-readable description recorded in results, e.g. {@code "jvm vector(16 lanes) x2"}; for
     * a device of a provider it starts with the specification that selects it again through
     * {@link Devices#parse(String)}, e.g. {@code "opencl:0:0 NVIDIA CUDA / ..."}.
     *
     * @return the description, never blank
     */
    String description();

    /**
     * The kernels of this device.
     *
     * @return the kernels, shared by every caller
     */
    PointKernels kernels();

    /**
     * Whether this device has kernels in {@code precision} ({@link #kernels(Precision)}).
     *
     * <p>The default: only in the precision of {@link #kernels()}.
     *
     * @param precision the precision asked about
     * @return true when {@link #kernels(Precision)} serves it
     */
    default boolean computes(Precision precision) {
        return kernels().precision() == precision;
    }

    /**
     * The kernels of this device in {@code precision}.
     *
     * <p>The default serves the precision of {@link #kernels()} and refuses the other one.
     *
     * @param precision the precision asked for
     * @return the kernels, shared by every caller
     * @throws UnsupportedOperationException if this device has no kernels in that precision (the
     *                                       message names the device and what works)
     */
    default PointKernels kernels(Precision precision) {
        PointKernels kernels = kernels();
        if (!computes(precision)) {
            throw new UnsupportedOperationException("device: " + description() + " computes in "
                    + kernels.precision().label() + " only, not " + precision.label() + "; "
                    + precision + " runs on Devices.jvm()");
        }
        return kernels;
    }
}
