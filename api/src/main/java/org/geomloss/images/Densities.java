package org.geomloss.images;

/** Validation of density arrays: finite, non-negative, positive total mass. */
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
        if (values == null) {
            throw new IllegalArgumentException(parameter + " must not be null");
        }
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
        if (!(mass > 0)) {
            throw new IllegalArgumentException(parameter + " has total mass 0: a density needs mass");
        }
        return mass;
    }

    /** Checks that every batch entry has a partner and returns the batch size. */
    static int requireBatch(double[][] a, double[][] b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("batches must not be null");
        }
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("a and b must hold the same positive number of "
                    + "images, got " + a.length + " and " + b.length);
        }
        return a.length;
    }
}
