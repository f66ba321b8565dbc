package org.geomloss.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.geomloss.kernels.opencl.OpenClDevices;

/**
 * Where kernels run. {@link #jvm()} (the default) runs the JVM kernels chosen by
 * {@link Kernels#jvm()}; OpenCL devices ({@link #openCl(int, int)}, {@link #openCl(String)}) run the
 * same {@link PointKernels} in OpenCL C, on GPUs, on CPUs through PoCL and on other OpenCL devices.
 * GeomLoss's counterpart is the PyTorch device of the input tensors (KeOps on CUDA).
 *
 * <p>A device that cannot be opened or fails during a computation throws; it never falls back
 * silently to another one. Results record {@link #description()}.
 */
public interface Device {

    /** System property read by {@link #fromSystemProperty()}. */
    String SYSTEM_PROPERTY = "geomloss.device";

    /** The JVM: Vector API kernels when enabled, else scalar, on the library's {@link ComputePool}. */
    static Device jvm() {
        return JvmDevice.INSTANCE;
    }

    /**
     * OpenCL device {@code deviceIndex} of platform {@code platformIndex}, numbered as in
     * {@link #list()}.
     *
     * @throws IllegalStateException    if OpenCL is unavailable on this machine (the message says why)
     * @throws IllegalArgumentException if there is no such platform or device (the message lists them)
     */
    static Device openCl(int platformIndex, int deviceIndex) {
        return withOpenCl(() -> OpenClDevices.select(platformIndex, deviceIndex));
    }

    /**
     * The first OpenCL device whose platform or device name contains {@code nameFragment}, ignoring
     * case (e.g. {@code "nvidia"}, {@code "h100"}, {@code "portable"} for PoCL).
     *
     * @throws IllegalStateException    if OpenCL is unavailable on this machine (the message says why)
     * @throws IllegalArgumentException if no device matches (the message lists them)
     */
    static Device openCl(String nameFragment) {
        return withOpenCl(() -> OpenClDevices.select(nameFragment));
    }

    /**
     * What this machine offers, one description per line: the JVM first, then every OpenCL device
     * (each line starts with the {@code -Dgeomloss.device} value that selects it, e.g.
     * {@code "opencl:0:0 NVIDIA CUDA / NVIDIA H100 ..."}), or one line starting with
     * {@code "OpenCL is unavailable: "} that says why and how to install a driver.
     */
    static List<String> list() {
        List<String> lines = new ArrayList<>();
        lines.add(jvm().description());
        try {
            lines.addAll(OpenClDevices.describeAll());
        } catch (NoClassDefFoundError e) {
            lines.add(joclMissing(e).getMessage());
        }
        return List.copyOf(lines);
    }

    /**
     * The device named by the system property {@value #SYSTEM_PROPERTY}, so that tests and
     * benchmarks can run on OpenCL without code changes; {@link #jvm()} when it is unset or blank.
     * See {@link #parse(String)} for the values.
     *
     * @throws IllegalArgumentException if the value is not understood
     */
    static Device fromSystemProperty() {
        String value = System.getProperty(SYSTEM_PROPERTY, "");
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + SYSTEM_PROPERTY + "=" + value + ": " + e.getMessage(), e);
        }
    }

    /**
     * The device named by {@code spec}:
     * <ul>
     *   <li>{@code "jvm"} or blank: {@link #jvm()};</li>
     *   <li>{@code "opencl"}: the first OpenCL GPU, else the first OpenCL device;</li>
     *   <li>{@code "opencl:P:D"}: {@link #openCl(int, int) openCl(P, D)};</li>
     *   <li>{@code "opencl:name"}: {@link #openCl(String) openCl(name)}.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if {@code spec} is none of these, or names no device
     * @throws IllegalStateException    if it names an OpenCL device and OpenCL is unavailable
     */
    static Device parse(String spec) {
        String value = spec == null ? "" : spec.strip();
        if (value.isEmpty() || value.equalsIgnoreCase("jvm")) {
            return jvm();
        }
        if (value.equalsIgnoreCase("opencl")) {
            return withOpenCl(OpenClDevices::preferred);
        }
        String prefix = "opencl:";
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new IllegalArgumentException("device '" + spec
                    + "' is not one of jvm, opencl, opencl:P:D, opencl:<name fragment>");
        }
        String selector = value.substring(prefix.length());
        if (selector.matches("\\d+:\\d+")) {
            String[] indices = selector.split(":");
            return openCl(Integer.parseInt(indices[0]), Integer.parseInt(indices[1]));
        }
        return openCl(selector);
    }

    /** Runs an OpenCL selection, explaining a missing JOCL binding instead of failing to link. */
    private static Device withOpenCl(Supplier<Device> selection) {
        try {
            return selection.get();
        } catch (NoClassDefFoundError e) {
            throw joclMissing(e);
        }
    }

    /** The error of an OpenCL call when the JOCL binding was left out of the class path. */
    private static IllegalStateException joclMissing(NoClassDefFoundError cause) {
        return new IllegalStateException("OpenCL is unavailable: the JOCL binding (org.jocl:jocl) is "
                + "not on the class path", cause);
    }

    /** A human-readable description recorded in results, e.g. {@code "jvm vector(16 lanes) x2"}. */
    String description();

    /** The kernels of this device. */
    PointKernels kernels();
}
