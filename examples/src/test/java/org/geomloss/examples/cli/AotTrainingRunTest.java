package org.geomloss.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The workload that trains the launcher's AOT cache during {@code mvn package}: every command it runs
 * must still exist and succeed with the options it passes (a renamed option would otherwise only
 * show up as a failed package build). It runs in its own JVM, as in the build, so that it leaves
 * this JVM's compiled code as it was for the other tests.
 */
class AotTrainingRunTest {

    @Test
    void everyTrainingCommandSucceedsInAFreshJvm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                AotTrainingRun.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }
}
