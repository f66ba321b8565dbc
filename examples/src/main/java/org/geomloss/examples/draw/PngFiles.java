package org.geomloss.examples.draw;

import java.awt.image.RenderedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.geomloss.examples.io.AtomicFiles;

/**
 * Saves pictures as PNG files through {@link AtomicFiles}: a picture is either written whole or not
 * at all. Stateless and thread-safe.
 */
public final class PngFiles {

    private PngFiles() {
    }

    /**
     * Writes {@code image} to {@code file} as PNG, creating the parent folders.
     *
     * @throws IllegalArgumentException naming {@code file} if it cannot be written
     * @throws IllegalStateException    if this JVM has no PNG writer
     */
    public static void write(Path file, RenderedImage image) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        });
    }
}
