package org.geomloss.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Devices} in the core artifact alone, as a user without {@code geomloss-opencl} has it: the
 * JVM is there, and every OpenCL request names the artifact to add instead of failing to link.
 */
class DevicesTest {

    private static final String ARTIFACT_MISSING = "OpenCL is unavailable: the OpenCL devices are in "
            + "the artifact org.geomloss:geomloss-opencl";

    @Test
    void listIsTheJvmThenWhatToAddForOpenCl() {
        List<String> lines = Devices.list();
        assertEquals(List.of(Devices.jvm().description(), lines.get(1)), lines);
        assertTrue(lines.getFirst().startsWith("jvm "), lines.getFirst());
        assertTrue(lines.get(1).startsWith(ARTIFACT_MISSING), lines.get(1));
    }

    @Test
    void everyOpenClSelectionNamesTheMissingArtifact() {
        for (Supplier<Device> selection : List.<Supplier<Device>>of(() -> Devices.openCl(0, 0),
                () -> Devices.openCl("gpu"), () -> Devices.parse("opencl"),
                () -> Devices.parse("OpenCL:0:0"))) {
            var e = assertThrows(IllegalStateException.class, selection::get);
            assertTrue(e.getMessage().startsWith(ARTIFACT_MISSING), e.getMessage());
        }
    }

    @Test
    void unknownSpecificationsListTheAcceptedOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Devices.parse("cuda:0"));
        assertEquals("device 'cuda:0' is not one of jvm, opencl (with org.geomloss:geomloss-opencl)",
                e.getMessage());
        assertThrows(NullPointerException.class, () -> Devices.parse(null));
        assertThrows(NullPointerException.class, () -> Devices.openCl(null));
    }

    @Test
    void systemPropertySelectsTheDeviceAndDefaultsToTheJvm() {
        String saved = System.getProperty(Devices.SYSTEM_PROPERTY);
        try {
            System.clearProperty(Devices.SYSTEM_PROPERTY);
            assertSame(Devices.jvm(), Devices.fromSystemProperty());
            System.setProperty(Devices.SYSTEM_PROPERTY, " JVM ");
            assertSame(Devices.jvm(), Devices.fromSystemProperty());
            System.setProperty(Devices.SYSTEM_PROPERTY, "cuda");
            var e = assertThrows(IllegalArgumentException.class, Devices::fromSystemProperty);
            assertTrue(e.getMessage().startsWith("-Dgeomloss.device=cuda: device 'cuda' is not one of"),
                    e.getMessage());
            System.setProperty(Devices.SYSTEM_PROPERTY, "opencl");
            var missing = assertThrows(IllegalStateException.class, Devices::fromSystemProperty);
            assertTrue(missing.getMessage().startsWith(ARTIFACT_MISSING), missing.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty(Devices.SYSTEM_PROPERTY);
            } else {
                System.setProperty(Devices.SYSTEM_PROPERTY, saved);
            }
        }
    }
}
