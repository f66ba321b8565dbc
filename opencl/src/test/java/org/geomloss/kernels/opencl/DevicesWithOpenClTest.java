package org.geomloss.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.function.Supplier;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;
import org.junit.jupiter.api.Test;

/**
 * {@link Devices} with this artifact on the class path: the provider is found through
 * {@link java.util.ServiceLoader}, {@link Devices#list()} lists every OpenCL device (or why the
 * machine has none, never that the artifact is missing), and every form of selection reaches
 * {@link OpenClDevices}. The device tests run on PoCL in CI and are skipped without OpenCL.
 */
class DevicesWithOpenClTest {

    @Test
    void listStartsWithTheJvmThenEveryOpenClDeviceOrWhyThereIsNone() {
        List<String> lines = Devices.list();
        assertEquals(Devices.jvm().description(), lines.getFirst());
        assertTrue(lines.size() >= 2, lines.toString());
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(OpenClDevices.available()
                    ? line.matches("opencl:\\d+:\\d+ .+ / .+ \\(.+\\)")
                    : line.startsWith("OpenCL is unavailable: ") && !line.contains("geomloss-opencl"),
                    line);
        }
    }

    @Test
    void everyListedOpenClDeviceCanBeSelectedByItsSelector() {
        assumeTrue(OpenClDevices.available(), "no OpenCL device");
        List<String> lines = Devices.list();
        for (String line : lines.subList(1, lines.size())) {
            String selector = line.substring(0, line.indexOf(' '));
            Device device = Devices.parse(selector);
            assertEquals(line, device.description());
            String[] indices = selector.substring("opencl:".length()).split(":");
            assertSame(device, Devices.openCl(Integer.parseInt(indices[0]), Integer.parseInt(indices[1])));
        }
    }

    @Test
    void selectionByNameFragmentIgnoresCase() {
        assumeTrue(OpenClDevices.available(), "no OpenCL device");
        OpenClDevice first = assertInstanceOf(OpenClDevice.class, Devices.openCl(0, 0));
        assertSame(first, Devices.openCl(first.platformName().toUpperCase(java.util.Locale.ROOT)));
        assertSame(first, Devices.parse("OpenCL:" + first.platformName()));
        assertSame(OpenClDevices.preferred(), Devices.parse(" opencl "));
        assertTrue(first.kernels().name().contains(first.deviceName()), first.kernels().name());
    }

    @Test
    void badIndicesAndNamesAreRefusedWithTheListOfDevices() {
        assumeTrue(OpenClDevices.available(), "no OpenCL device");
        var e = assertThrows(IllegalArgumentException.class, () -> Devices.openCl(99, 0));
        assertTrue(e.getMessage().startsWith("platformIndex 99 does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("opencl:0:0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Devices.openCl(0, 99));
        assertTrue(e.getMessage().startsWith("deviceIndex 99 does not exist"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Devices.openCl(-1, 0));
        assertTrue(e.getMessage().startsWith("platformIndex -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Devices.openCl("no such device name"));
        assertTrue(e.getMessage().startsWith("nameFragment 'no such device name' matches no"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Devices.openCl(" "));
        assertTrue(e.getMessage().startsWith("nameFragment must not be blank"), e.getMessage());
    }

    @Test
    void withoutADriverEverySelectionSaysWhy() {
        assumeFalse(OpenClDevices.available(), "this machine has an OpenCL device");
        for (Supplier<Device> selection : List.<Supplier<Device>>of(() -> Devices.openCl(0, 0),
                () -> Devices.openCl("gpu"), () -> Devices.parse("opencl"))) {
            var e = assertThrows(IllegalStateException.class, selection::get);
            assertTrue(e.getMessage().startsWith("OpenCL is unavailable: "), e.getMessage());
            assertTrue(e.getMessage().contains("install an OpenCL driver"), e.getMessage());
        }
    }

    @Test
    void systemPropertySelectsAnOpenClDevice() {
        assumeTrue(OpenClDevices.available(), "no OpenCL device");
        String saved = System.getProperty(Devices.SYSTEM_PROPERTY);
        try {
            System.setProperty(Devices.SYSTEM_PROPERTY, "opencl:0:0");
            assertSame(Devices.openCl(0, 0), Devices.fromSystemProperty());
            System.setProperty(Devices.SYSTEM_PROPERTY, "opencl");
            assertSame(OpenClDevices.preferred(), Devices.fromSystemProperty());
            System.setProperty(Devices.SYSTEM_PROPERTY, "opencl:7:7");
            var e = assertThrows(IllegalArgumentException.class, Devices::fromSystemProperty);
            assertTrue(e.getMessage().startsWith("-Dgeomloss.device=opencl:7:7: platformIndex 7"),
                    e.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty(Devices.SYSTEM_PROPERTY);
            } else {
                System.setProperty(Devices.SYSTEM_PROPERTY, saved);
            }
        }
    }
}
