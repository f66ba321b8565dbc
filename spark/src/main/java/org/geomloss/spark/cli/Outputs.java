package org.geomloss.spark.cli;

import java.nio.file.Path;

/**
 * Checks that a command's outputs never overwrite its inputs (or each other); each failure is an
 * {@link IllegalArgumentException} naming the option and the path.
 */
final class Outputs {

    private Outputs() {
    }

    /** Fails if {@code output} is, holds or lies inside one of {@code inputs}. */
    static void distinct(String option, Path output, Path... inputs) {
        Path out = output.toAbsolutePath().normalize();
        for (Path input : inputs) {
            Path in = input.toAbsolutePath().normalize();
            if (out.startsWith(in) || in.startsWith(out)) {
                throw new IllegalArgumentException(option + " " + output + " would overwrite "
                        + input + "; choose another path");
            }
        }
    }
}
