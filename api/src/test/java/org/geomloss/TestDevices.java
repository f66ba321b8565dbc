package org.geomloss;

import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;
import org.junit.jupiter.api.Assumptions;

/**
 * The device the test suites run on: {@link Devices#jvm()} unless {@code -Dgeomloss.device} names
 * another; tests are skipped (not failed) when the machine lacks the named device, and fail when
 * the test class path lacks its artifact (a build mistake, not a machine without OpenCL).
 */
final class TestDevices {

    private TestDevices() {
    }

    static Device selected() {
        try {
            return Devices.fromSystemProperty();
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("org.geomloss:geomloss-opencl")) {
                throw e;
            }
            Assumptions.abort("the device asked for is unavailable: " + e.getMessage());
            throw e;
        }
    }
}
