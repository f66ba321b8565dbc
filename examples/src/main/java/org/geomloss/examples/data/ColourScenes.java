package org.geomloss.examples.data;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Two procedural colour pictures with different palettes, the built-in data of the colour transfer
 * example: a landscape by day (blue sky, sun, green hills, a house with a red roof) and a seascape at
 * sunset (purple to orange sky, a low sun, a dark sea with orange reflections). Each pixel gets a
 * little seeded noise so that the colours form clouds rather than a few points.
 *
 * <p>Stateless and thread-safe.
 */
public final class ColourScenes {

    private static final double NOISE = 0.025;

    private ColourScenes() {
    }

    /** The landscape by day, {@code size x size} pixels. */
    public static BufferedImage day(int size, long seed) {
        return render(size, seed, (x, y) -> {
            double horizon = 0.55 + 0.07 * Math.sin(7 * x) + 0.04 * Math.sin(19 * x + 1);
            if (Math.hypot(x - 0.78, y - 0.18) < 0.08) {
                return new double[] {1.0, 0.9, 0.45};
            }
            if (y < horizon) {
                return mix(new double[] {0.25, 0.5, 0.9}, new double[] {0.8, 0.9, 0.98},
                        y / horizon);
            }
            if (x > 0.18 && x < 0.36 && y > 0.62 && y < 0.8) {
                return new double[] {0.92, 0.88, 0.78};
            }
            if (y <= 0.62 && y > 0.5 && Math.abs(x - 0.27) < (y - 0.5) * 0.9) {
                return new double[] {0.72, 0.15, 0.12};
            }
            double depth = (y - horizon) / (1 - horizon);
            return mix(new double[] {0.35, 0.62, 0.2}, new double[] {0.08, 0.3, 0.1},
                    0.5 * depth + 0.25 * (1 + Math.sin(31 * x + 9 * y)));
        });
    }

    /** The seascape at sunset, {@code size x size} pixels. */
    public static BufferedImage sunset(int size, long seed) {
        return render(size, seed, (x, y) -> {
            double horizon = 0.62;
            if (y < horizon && Math.hypot(x - 0.45, y - horizon) < 0.16) {
                return new double[] {1.0, 0.85, 0.5};
            }
            if (y < horizon) {
                double t = y / horizon;
                return t < 0.5 ? mix(new double[] {0.2, 0.1, 0.35}, new double[] {0.75, 0.25, 0.4},
                        2 * t)
                        : mix(new double[] {0.75, 0.25, 0.4}, new double[] {0.98, 0.6, 0.2},
                        2 * t - 1);
            }
            double depth = (y - horizon) / (1 - horizon);
            boolean reflection = Math.abs(x - 0.45) < 0.2 * (1 - 0.5 * depth)
                    && Math.sin(90 * y) > 0.2;
            return reflection ? new double[] {0.95, 0.55, 0.25}
                    : mix(new double[] {0.3, 0.15, 0.35}, new double[] {0.08, 0.05, 0.15}, depth);
        });
    }

    /** The colour in [0, 1]^3 of the point {@code (x, y)} of the unit square, y pointing down. */
    private interface Scene {
        double[] colour(double x, double y);
    }

    private static BufferedImage render(int size, long seed, Scene scene) {
        if (size < 2) {
            throw new IllegalArgumentException("a picture needs at least 2 x 2 pixels, got " + size);
        }
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < size; row++) {
            for (int column = 0; column < size; column++) {
                double[] rgb = scene.colour((column + 0.5) / size, (row + 0.5) / size);
                int packed = 0;
                for (int c = 0; c < 3; c++) {
                    double value = Math.clamp(rgb[c] + NOISE * random.nextGaussian(), 0.0, 1.0);
                    packed = (packed << 8) | (int) Math.round(255 * value);
                }
                image.setRGB(column, row, packed);
            }
        }
        return image;
    }

    private static double[] mix(double[] a, double[] b, double t) {
        double s = Math.clamp(t, 0.0, 1.0);
        return new double[] {a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1]),
            a[2] + s * (b[2] - a[2])};
    }
}
