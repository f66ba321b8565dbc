package org.geomloss.examples.gallery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.geomloss.Backend;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.draw.PanelFigure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientFlowTest {

    @TempDir
    Path folder;

    @Test
    void followsTheGallerySchedule() {
        GradientFlow flow = GradientFlow.gallery();
        assertEquals(101, flow.steps());
        assertEquals(0.05, flow.learningRate());
    }

    @Test
    void oneStepMovesEachPointByMinusLrTimesGradientOverWeight() {
        double[][] points = {{0.1, 0.2}, {0.3, 0.1}, {0.2, 0.4}, {0.5, 0.5}};
        double[] weights = {0.1, 0.2, 0.3, 0.4};
        Measure x = Measure.of(points, weights);
        Measure y = Measure.of(new double[][] {{0.8, 0.7}, {0.6, 0.9}, {0.7, 0.8}});
        SamplesLoss loss = SamplesLoss.builder().blur(0.1).build();
        GradientFlow.Result result = new GradientFlow(0.05, 2, 0, 1).run(loss, x, y);

        LossGradients expected = loss.valueAndGradients(x, y);
        double[] after = result.snapshots().get(1).coords();
        for (int i = 0; i < points.length; i++) {
            for (int k = 0; k < 2; k++) {
                double moved = (float) points[i][k] - 0.05 * expected.gradX()[2 * i + k] / weights[i];
                assertEquals(moved, after[2 * i + k], 1e-12);
            }
        }
        assertEquals(expected.value(), result.losses()[0], 1e-15);
        assertEquals(0.05, result.snapshots().get(1).time(), 1e-15);
    }

    @Test
    void tinyGalleryRunWritesSixPanelPicturesAndDecreasesTheLoss() throws IOException {
        Measure x = Measure.of(BuiltInShapes.crescent(20, 1));
        Measure y = Measure.of(BuiltInShapes.ring(20, 2));
        Gallery gallery = new Gallery(new GradientFlow(0.05, 2, 0, 1),
                List.of(GallerySetting.ENERGY, GallerySetting.SINKHORN_P2_BLUR_0_01), Backend.ONLINE);
        List<Gallery.Entry> entries = gallery.run(x, y, folder, entry -> { });

        assertEquals(2, entries.size());
        for (Gallery.Entry entry : entries) {
            assertTrue(entry.lastLoss() < entry.firstLoss(), entry.toString());
            BufferedImage picture = ImageIO.read(entry.file().toFile());
            assertTrue(picture.getWidth() > 2 * GradientFlowFigure.PANEL_SIZE);
            assertTrue(countColour(picture, PanelFigure.SOURCE.getRGB()) > 0, "no red source");
            assertTrue(countColour(picture, PanelFigure.TARGET.getRGB()) > 0, "no blue target");
        }
        assertEquals("04_energy.png", entries.get(0).file().getFileName().toString());
    }

    @Test
    void labelsMatchTheGalleryCalls() {
        assertEquals("SamplesLoss(\"gaussian\", blur=0.5)", GallerySetting.GAUSSIAN_BLUR_0_5.label());
        assertEquals("SamplesLoss(\"energy\")", GallerySetting.ENERGY.label());
        assertEquals("SamplesLoss(\"sinkhorn\", p=2, blur=0.01, reach=0.3)",
                GallerySetting.SINKHORN_P2_BLUR_0_01_REACH_0_3.label());
        assertEquals(9, GallerySetting.values().length);
    }

    private static int countColour(BufferedImage picture, int rgb) {
        int count = 0;
        for (int row = 0; row < picture.getHeight(); row++) {
            for (int column = 0; column < picture.getWidth(); column++) {
                if ((picture.getRGB(column, row) & 0xffffff) == (rgb & 0xffffff)) {
                    count++;
                }
            }
        }
        return count;
    }
}
