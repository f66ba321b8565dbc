package org.geomloss.images;

import java.util.Objects;
import org.geomloss.NumericRange;

/**
 * Validation of density arrays: finite, non-negative, total mass in
 * {@code (0, NumericRange.MAX_TOTAL_MASS]}.
 */
final class Densities {

    private Densities() {
    }

    /**
     * Returns the total mass of {@code values} after checking every entry.
     *
     * @throws IllegalArgumentException naming {@code parameter}, the index and the value of the first
     *                                  bad entry, or the zero mass
     */
    static double requireDensity(String parameter, double[] values, RegularGrid grid) {
        Objects.requireNonNull(values, parameter);
        grid.requireLength(parameter, values);
        double mass = 0.0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(parameter + "[" + i + "] must be finite and >= 0, got "
                        + v);
            }
            mass += v;
        }
        NumericRange.totalMass(parameter, mass);
        return mass;
    }

    /** Checks that every batch entry has a partner and returns the batch size. */
    static int requireBatch(double[][] a, double[][] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("a and b must hold the same positive number of "
                    + "images, got " + a.length + " and " + b.length);
        }
        return a.length;
    }
}
