package org.geomloss.examples.images;

/** Synthetic normalised densities on regular grids for the image examples (pixel centres). */
final class Shapes {

    private Shapes() {
    }

    /** A uniform disk of radius {@code r} centred at {@code (cy, cx)}, normalised to mass 1. */
    static double[] disk(int n, double cy, double cx, double r) {
        return normalise(image(n, (y, x) -> (y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r));
    }

    /** A uniform axis-aligned square of half-side {@code half} centred at {@code (cy, cx)}. */
    static double[] square(int n, double cy, double cx, double half) {
        return normalise(image(n, (y, x) -> Math.abs(y - cy) <= half && Math.abs(x - cx) <= half));
    }

    /** A uniform ring between radii {@code inner} and {@code outer} centred at {@code (cy, cx)}. */
    static double[] ring(int n, double cy, double cx, double inner, double outer) {
        return normalise(image(n, (y, x) -> {
            double r2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
            return r2 >= inner * inner && r2 <= outer * outer;
        }));
    }

    /** A uniform plus sign of half-length {@code half} and half-width {@code width}. */
    static double[] cross(int n, double cy, double cx, double half, double width) {
        return normalise(image(n, (y, x) -> {
            double dy = Math.abs(y - cy);
            double dx = Math.abs(x - cx);
            return (dy <= width && dx <= half) || (dx <= width && dy <= half);
        }));
    }

    /** The indicator of {@code inside} at the pixel centres of an {@code n x n} image. */
    private static double[] image(int n, java.util.function.BiPredicate<Double, Double> inside) {
        double[] values = new double[n * n];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                values[row * n + col] = inside.test((row + 0.5) / n, (col + 0.5) / n) ? 1 : 0;
            }
        }
        return values;
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

    /** A uniform axis-aligned cube of half-side {@code half} centred at {@code (cz, cy, cx)}. */
    static double[] cube(int n, double cz, double cy, double cx, double half) {
        double[] values = new double[n * n * n];
        for (int z = 0; z < n; z++) {
            for (int row = 0; row < n; row++) {
                for (int col = 0; col < n; col++) {
                    boolean inside = Math.abs((z + 0.5) / n - cz) <= half
                            && Math.abs((row + 0.5) / n - cy) <= half
                            && Math.abs((col + 0.5) / n - cx) <= half;
                    values[(z * n + row) * n + col] = inside ? 1 : 0;
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
