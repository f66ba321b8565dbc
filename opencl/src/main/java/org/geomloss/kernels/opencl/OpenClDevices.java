package org.geomloss.kernels.opencl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jocl.CLException;

/**
 * Selects OpenCL devices: by position, by a fragment of the name, or the default one, and describes
 * all of them. {@link OpenClDeviceProvider} serves them to {@link org.geomloss.kernels.Devices}.
 *
 * <p>Devices are enumerated once per JVM (JOCL through the system's OpenCL ICD loader; JOCL's
 * exceptions are switched on for the whole JVM). When OpenCL is unavailable (no ICD loader, no
 * platform, no device, no JOCL native library), every selection throws an
 * {@link IllegalStateException} saying why and how to install a driver; nothing falls back to the
 * JVM. Each physical device gets one {@link OpenClDevice}, created at its first selection.
 * Thread-safe.
 */
public final class OpenClDevices {

    private static final ConcurrentMap<String, OpenClDevice> SELECTED = new ConcurrentHashMap<>();

    private OpenClDevices() {
    }

    /** Whether at least one OpenCL device can be selected. */
    public static boolean available() {
        return OpenClDiscovery.get().available();
    }

    /**
     * One line per OpenCL device (see {@link OpenClDevice#description()}), or a single line starting
     * with {@code "OpenCL is unavailable: "} that says why.
     */
    public static List<String> describeAll() {
        OpenClDiscovery discovery = OpenClDiscovery.get();
        if (!discovery.available()) {
            return List.of(discovery.whyUnavailable());
        }
        List<String> lines = new ArrayList<>();
        for (OpenClDeviceInfo info : discovery.devices()) {
            lines.add(info.description());
        }
        return List.copyOf(lines);
    }

    /**
     * Device {@code deviceIndex} of platform {@code platformIndex}, in the order of
     * {@link #describeAll()}.
     *
     * @throws IllegalStateException    if OpenCL is unavailable
     * @throws IllegalArgumentException if there is no such platform or device
     */
    public static OpenClDevice select(int platformIndex, int deviceIndex) {
        for (OpenClDeviceInfo info : devices()) {
            if (info.platformIndex() == platformIndex && info.deviceIndex() == deviceIndex) {
                return open(info);
            }
        }
        boolean platformExists = devices().stream().anyMatch(info -> info.platformIndex() == platformIndex);
        throw new IllegalArgumentException((platformExists
                ? "deviceIndex " + deviceIndex + " does not exist on OpenCL platform " + platformIndex
                : "platformIndex " + platformIndex + " does not exist (or has no device)")
                + "; the OpenCL devices are: " + describeAll());
    }

    /**
     * The first device whose platform or device name contains {@code nameFragment}, ignoring case,
     * e.g. {@code "nvidia"}, {@code "h100"} or {@code "portable"} (PoCL's platform, "Portable Computing
     * Language").
     *
     * @throws IllegalStateException    if OpenCL is unavailable
     * @throws IllegalArgumentException if {@code nameFragment} is blank or matches no device
     */
    public static OpenClDevice select(String nameFragment) {
        if (nameFragment == null || nameFragment.isBlank()) {
            throw new IllegalArgumentException("nameFragment must not be blank, got '" + nameFragment + "'");
        }
        for (OpenClDeviceInfo info : devices()) {
            if (info.matches(nameFragment.strip())) {
                return open(info);
            }
        }
        throw new IllegalArgumentException("nameFragment '" + nameFragment
                + "' matches no OpenCL platform or device name; the OpenCL devices are: "
                + describeAll());
    }

    /**
     * The default OpenCL device: the first GPU in {@link #describeAll()} order, else the first device.
     *
     * @throws IllegalStateException if OpenCL is unavailable
     */
    public static OpenClDevice preferred() {
        List<OpenClDeviceInfo> devices = devices();
        return open(devices.stream().filter(info -> info.type().equals("GPU")).findFirst()
                .orElse(devices.getFirst()));
    }

    private static List<OpenClDeviceInfo> devices() {
        OpenClDiscovery discovery = OpenClDiscovery.get();
        if (!discovery.available()) {
            throw new IllegalStateException(discovery.whyUnavailable());
        }
        return discovery.devices();
    }

    private static OpenClDevice open(OpenClDeviceInfo info) {
        return SELECTED.computeIfAbsent(info.selector(), selector -> {
            try {
                return new OpenClDevice(info);
            } catch (CLException e) {
                throw new IllegalStateException("creating an OpenCL context on " + info.description()
                        + " failed: " + e.getMessage(), e);
            }
        });
    }
}
