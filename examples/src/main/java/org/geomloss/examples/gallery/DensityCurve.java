package org.geomloss.examples.gallery;

import java.util.Arrays;

/**
 * The Gaussian kernel density estimate of a weighted 1D sample, for drawing a cloud of points on a
 * line as a curve:
 * <pre>  rho(t) = sum_i a_i exp(-(t - x_i)^2 / (2 h^2)) / (h sqrt(2 pi))</pre>
 * with bandwidth {@code h} and weights {@code a_i} (summing to the mass of the sample). Evaluated on
 * a regular grid.
 *
 * <p>Stateless and thread-safe.
 */
public final class DensityCurve {

    private DensityCurve() {
    }

    /** {@code count} equally spaced abscissas from {@code low} to {@code high}, both included. */
    public static double[] grid(double low, double high, int count) {
        if (count < 2 || !(high > low)) {
            throw new IllegalArgumentException("a grid needs count >= 2 and high > low, got "
                    + count + " points on [" + low + ", " + high + "]");
        }
        double[] grid = new double[count];
        for (int k = 0; k < count; k++) {
            grid[k] = low + (high - low) * k / (count - 1);
        }
        return grid;
    }

    /** {@code rho} of the points {@code x} with uniform weights {@code 1/N}, on {@code grid}. */
    public static double[] estimate(double[] x, double bandwidth, double[] grid) {
        double[] weights = new double[x.length];
        Arrays.fill(weights, 1.0 / x.length);
        return estimate(x, weights, bandwidth, grid);
    }

    /** {@code rho} of the points {@code x} with weights {@code a}, on {@code grid}. */
    public static double[] estimate(double[] x, double[] a, double bandwidth, double[] grid) {
        if (!(bandwidth > 0)) {
            throw new IllegalArgumentException("bandwidth must be > 0, got " + bandwidth);
        }
        if (a.length != x.length) {
            throw new IllegalArgumentException(a.length + " weights for " + x.length + " points");
        }
        double norm = 1 / (bandwidth * Math.sqrt(2 * Math.PI));
        double[] density = new double[grid.length];
        for (int k = 0; k < grid.length; k++) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double z = (grid[k] - x[i]) / bandwidth;
                sum += a[i] * Math.exp(-0.5 * z * z);
            }
            density[k] = norm * sum;
        }
        return density;
    }
}
