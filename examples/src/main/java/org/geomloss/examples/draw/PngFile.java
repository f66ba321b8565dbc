package org.geomloss.examples.draw;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The one place where the examples write a picture: PNG encoding of a {@link BufferedImage} into a
 * file, creating its parent folders. Every figure of the tool goes through {@link #write}.
 *
 * <p>Stateless and thread-safe (two calls on the same path race, as any two file writes do).
 */
public final class PngFile {

    private PngFile() {
    }

    /**
     * Writes {@code image} as PNG to {@code file}.
     *
     * @throws IllegalArgumentException naming the file when it cannot be written
     */
    public static void write(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot write the picture: " + e.getMessage(),
                    e);
        }
    }
}
