package org.geomloss.multiscale;

import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.Precision;

/**
 * The coordinates of the multiscale backend as its kernels read them. A run in
 * {@link Precision#FLOAT32} works on float32 points only ({@link PointArray#coords()}); a run in
 * {@link Precision#FLOAT64} on points that carry their float64 coordinates
 * ({@link PointArray#doubleCoords()}, beside their float32 roundings). {@link #inPrecision} sets
 * this up once at the entry of a run; from then on a {@link PointArray} holds float64 coordinates
 * exactly when the run is in float64, and the sorted copies, the cluster centroids and the bounding
 * boxes of the backend follow it: sorted points keep their float64 values, centroids (always
 * computed in float64) are handed to the kernels unrounded, and boxes enclose the coordinates the
 * kernels read, so that the truncation bounds hold for the kernels' costs.
 *
 * <p>Float32 runs share the caller's float arrays and allocate nothing more than before. Stateless
 * and thread-safe.
 */
final class KernelCoordinates {

    private KernelCoordinates() {
    }

    /**
     * {@code points} as the kernels of {@code precision} read them: float32 only (the same float
     * array, without the float64 copy), or with float64 coordinates (the caller's, or the exact
     * widening of float32 ones).
     */
    static PointArray inPrecision(PointArray points, Precision precision) {
        boolean float64 = precision == Precision.FLOAT64;
        if (float64 == (points.doubleCoords() != null)) {
            return points;
        }
        return new PointArray(points.coords(), float64 ? points.doubleCoordinates() : null,
                points.count(), points.dimension());
    }

    /** Coordinate {@code index} of the row-major {@code points}, as the kernels read it. */
    static double at(PointArray points, int index) {
        double[] wide = points.doubleCoords();
        return wide != null ? wide[index] : points.coords()[index];
    }

    /** Point {@code permutation[s]} of {@code points} as point {@code s}, in the same precision. */
    static PointArray permuted(PointArray points, int[] permutation) {
        int d = points.dimension();
        float[] coords = points.coords();
        double[] wide = points.doubleCoords();
        float[] sorted = new float[coords.length];
        double[] sortedWide = wide == null ? null : new double[wide.length];
        for (int s = 0; s < permutation.length; s++) {
            int i = permutation[s];
            System.arraycopy(coords, i * d, sorted, s * d, d);
            if (wide != null) {
                System.arraycopy(wide, i * d, sortedWide, s * d, d);
            }
        }
        return new PointArray(sorted, sortedWide, permutation.length, d);
    }

    /**
     * Row-major float64 {@code centroids} as atoms for the kernels, in the precision of
     * {@code points}: rounded to float32, and kept unrounded (shared, not copied) in float64.
     */
    static PointArray atoms(double[] centroids, PointArray points) {
        float[] rounded = new float[centroids.length];
        for (int k = 0; k < rounded.length; k++) {
            rounded[k] = (float) centroids[k];
        }
        int d = points.dimension();
        return new PointArray(rounded, points.doubleCoords() != null ? centroids : null,
                centroids.length / d, d);
    }
}
