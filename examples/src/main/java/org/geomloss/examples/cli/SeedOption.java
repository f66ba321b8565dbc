package org.geomloss.examples.cli;

import picocli.CommandLine.Option;

/** The {@code --seed} of the commands that draw built-in shapes or sample densities. */
final class SeedOption {

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: 0).")
    long seed;

    /** The seed given (0 by default). */
    long value() {
        return seed;
    }
}
