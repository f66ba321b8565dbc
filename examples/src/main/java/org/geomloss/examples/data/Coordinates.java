package org.geomloss.examples.data;

import org.geomloss.Measure;

/** Conversions between the coordinate layouts of the examples. Stateless and thread-safe. */
public final class Coordinates {

    private Coordinates() {
    }

    /** The flat row-major coordinates of {@code measure}, widened to double. */
    public static double[] of(Measure measure) {
        float[] values = measure.coordinates();
        double[] out = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = values[k];
        }
        return out;
    }

    /** N rows of D coordinates as one flat row-major array. */
    public static double[] flatten(double[][] rows) {
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
        return out;
    }

    /** 2D points (N x 2 rows) as a uniform measure whose mean is moved to (0.5, 0.5). */
    public static Measure centredMeasure(double[][] points) {
        return Measure.ofFlat(centred(points), points.length, 2, null);
    }

    /** 2D points (N x 2 rows) translated so that their mean is (0.5, 0.5), flat row-major. */
    public static double[] centred(double[][] points) {
        double mx = 0;
        double my = 0;
        for (double[] p : points) {
            mx += p[0] / points.length;
            my += p[1] / points.length;
        }
        double[] flat = new double[2 * points.length];
        for (int i = 0; i < points.length; i++) {
            flat[2 * i] = points[i][0] - mx + 0.5;
            flat[2 * i + 1] = points[i][1] - my + 0.5;
        }
        return flat;
    }
}
