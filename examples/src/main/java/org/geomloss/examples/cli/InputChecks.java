package org.geomloss.examples.cli;

import java.nio.file.Path;

/**
 * Checks on a command's options and input files that picocli's types cannot express; each failure
 * is an {@link IllegalArgumentException} whose message names the option or the files.
 */
final class InputChecks {

    private InputChecks() {
    }

    /** Fails, naming {@code option}, if {@code value < 1}. */
    static void atLeastOne(String option, int value) {
        atLeast(option, value, 1);
    }

    /** Fails, naming {@code option}, if {@code value < minimum}. */
    static void atLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be >= " + minimum + ", got " + value);
        }
    }

    /** Fails, naming both files, unless the two clouds have points of the same dimension. */
    static void sameDimension(Path xFile, int xDimension, Path yFile, int yDimension) {
        if (xDimension != yDimension) {
            throw new IllegalArgumentException(yFile + ": points of dimension " + yDimension
                    + " but " + xFile + " has points of dimension " + xDimension);
        }
    }
}
