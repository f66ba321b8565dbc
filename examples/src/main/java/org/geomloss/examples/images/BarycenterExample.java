package org.geomloss.examples.images;

import java.awt.image.BufferedImage;
import java.io.File;
import org.geomloss.examples.draw.PngFiles;
import org.geomloss.images.ImagesBarycenter;

/**
 * Wasserstein barycenters of four shapes (a disk, a square, a ring and a cross) on a 64 x 64 grid,
 * with bilinear weights over a 5 x 5 panel: the four corners are the inputs, every other cell the
 * debiased Sinkhorn barycenter with weights {@code (1-s)(1-t), s(1-t), (1-s)t, st}. This is the
 * picture of GeomLoss's "Wasserstein barycenters in 2D" gallery page, computed with
 * {@link ImagesBarycenter}. Writes a PNG (headless).
 *
 * <p>Arguments: {@code [output.png [size]]}, defaults {@code barycenters.png} and 64.
 */
public final class BarycenterExample {

    private static final int PANEL = 5;

    private BarycenterExample() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        File output = new File(args.length > 0 ? args[0] : "barycenters.png");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        double[][] shapes = {Shapes.disk(n, 0.5, 0.5, 0.3), Shapes.square(n, 0.5, 0.5, 0.27),
            Shapes.ring(n, 0.5, 0.5, 0.2, 0.34), Shapes.cross(n, 0.5, 0.5, 0.35, 0.1)};
        ImagesBarycenter barycenter = ImagesBarycenter.builder().build();
        BufferedImage picture = new BufferedImage(PANEL * n, PANEL * n,
                BufferedImage.TYPE_BYTE_GRAY);
        long start = System.nanoTime();
        for (int row = 0; row < PANEL; row++) {
            for (int column = 0; column < PANEL; column++) {
                double t = row / (PANEL - 1.0);
                double s = column / (PANEL - 1.0);
                double[] weights = {(1 - s) * (1 - t), s * (1 - t), (1 - s) * t, s * t};
                double[] density = barycenter.compute(shapes, weights, n, n);
                draw(picture, density, n, row * n, column * n);
            }
        }
        PngFiles.write(output.toPath(), picture);
        System.out.printf("%d barycenters of 4 shapes on %dx%d in %.1f s -> %s%n", PANEL * PANEL,
                n, n, (System.nanoTime() - start) * 1e-9, output.getAbsolutePath());
    }

    /** Dark on white, each cell scaled by its own maximum. */
    private static void draw(BufferedImage picture, double[] density, int n, int top, int left) {
        double max = 0;
        for (double v : density) {
            max = Math.max(max, v);
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int level = (int) Math.round(255 * (1 - Math.min(1, density[r * n + c] / max)));
                picture.getRaster().setSample(left + c, top + r, 0, level);
            }
        }
    }
}
