package org.geomloss;

import org.geomloss.kernels.Device;
import org.junit.jupiter.api.Assumptions;

/**
 * The device the test suites run on: {@link Device#jvm()} unless {@code -Dgeomloss.device} names
 * another; tests are skipped (not failed) when the named OpenCL device is absent from the machine.
 */
final class TestDevices {

    private TestDevices() {
    }

    static Device selected() {
        try {
            return Device.fromSystemProperty();
        } catch (IllegalStateException e) {
            Assumptions.abort("the device asked for is unavailable: " + e.getMessage());
            throw e;
        }
    }
}
