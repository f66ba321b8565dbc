package org.geomloss.examples.cli;

import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;
import picocli.CommandLine.Option;

/** The {@code --device} of the commands that run Sinkhorn: where the kernels run. */
public final class DeviceOption {

    @Option(names = "--device", paramLabel = "WHERE", defaultValue = "jvm",
            description = "Where the kernels run: jvm, opencl (the first GPU, else the first "
                    + "device), opencl:NAME (a fragment of the device or platform name) or "
                    + "opencl:P:D (platform and device indices); see 'geomloss devices' "
                    + "(default: ${DEFAULT-VALUE}).")
    String device;

    /** The text of {@code --device} as given ({@code jvm} by default). */
    public String name() {
        return device.strip();
    }

    /** The device named by {@code --device} (see {@link Devices#parse(String)}). */
    Device device() {
        try {
            return Devices.parse(device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device: " + e.getMessage(), e);
        }
    }
}
