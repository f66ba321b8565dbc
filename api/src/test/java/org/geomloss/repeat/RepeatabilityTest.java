package org.geomloss.repeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.geomloss.kernels.Kernels;
import org.junit.jupiter.api.Test;

/**
 * Same inputs, same bits: in a fresh JVM the first calls of an energy distance, a Sinkhorn divergence
 * and a float32 {@code OT.solveSample} run partly in the interpreter and C1, the later ones in C2,
 * and every call must give the same bits ({@link RepeatabilityProbe} prints a digest of all
 * outputs). A JVM limited to C1 ({@code -XX:TieredStopAtLevel=1}) must give the same bits as a normal
 * one, and so must a JVM with one kernel thread.
 */
class RepeatabilityTest {

    @Test
    void everyCallGivesTheSameBitsInAFreshJvm() throws Exception {
        List<String> lines = probe();
        assertEquals(9, lines.size(), String.join("\n", lines));
        for (int first = 0; first < 3; first++) {
            String expected = payload(lines.get(first));
            for (int call = 1; call < 3; call++) {
                String line = lines.get(first + 3 * call);
                assertEquals(expected, payload(line), "call " + (call + 1) + " of "
                        + lines.get(first).split(" ")[0] + " differs from call 1:\n"
                        + String.join("\n", lines));
            }
        }
    }

    @Test
    void c1OnlyAndOneThreadGiveTheSameBitsAsTheFullJit() throws Exception {
        List<String> normal = probe();
        assertEquals(normal, probe("-XX:TieredStopAtLevel=1"), "C1 only against the full JIT");
        assertEquals(normal, probe("-Dgeomloss.threads=1"), "one kernel thread against the default");
    }

    /** The probe's output lines from a fresh JVM with the given extra options. */
    private static List<String> probe(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        if (Kernels.vectorModulePresent()) {
            command.add("--add-modules");
            command.add("jdk.incubator.vector");
        }
        command.addAll(List.of(options));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RepeatabilityProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the probe did not finish");
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(line -> line.matches("(energy|sinkhorn|solveSample) [123] .*"))
                .toList();
    }

    private static String payload(String line) {
        return line.substring(line.indexOf(' ', line.indexOf(' ') + 1) + 1);
    }
}
