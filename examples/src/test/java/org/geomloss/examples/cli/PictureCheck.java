package org.geomloss.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Checks on a PNG a command wrote: it exists, has the expected size and is not blank. */
final class PictureCheck {

    private PictureCheck() {
    }

    /**
     * Asserts that {@code file} is a {@code width x height} PNG with at least 2% of its pixels
     * not white and at least 8 distinct colours (a drawing, not an empty frame).
     */
    static void assertPicture(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(width, image.getWidth(), "width of " + file);
        assertEquals(height, image.getHeight(), "height of " + file);
        long coloured = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    coloured++;
                }
            }
        }
        assertTrue(coloured > 0.02 * width * height, file + " is nearly blank: " + coloured
                + " pixels not white");
        assertTrue(colours.size() >= 8, file + " has only " + colours.size() + " colours");
    }
}
