package org.geomloss;

import java.util.Arrays;
import java.util.Objects;
import org.geomloss.kernels.PointArray;

/**
 * A discrete measure {@code alpha = sum_i a_i delta_{x_i}}: N weighted points in R^D. The inputs
 * {@code (a, x)} of GeomLoss's {@code SamplesLoss}.
 *
 * <ul>
 *   <li>Coordinates are stored in float32, as GeomLoss's default tensors; weights in float64.</li>
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
    private final int count;
    private final int dimension;
    private final double[] weights;
    private final boolean uniformDefault;

    private Measure(float[] coords, int count, int dimension, double[] weights,
                    boolean uniformDefault) {
        this.coords = coords;
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
        return build(flat, n, d, weights, "points");
    }

    /** Weighted points; {@code weights == null} means uniform {@code 1/N}. */
    public static Measure of(double[][] points, double[] weights) {
        int n = rowCount(points);
        int d = rowDimension(points);
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            requireRowLength(points[i], i, d);
            for (int k = 0; k < d; k++) {
                requireFinite(points[i][k], i, k);
                flat[i * d + k] = (float) points[i][k];
            }
        }
        return build(flat, n, d, weights, "points");
    }

    /** Flat row-major coordinates of N points in dimension D; {@code weights} may be null. */
    public static Measure ofFlat(float[] coords, int n, int d, double[] weights) {
        requireShape(Objects.requireNonNull(coords, "coords").length, n, d);
        return build(coords.clone(), n, d, weights, "coords");
    }

    /** Flat row-major coordinates of N points in dimension D; {@code weights} may be null. */
    public static Measure ofFlat(double[] coords, int n, int d, double[] weights) {
        requireShape(Objects.requireNonNull(coords, "coords").length, n, d);
        float[] flat = new float[coords.length];
        for (int k = 0; k < coords.length; k++) {
            requireFinite(coords[k], k / d, k % d);
            flat[k] = (float) coords[k];
        }
        return build(flat, n, d, weights, "coords");
    }

    /** This measure's points with other weights (same validation). */
    public Measure withWeights(double[] newWeights) {
        return build(coords, count, dimension, newWeights, "points");
    }

    private static Measure build(float[] flat, int n, int d, double[] weights, String what) {
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
            return new Measure(flat, n, d, uniform, true);
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
        return new Measure(flat, n, d, weights.clone(), false);
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

    /** The coordinates as the kernels see them (shared, read-only by contract). */
    PointArray points() {
        return new PointArray(coords, count, dimension);
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
