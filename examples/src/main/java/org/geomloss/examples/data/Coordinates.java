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
}
