package org.geomloss.kernels;

/**
 * A flat, row-major array of {@code count} points in dimension {@code dimension}: point {@code i} is
 * {@code coords[i*dimension .. (i+1)*dimension)}. This is the layout every kernel works on.
 *
 * <p>{@link Precision#FLOAT32} kernels read {@link #coords()}. When the points were given in float64,
 * {@link #doubleCoords()} keeps them, and {@link Precision#FLOAT64} kernels read them exactly
 * ({@link #doubleCoordinates()} widens the float32 ones otherwise); {@code coords} then holds their
 * float32 roundings, for the code that only needs approximate positions (bounding boxes,
 * clustering). Such an array costs 12 bytes per coordinate instead of 4.
 *
 * <p>The record does not copy the arrays; callers own them and must not mutate them while a kernel
 * runs. Thread-safe for concurrent reads.
 *
 * @param coords       flat float32 coordinates, length {@code count * dimension}
 * @param doubleCoords the same coordinates in float64, or {@code null} when they are float32 data
 * @param count        number of points, N
 * @param dimension    dimension of the ambient space, D
 */
public record PointArray(float[] coords, double[] doubleCoords, int count, int dimension) {

    /** Checks that the array lengths match {@code count * dimension}. */
    public PointArray {
        if (count < 0 || dimension <= 0 || (long) count * dimension != coords.length
                || (doubleCoords != null && doubleCoords.length != coords.length)) {
            throw new IllegalArgumentException("coords has length " + coords.length
                    + (doubleCoords == null ? "" : " and doubleCoords " + doubleCoords.length)
                    + ", expected count*dimension = " + count + "*" + dimension);
        }
    }

    /** Float32 points (no float64 copy). */
    public PointArray(float[] coords, int count, int dimension) {
        this(coords, null, count, dimension);
    }

    /**
     * The translation that keeps float32 coordinates accurate: the centre of the bounding box
     * {@code [min, max]} of the clouds when it lies farther from the origin (in its largest
     * coordinate) than the box's diagonal, else null (points near the origin keep their
     * coordinates bit for bit). Costs, and so values, potentials and gradients, are translation
     * invariant; the float32 rounding of far-away points is not.
     */
    public static double[] float32Translation(double[] min, double[] max) {
        double diagonal = 0.0;
        double farthest = 0.0;
        double[] centre = new double[min.length];
        for (int k = 0; k < min.length; k++) {
            diagonal += (max[k] - min[k]) * (max[k] - min[k]);
            centre[k] = 0.5 * (min[k] + max[k]);
            farthest = Math.max(farthest, Math.abs(centre[k]));
        }
        return farthest > Math.sqrt(diagonal) ? centre : null;
    }

    /** Float64 points, with their float32 roundings in {@link #coords()}. */
    public static PointArray ofDoubles(double[] coords, int count, int dimension) {
        float[] rounded = new float[coords.length];
        for (int k = 0; k < coords.length; k++) {
            rounded[k] = (float) coords[k];
        }
        return new PointArray(rounded, coords, count, dimension);
    }

    /**
     * The coordinates in float64: {@link #doubleCoords()} when present (shared, not copied), else a
     * widened copy of {@link #coords()} (exact).
     */
    public double[] doubleCoordinates() {
        if (doubleCoords != null) {
            return doubleCoords;
        }
        double[] wide = new double[coords.length];
        for (int k = 0; k < coords.length; k++) {
            wide[k] = coords[k];
        }
        return wide;
    }
}
