package org.geomloss.kernels.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;

/**
 * The operands of the lane kernels ({@link LaneSoftmin}, {@link LaneSoftminGradient},
 * {@link LaneKernelSums}) in dimension D <= 3: the rows {@code x_i}, loaded one per lane, and one
 * 16-byte record per column, {@code {v_j, y_j}}, broadcast to every lane. The value {@code v_j} is
 * {@code log2(e) h_j} for a soft-min and the weight {@code w_j} for a kernel sum; the coordinates are
 * the points' own float32 coordinates (missing ones, D < 3, are 0 in both clouds), so that every
 * kernel takes the differences {@code x_i - y_j} directly, as the scalar reference does.
 *
 * <p><b>Soft-min, base 2.</b> The exponent of a pair is taken in the direct form
 * {@code t_ij = v_j - log2(e) |x_i - y_j|^2 / (2 eps)}: three differences, the squared norm with
 * FMAs, and one FMA by {@link #exponentScale} {@code = -log2(e) / (2 eps)}. Its float32 rounding is a
 * few ulp of {@code |h_j|} and of {@code c_ij / eps}, both small for the terms that carry the
 * soft-min's mass: about {@code 1e-7 eps} on the unit cube at eps = 0.01 ({@code KernelAccuracy} in
 * the benchmarks module).
 *
 * <p><b>When the soft-min lane kernels apply</b> ({@link #softmin} returns {@code null} otherwise, and
 * the caller runs the general kernels): p = 2, D <= 3, every {@code h_j} finite, and the exponents
 * of a row within {@code 2^20} of each other, bounded by {@code 2 H + log2(e) diag^2 / (2 eps)}
 * ({@code H = max |log2(e) h_j|}, {@code diag} the diagonal of the clouds' joint bounding box), far
 * inside the {@code 2^22} for which the kernels' magic-constant rounding is exact. That fails only
 * for eps tiny against the clouds' extent (eps = 1e-7 on the unit cube).
 *
 * <p>Immutable after construction; safe to share between threads.
 */
final class LaneOperands {

    /** Floats per column record. */
    static final int RECORD = 4;

    /** Exponents of a row stay within this of each other (below 2^22, see above). */
    private static final double MAX_SPREAD = 0x1p20;

    private static final double LOG2_E = 1.0 / Math.log(2.0);

    private final int dimension;
    /** The rows {@code x}, row-major N x D (the caller's array, not copied). */
    private final float[] rows;
    private final float[] records;
    private final int columns;
    private final float exponentScale;

    private LaneOperands(int dimension, float[] rows, float[] records, int columns,
                         float exponentScale) {
        this.dimension = dimension;
        this.rows = rows;
        this.records = records;
        this.columns = columns;
        this.exponentScale = exponentScale;
    }

    /**
     * The operands of a soft-min, values {@code log2(e) h_j}, or {@code null} when the lane kernels do
     * not apply (see above).
     */
    static LaneOperands softmin(GroundCost cost, PointArray x, PointArray y, double[] h,
                                double eps) {
        if (x.dimension() > 3 || cost != GroundCost.HALF_SQUARED_EUCLIDEAN) {
            return null;
        }
        double maxH = 0.0;
        for (double value : h) {
            if (!Double.isFinite(value)) {
                return null;
            }
            maxH = Math.max(maxH, Math.abs(LOG2_E * value));
        }
        double spread = 2 * maxH + LOG2_E * squaredDiagonal(x, y) / (2 * eps);
        if (!(spread < MAX_SPREAD)) {
            return null;
        }
        return new LaneOperands(x.dimension(), x.coords(), records(y, h, LOG2_E), y.count(),
                (float) (-LOG2_E / (2 * eps)));
    }

    /** The operands of a kernel sum, values {@code w_j}, or {@code null} when D > 3. */
    static LaneOperands kernelSum(PointArray x, PointArray y, double[] w) {
        if (x.dimension() > 3) {
            return null;
        }
        return new LaneOperands(x.dimension(), x.coords(), records(y, w, 1.0), y.count(), 0f);
    }

    /** D, at most 3. */
    int dimension() {
        return dimension;
    }

    /** {@link #RECORD} floats per column: {@code v_j} then the three coordinates {@code y_j}. */
    float[] records() {
        return records;
    }

    /**
     * Loads rows {@code [first, first + count)} one per lane: coordinate {@code k} of lane {@code l}
     * into {@code lanes[at + k * LANES + l]} (0 for k >= D); the lanes past {@code count} repeat the
     * last row.
     */
    void loadLanes(int first, int count, float[] lanes, int at) {
        int lanesPerVector = VectorExp.LANES;
        for (int l = 0; l < lanesPerVector; l++) {
            int i = first + Math.min(l, count - 1);
            for (int k = 0; k < dimension; k++) {
                lanes[at + k * lanesPerVector + l] = rows[i * dimension + k];
            }
        }
    }

    /** M. */
    int columns() {
        return columns;
    }

    /** {@code -log2(e) / (2 eps)} for a soft-min: the factor of {@code |x_i - y_j|^2} in {@code t_ij}. */
    float exponentScale() {
        return exponentScale;
    }

    private static float[] records(PointArray y, double[] values, double scale) {
        int d = y.dimension();
        float[] coords = y.coords();
        float[] records = new float[RECORD * y.count()];
        for (int j = 0; j < y.count(); j++) {
            records[RECORD * j] = (float) (scale * values[j]);
            for (int k = 0; k < d; k++) {
                records[RECORD * j + 1 + k] = coords[j * d + k];
            }
        }
        return records;
    }

    /**
     * The squared diagonal of the joint bounding box of both clouds (D <= 3), in double; an axis
     * with a NaN coordinate adds nothing. Each cloud's coordinates are read as whole vectors: the
     * lane at position {@code p} of a period of D vectors always holds axis {@code p mod D}.
     */
    private static double squaredDiagonal(PointArray x, PointArray y) {
        int d = x.dimension();
        VectorSpecies<Float> species = VectorExp.SPECIES;
        int period = d * species.length();
        float[] low = new float[period];
        float[] high = new float[period];
        Arrays.fill(low, Float.POSITIVE_INFINITY);
        Arrays.fill(high, Float.NEGATIVE_INFINITY);
        for (PointArray cloud : new PointArray[] {x, y}) {
            float[] coords = cloud.coords();
            int whole = coords.length - coords.length % period;
            for (int v = 0; v < period; v += species.length()) {
                FloatVector lowest = FloatVector.fromArray(species, low, v);
                FloatVector highest = FloatVector.fromArray(species, high, v);
                for (int i = v; i < whole; i += period) {
                    FloatVector values = FloatVector.fromArray(species, coords, i);
                    lowest = lowest.min(values);
                    highest = highest.max(values);
                }
                lowest.intoArray(low, v);
                highest.intoArray(high, v);
            }
            for (int i = whole; i < coords.length; i++) {
                low[i - whole] = Math.min(low[i - whole], coords[i]);
                high[i - whole] = Math.max(high[i - whole], coords[i]);
            }
        }
        double squared = 0.0;
        for (int k = 0; k < d; k++) {
            double lowest = Double.POSITIVE_INFINITY;
            double highest = Double.NEGATIVE_INFINITY;
            for (int p = k; p < period; p += d) {
                lowest = Math.min(lowest, low[p]);
                highest = Math.max(highest, high[p]);
            }
            if (lowest <= highest) {
                squared += (highest - lowest) * (highest - lowest);
            }
        }
        return squared;
    }
}
