package org.geomloss.examples.data;

import java.util.Random;

/**
 * Draws N points from a {@link DensityImage}, as GeomLoss's gallery does: pick pixels with
 * probability proportional to their density (with replacement), place each point at its pixel's
 * position and add Gaussian noise of standard deviation {@code 0.5 / H}.
 *
 * <p>Deterministic for a given seed. Not thread-safe (it owns a {@link Random}); use one per thread.
 */
public final class DensitySampler {

    private final DensityImage image;
    private final double[] cumulative;
    private final Random random;

    /** A sampler of {@code image} seeded with {@code seed}. */
    public DensitySampler(DensityImage image, long seed) {
        this.image = image;
        int pixels = image.width() * image.height();
        this.cumulative = new double[pixels];
        double total = 0.0;
        for (int row = 0; row < image.height(); row++) {
            for (int column = 0; column < image.width(); column++) {
                total += image.density(column, row);
                cumulative[row * image.width() + column] = total;
            }
        }
        this.random = new Random(seed);
    }

    /** N points of the unit square (up to the noise), as N x 2 rows. */
    public double[][] sample(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        double total = cumulative[cumulative.length - 1];
        double noise = 0.5 / image.height();
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            int pixel = search(random.nextDouble() * total);
            int column = pixel % image.width();
            int row = pixel / image.width();
            points[i] = new double[] {
                column / (image.width() - 1.0) + noise * random.nextGaussian(),
                row / (image.height() - 1.0) + noise * random.nextGaussian()};
        }
        return points;
    }

    /** The first pixel whose cumulative density exceeds {@code target}. */
    private int search(double target) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > target) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }
}
