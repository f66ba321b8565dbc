package org.geomloss.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.function.Supplier;
import org.geomloss.kernels.opencl.OpenClDevice;
import org.geomloss.kernels.opencl.OpenClDevices;
import org.junit.jupiter.api.Test;

/** Device enumeration and selection: {@link Device#list()}, {@code openCl(..)}, the system property. */
class DeviceTest {

    @Test
    void listStartsWithTheJvmThenEveryOpenClDeviceOrWhyThereIsNone() {
        List<String> lines = Device.list();
        assertEquals(Device.jvm().description(), lines.getFirst());
        assertTrue(lines.size() >= 2, lines.toString());
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(OpenClDevices.available()
                    ? line.matches("opencl:\\d+:\\d+ .+ / .+ \\(.+\\)")
                    : line.startsWith("OpenCL is unavailable: "), line);
        }
    }

    @Test
    void everyListedOpenClDeviceCanBeSelectedByItsSelector() {
        assumeTrue(OpenClDevices.available(), "no OpenCL device");
        for (String line : Device.list().subList(1, Device.list().size())) {
            String selector = line.substring(0, line.indexOf(' '));
            Device device = Device.parse(selector);
            assertEquals(line, device.description());
            String[] indices = selector.substring("opencl:".length()).split(":");
            assertSame(device, Device.openCl(Integer.parseInt(indices[0]), Integer.parseInt(indices[1])));
        }
    }

    @Test
    void selectionByNameFragmentIgnoresCase() {
        assumeTrue(OpenClDevices.available(), "no OpenCL device");
        OpenClDevice first = (OpenClDevice) Device.openCl(0, 0);
        assertSame(first, Device.openCl(first.platformName().toUpperCase(java.util.Locale.ROOT)));
        assertSame(first, Device.parse("opencl:" + first.platformName()));
        assertTrue(first.kernels().name().contains(first.deviceName()), first.kernels().name());
    }

    @Test
    void badIndicesAndNamesAreRefusedWithTheListOfDevices() {
        assumeTrue(OpenClDevices.available(), "no OpenCL device");
        var e = assertThrows(IllegalArgumentException.class, () -> Device.openCl(99, 0));
        assertTrue(e.getMessage().startsWith("platformIndex 99 does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("opencl:0:0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Device.openCl(0, 99));
        assertTrue(e.getMessage().startsWith("deviceIndex 99 does not exist"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Device.openCl(-1, 0));
        assertTrue(e.getMessage().startsWith("platformIndex -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Device.openCl("no such device name"));
        assertTrue(e.getMessage().startsWith("nameFragment 'no such device name' matches no"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Device.openCl(" "));
        assertTrue(e.getMessage().startsWith("nameFragment must not be blank"), e.getMessage());
    }

    @Test
    void withoutOpenClEverySelectionSaysWhy() {
        assumeFalse(OpenClDevices.available(), "this machine has an OpenCL device");
        for (Supplier<Device> selection : List.<Supplier<Device>>of(() -> Device.openCl(0, 0),
                () -> Device.openCl("gpu"), () -> Device.parse("opencl"))) {
            var e = assertThrows(IllegalStateException.class, selection::get);
            assertTrue(e.getMessage().startsWith("OpenCL is unavailable: "), e.getMessage());
        }
    }

    @Test
    void systemPropertySelectsTheDeviceAndDefaultsToTheJvm() {
        String saved = System.getProperty(Device.SYSTEM_PROPERTY);
        try {
            System.clearProperty(Device.SYSTEM_PROPERTY);
            assertSame(Device.jvm(), Device.fromSystemProperty());
            System.setProperty(Device.SYSTEM_PROPERTY, "JVM");
            assertSame(Device.jvm(), Device.fromSystemProperty());
            System.setProperty(Device.SYSTEM_PROPERTY, "cuda");
            var e = assertThrows(IllegalArgumentException.class, Device::fromSystemProperty);
            assertTrue(e.getMessage().startsWith("-Dgeomloss.device=cuda: device 'cuda' is not one of"),
                    e.getMessage());
            if (OpenClDevices.available()) {
                System.setProperty(Device.SYSTEM_PROPERTY, "opencl:0:0");
                assertSame(Device.openCl(0, 0), Device.fromSystemProperty());
                System.setProperty(Device.SYSTEM_PROPERTY, "opencl");
                assertSame(OpenClDevices.preferred(), Device.fromSystemProperty());
                System.setProperty(Device.SYSTEM_PROPERTY, "opencl:7:7");
                e = assertThrows(IllegalArgumentException.class, Device::fromSystemProperty);
                assertTrue(e.getMessage().startsWith("-Dgeomloss.device=opencl:7:7: platformIndex 7"),
                        e.getMessage());
            }
        } finally {
            if (saved == null) {
                System.clearProperty(Device.SYSTEM_PROPERTY);
            } else {
                System.setProperty(Device.SYSTEM_PROPERTY, saved);
            }
        }
    }
}
