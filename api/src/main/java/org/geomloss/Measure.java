package org.geomloss;

import java.util.Arrays;
import java.util.Objects;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.Precision;

/**
 * A discrete measure {@code alpha = sum_i a_i delta_{x_i}}: N weighted points in R^D. The inputs
 * {@code (a, x)} of GeomLoss's {@code SamplesLoss}.
 *
 * <ul>
 *   <li>Coordinates given in float32 are stored in float32, as GeomLoss's default tensors. Coordinates
 *       given in float64 ({@code double[][]}, {@code double[]}) are kept in float64 beside their
 *       float32 roundings, so that {@link Precision#FLOAT64} losses read them exactly: 12 bytes per
 *       coordinate instead of 4. Weights are float64.</li>
 *   <li>Without weights, every point has mass {@code 1/N} (GeomLoss's default), and
 *       {@link #hasUniformDefaultWeights()} is true.</li>
 *   <li>Validated at construction: at least one point, D &gt;= 1, finite coordinates, every point
 *       of norm at most {@link NumericRange#MAX_POINT_NORM} (about 9.2e18, so that float32 holds
 *       the squared distances), finite weights {@code >= 0} with a total mass in
 *       {@code (0, }{@link NumericRange#MAX_TOTAL_MASS}{@code ]}. Individual zero weights are
 *       allowed (the point then carries a potential but no mass). A {@code null} array or row is a
 *       {@link NullPointerException} naming it.</li>
 * </ul>
 * Immutable and thread-safe: factories copy their inputs and accessors return copies.
 */
public final class Measure {

    private final float[] coords;
    private final double[] doubleCoords;
    private final int count;
    private final int dimension;
    private final double[] weights;
    private final boolean uniformDefault;

    private Measure(float[] coords, double[] doubleCoords, int count, int dimension,
                    double[] weights, boolean uniformDefault) {
        this.coords = coords;
        this.doubleCoords = doubleCoords;
        this.count = count;
        this.dimension = dimension;
        this.weights = weights;
        this.uniformDefault = uniformDefault;
    }

    /** Uniform weights {@code 1/N} on the rows of {@code points} (N x D). */
    public static Measure of(float[][] points) {
        return of(points, null);
    }

    /** Uniform weights {@code 1/N} on the rows of {@code points} (N x D). */
    public static Measure of(double[][] points) {
        return of(points, null);
    }

    /** Weighted points; {@code weights == null} means uniform {@code 1/N}. */
    public static Measure of(float[][] points, double[] weights) {
        int n = rowCount(points);
        int d = rowDimension(points);
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            requireRowLength(points[i], i, d);
            System.arraycopy(points[i], 0, flat, i * d, d);
        }
        return build(new PointArray(flat, n, d), weights, "points");
    }

    /** Weighted points; {@code weights == null} means uniform {@code 1/N}. */
    public static Measure of(double[][] points, double[] weights) {
        int n = rowCount(points);
        int d = rowDimension(points);
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            requireRowLength(points[i], i, d);
            for (int k = 0; k < d; k++) {
                requireFinite(points[i][k], i, k);
                flat[i * d + k] = points[i][k];
            }
        }
        return build(PointArray.ofDoubles(flat, n, d), weights, "points");
    }

    /** Flat row-major coordinates of N points in dimension D; {@code weights} may be null. */
    public static Measure ofFlat(float[] coords, int n, int d, double[] weights) {
        requireShape(Objects.requireNonNull(coords, "coords").length, n, d);
        return build(new PointArray(coords.clone(), n, d), weights, "coords");
    }

    /** Flat row-major coordinates of N points in dimension D; {@code weights} may be null. */
    public static Measure ofFlat(double[] coords, int n, int d, double[] weights) {
        requireShape(Objects.requireNonNull(coords, "coords").length, n, d);
        for (int k = 0; k < coords.length; k++) {
            requireFinite(coords[k], k / d, k % d);
        }
        return build(PointArray.ofDoubles(coords.clone(), n, d), weights, "coords");
    }

    /** This measure's points with other weights (same validation). */
    public Measure withWeights(double[] newWeights) {
        return build(new PointArray(coords, doubleCoords, count, dimension), newWeights, "points");
    }

    private static Measure build(PointArray points, double[] weights, String what) {
        float[] flat = points.coords();
        double[] wide = points.doubleCoords();
        int n = points.count();
        int d = points.dimension();
        for (int i = 0; i < n; i++) {
            double squaredNorm = 0.0;
            for (int k = 0; k < d; k++) {
                float value = flat[i * d + k];
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException(what + "[" + i + "][" + k
                            + "] must be finite, got " + value);
                }
                squaredNorm += (double) value * value;
            }
            NumericRange.pointNorm(what, i, squaredNorm);
        }
        if (weights == null) {
            double[] uniform = new double[n];
            Arrays.fill(uniform, 1.0 / n);
            return new Measure(flat, wide, n, d, uniform, true);
        }
        if (weights.length != n) {
            throw new IllegalArgumentException("weights has length " + weights.length
                    + " but there are " + n + " points");
        }
        double mass = 0.0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(weights[i]) || weights[i] < 0) {
                throw new IllegalArgumentException("weights[" + i + "] must be finite and >= 0, got "
                        + weights[i]);
            }
            mass += weights[i];
        }
        NumericRange.totalMass("weights", mass);
        return new Measure(flat, wide, n, d, weights.clone(), false);
    }

    private static int rowCount(Object[] points) {
        if (Objects.requireNonNull(points, "points").length == 0) {
            throw new IllegalArgumentException("points must hold at least one point, got an empty "
                    + "array");
        }
        return points.length;
    }

    private static int rowDimension(float[][] points) {
        Objects.requireNonNull(points[0], "points[0]");
        if (points[0].length == 0) {
            throw new IllegalArgumentException("points[0] must have at least one coordinate");
        }
        return points[0].length;
    }

    private static int rowDimension(double[][] points) {
        Objects.requireNonNull(points[0], "points[0]");
        if (points[0].length == 0) {
            throw new IllegalArgumentException("points[0] must have at least one coordinate");
        }
        return points[0].length;
    }

    private static void requireRowLength(Object row, int i, int d) {
        Objects.requireNonNull(row, () -> "points[" + i + "]");
        int length = row instanceof float[] f ? f.length : ((double[]) row).length;
        if (length != d) {
            throw new IllegalArgumentException("points[" + i + "] has " + length
                    + " coordinates, expected " + d + " (the dimension of points[0])");
        }
    }

    private static void requireShape(int length, int n, int d) {
        if (n < 1 || d < 1 || (long) n * d != length) {
            throw new IllegalArgumentException("coords has length " + length
                    + ", expected n*d with n >= 1 and d >= 1, got n=" + n + ", d=" + d);
        }
    }

    private static void requireFinite(double value, int i, int k) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("points[" + i + "][" + k + "] must be finite, got "
                    + value);
        }
        if (Math.abs(value) > NumericRange.MAX_POINT_NORM) {
            throw new IllegalArgumentException("points[" + i + "][" + k + "] = " + value
                    + " is outside the valid range |x| <= " + NumericRange.MAX_POINT_NORM
                    + " (float32 coordinates could not hold its squared distances)");
        }
    }

    /** N, the number of points. */
    public int count() {
        return count;
    }

    /** D, the dimension of the points. */
    public int dimension() {
        return dimension;
    }

    /** The weight of point {@code i}. */
    public double weight(int i) {
        return weights[i];
    }

    /** A copy of the weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** The total mass {@code sum_i a_i}. */
    public double totalMass() {
        double mass = 0.0;
        for (double w : weights) {
            mass += w;
        }
        return mass;
    }

    /** Whether the weights are GeomLoss's default {@code 1/N} (no weights were given). */
    public boolean hasUniformDefaultWeights() {
        return uniformDefault;
    }

    /** Coordinate {@code k} of point {@code i}. */
    public float coordinate(int i, int k) {
        return coords[i * dimension + k];
    }

    /** A copy of the flat row-major coordinates. */
    public float[] coordinates() {
        return coords.clone();
    }

    /** Whether the coordinates were given in float64 (and are kept so). */
    public boolean hasDoubleCoordinates() {
        return doubleCoords != null;
    }

    /** The coordinates as they were given (shared, read-only by contract). */
    PointArray points() {
        return new PointArray(coords, doubleCoords, count, dimension);
    }

    /**
     * The coordinates translated by {@code -centre}, as the kernels of {@code precision} read them:
     * {@code x_i - centre} computed in float64 from the stored coordinates, then rounded to float32
     * for {@link Precision#FLOAT32} (a fresh array) or kept in float64 for {@link Precision#FLOAT64}.
     * Costs and gradients are translation invariant, and a translation towards the clouds keeps the
     * float32 roundings small against the distances. A null {@code centre} means no translation
     * (the stored arrays, shared).
     */
    PointArray points(Precision precision, double[] centre) {
        if (centre == null) {
            return points();
        }
        double[] translated = points().doubleCoordinates().clone();
        for (int k = 0; k < translated.length; k++) {
            translated[k] -= centre[k % dimension];
        }
        if (precision == Precision.FLOAT64) {
            return PointArray.ofDoubles(translated, count, dimension);
        }
        float[] rounded = new float[translated.length];
        for (int k = 0; k < translated.length; k++) {
            rounded[k] = (float) translated[k];
        }
        return new PointArray(rounded, count, dimension);
    }

    /** The weights array itself (read-only by contract). */
    double[] weightsView() {
        return weights;
    }

    @Override
    public String toString() {
        return "Measure[N=" + count + ", D=" + dimension + "]";
    }
}
