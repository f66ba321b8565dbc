package org.geomloss.images;

import java.util.Objects;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;

/** The device rule of the grid solvers: their separable soft-mins run on the JVM only. */
final class GridDevices {

    private GridDevices() {
    }

    /**
     * @throws NullPointerException          if {@code device} is null
     * @throws UnsupportedOperationException naming the solver and the device, if it is not the JVM
     */
    static void requireJvm(Device device, String solver) {
        Objects.requireNonNull(device, "device");
        if (device != Devices.jvm()) {
            throw new UnsupportedOperationException("device: " + solver + " (separable grid "
                    + "soft-mins) runs on the JVM only, not on " + device.description()
                    + "; use Devices.jvm() (the default), or SamplesLoss on the pixels as weighted "
                    + "points to run on this device");
        }
    }
}
