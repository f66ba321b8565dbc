package org.geomloss.examples.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads the pictures the examples take as input. Stateless and thread-safe. */
public final class PictureFile {

    private PictureFile() {
    }

    /**
     * The picture in {@code file} (PNG, or any format Java can read).
     *
     * @throws IllegalArgumentException naming the file when it is missing or not a picture
     */
    public static BufferedImage read(Path file) {
        BufferedImage image;
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such file");
            }
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the picture: " + e.getMessage(),
                    e);
        }
        if (image == null) {
            throw new IllegalArgumentException(file + ": not a picture Java can read (use a PNG)");
        }
        return image;
    }
}
