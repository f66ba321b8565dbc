package org.geomloss.examples.cli;

import org.geomloss.examples.io.NpyFormat;
import picocli.CommandLine.Option;

/** The {@code --dtype} of the commands that write arrays to the files their options name. */
final class DtypeOption {

    @Option(names = "--dtype", paramLabel = "f4|f8", defaultValue = "f8",
            description = "Element type of the .npy files written (default: ${DEFAULT-VALUE}).")
    String dtype;

    /** A writer of the element type named; an unknown name fails here, before any work. */
    ArrayWriter writer() {
        return new ArrayWriter(NpyFormat.DType.fromName(dtype));
    }
}
