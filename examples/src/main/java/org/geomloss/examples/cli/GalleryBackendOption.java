package org.geomloss.examples.cli;

import org.geomloss.Backend;
import picocli.CommandLine.Option;

/**
 * The {@code --backend} of the commands that run the gallery's nine losses ({@code demo},
 * {@code gallery}): the losses fix every other parameter.
 */
final class GalleryBackendOption {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "auto, tensorized, online or multiscale (default: ${DEFAULT-VALUE}, "
                    + "which streams at these sizes).")
    String backend;

    /** The backend named; an unknown name is an {@link IllegalArgumentException}. */
    Backend value() {
        return Backend.fromName(backend);
    }
}
