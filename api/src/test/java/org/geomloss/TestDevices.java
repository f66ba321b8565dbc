package org.geomloss;

import org.geomloss.kernels.Device;

/** The device the test suites run on: {@link Device#jvm()} unless {@code -Dgeomloss.device} says otherwise. */
final class TestDevices {

    private TestDevices() {
    }

    static Device selected() {
        return Device.jvm();
    }
}
