package org.geomloss.examples.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/**
 * The workload that trains the launcher's AOT cache during {@code mvn package}: every command it runs
 * must still exist and succeed with the options it passes (a renamed option would otherwise only
 * show up as a failed package build).
 */
class AotTrainingRunTest {

    @Test
    void everyTrainingCommandSucceeds() {
        assertDoesNotThrow(() -> AotTrainingRun.main(new String[0]));
    }
}
