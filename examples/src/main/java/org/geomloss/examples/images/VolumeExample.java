package org.geomloss.examples.images;

import java.awt.image.BufferedImage;
import java.io.File;
import org.geomloss.examples.draw.PngFiles;
import org.geomloss.images.GridLossResult;
import org.geomloss.images.VolumesLoss;

/**
 * The Sinkhorn divergence between synthetic 64^3 segmentation masks with {@link VolumesLoss}: a ball
 * against a translated copy (the divergence approaches half the squared shift) and against a cube of
 * the same volume (a shape change at no translation). Prints values and timings, and writes the
 * central slice of the gradient with respect to the first mask (the potential that tells where mass
 * should go) as a PNG, gray levels from its minimum (black) to its maximum (white).
 *
 * <p>Arguments: {@code [output.png [size]]}, defaults {@code volume-gradient.png} and 64.
 */
public final class VolumeExample {

    private VolumeExample() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        File output = new File(args.length > 0 ? args[0] : "volume-gradient.png");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        double shift = 0.15;
        double[] ball = Shapes.ball(n, 0.5, 0.5, 0.5 - shift / 2, 0.25);
        double[] moved = Shapes.ball(n, 0.5, 0.5, 0.5 + shift / 2, 0.25);
        double half = 0.5 * Math.cbrt(4.0 / 3.0 * Math.PI) * 0.25;
        double[] cube = Shapes.cube(n, 0.5, 0.5, 0.5 - shift / 2, half);
        VolumesLoss loss = VolumesLoss.builder().scaling(0.7).build();

        long start = System.nanoTime();
        GridLossResult translated = loss.valueAndGradients(ball, moved, n, n, n);
        double seconds = (System.nanoTime() - start) * 1e-9;
        System.out.printf("ball vs ball shifted by %.2f: S = %.6f (|shift|^2/2 = %.6f), %.2f s%n",
                shift, translated.value(), 0.5 * shift * shift, seconds);
        start = System.nanoTime();
        double toCube = loss.value(ball, cube, n, n, n);
        System.out.printf("ball vs cube of equal volume:  S = %.6f, %.2f s%n", toCube,
                (System.nanoTime() - start) * 1e-9);
        writeSlice(translated.gradientA(), n, output);
        System.out.println("central slice of dS/da -> " + output.getAbsolutePath());
    }

    private static void writeSlice(double[] volume, int n, File output) {
        int z = n / 2;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = z * n * n; i < (z + 1) * n * n; i++) {
            min = Math.min(min, volume[i]);
            max = Math.max(max, volume[i]);
        }
        BufferedImage picture = new BufferedImage(n, n, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double v = (volume[(z * n + y) * n + x] - min) / (max - min);
                picture.getRaster().setSample(x, y, 0, (int) Math.round(255 * v));
            }
        }
        PngFiles.write(output.toPath(), picture);
    }
}
