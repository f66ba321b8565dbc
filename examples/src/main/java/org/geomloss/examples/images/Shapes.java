package org.geomloss.examples.images;

/** Synthetic normalised densities on regular grids for the image examples (pixel centres). */
final class Shapes {

    private Shapes() {
    }

    /** A uniform disk of radius {@code r} centred at {@code (cy, cx)}, normalised to mass 1. */
    static double[] disk(int n, double cy, double cx, double r) {
        double[] values = new double[n * n];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double y = (row + 0.5) / n - cy;
                double x = (col + 0.5) / n - cx;
                values[row * n + col] = x * x + y * y <= r * r ? 1 : 0;
            }
        }
        return normalise(values);
    }

    /** A uniform ball of radius {@code r} centred at {@code (cz, cy, cx)}, normalised to mass 1. */
    static double[] ball(int n, double cz, double cy, double cx, double r) {
        double[] values = new double[n * n * n];
        for (int z = 0; z < n; z++) {
            for (int row = 0; row < n; row++) {
                for (int col = 0; col < n; col++) {
                    double dz = (z + 0.5) / n - cz;
                    double dy = (row + 0.5) / n - cy;
                    double dx = (col + 0.5) / n - cx;
                    values[(z * n + row) * n + col] = dx * dx + dy * dy + dz * dz <= r * r ? 1 : 0;
                }
            }
        }
        return normalise(values);
    }

    static double[] normalise(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] /= total;
        }
        return values;
    }
}
