package org.geomloss.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DensitySamplerTest {

    @TempDir
    Path folder;

    @Test
    void samplesOnlyTheDarkPixelsWithYPointingUp() throws IOException {
        // A white 11 x 11 picture with one black pixel in the top-left corner: (x, y) = (0, 1).
        BufferedImage image = new BufferedImage(11, 11, BufferedImage.TYPE_BYTE_GRAY);
        for (int row = 0; row < 11; row++) {
            for (int column = 0; column < 11; column++) {
                image.getRaster().setSample(column, row, 0, 255);
            }
        }
        image.getRaster().setSample(0, 0, 0, 0);
        Path file = folder.resolve("corner.png");
        ImageIO.write(image, "png", file.toFile());
        double[][] points = new DensitySampler(DensityImage.read(file), 3).sample(200);
        double noise = 0.5 / 11;
        for (double[] point : points) {
            assertEquals(0.0, point[0], 5 * noise);
            assertEquals(1.0, point[1], 5 * noise);
        }
    }

    @Test
    void followsTheGrayLevels() {
        // Left half black (density 1), right half mid-gray 255 - 64 (density 64/255).
        BufferedImage image = DensityImage.render(64, (x, y) -> x < 0.5 ? 1.0 : 64 / 255.0);
        double[][] points = new DensitySampler(DensityImage.fromImage(image), 5).sample(20000);
        int left = 0;
        for (double[] point : points) {
            left += point[0] < 0.5 ? 1 : 0;
        }
        double expected = 1.0 / (1.0 + 64 / 255.0);
        assertEquals(expected, left / 20000.0, 0.02);
    }

    @Test
    void refusesBlankPicturesAndMissingFiles() {
        BufferedImage white = DensityImage.render(8, (x, y) -> 0.0);
        assertThrows(IllegalArgumentException.class, () -> DensityImage.fromImage(white));
        Path missing = folder.resolve("none.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DensityImage.read(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()));
    }
}
