package org.geomloss.kernels.vector;

import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;

/**
 * The operands of the lane kernels ({@link LaneSoftmin}, {@link LaneSoftminGradient}) for a p = 2
 * soft-min {@code -eps log sum_j exp(h_j - |x_i - y_j|^2 / (2 eps))} in dimension D <= 3: both clouds
 * translated to a common centre, the rows ready to be loaded one per lane, and one 16-byte record per
 * column, broadcast to every lane.
 *
 * <p><b>Centring.</b> Costs are translation invariant, so both clouds are moved by the same float
 * vector {@code centre}, the midpoint of their joint bounding box: {@code xc_i = fl(x_i - centre)},
 * {@code yc_j = fl(y_j - centre)}. This keeps the coordinates no larger than the clouds' extent.
 *
 * <p><b>Records, base 2.</b> The exponent of a pair is taken in the dot-product form
 * {@code t_ij = b_j + <xc_i, y'_j>}, three FMAs, with {@code b_j = log2(e) (h_j - |yc_j|^2 / (2 eps))}
 * and {@code y'_j = log2(e) yc_j / eps}; then {@code t_ij = log2(e) (h_j - |xc_i - yc_j|^2 / (2 eps))
 * + rowOffset_i} with {@code rowOffset_i = log2(e) |xc_i|^2 / (2 eps)}, which the kernels remove once
 * per row. Missing coordinates (D < 3) are 0.
 *
 * <p><b>When it applies</b> ({@link #of} returns {@code null} otherwise, and the caller runs the
 * general kernels, which take the differences {@code x_i - y_j} directly): p = 2, D <= 3, every
 * {@code h_j} finite, and {@code E = max |b_j| + 2 log2(e) R_x R_y / eps <= 256 + 2 H}
 * ({@link #DOT_PRODUCT_BUDGET} {@code + 2 H}), with {@code R} the largest centred radius of each
 * cloud and {@code H = max |log2(e) h_j|}. The dot-product form rounds terms of size up to {@code E}
 * (log2 units), where the direct form rounds {@code |h_j|} and {@code c_ij / eps}, mostly small for
 * the terms that matter: the budget bounds the extra error by a few times
 * {@code (256 + 2 H) 2^-24 ln 2 eps}, that is the direct form's own rounding of {@code h} plus about
 * {@code 1e-5 eps} (measured: {@code 5e-7 eps} on the unit cube at eps = 0.01, against
 * {@code 1e-7 eps} for the direct form). Inside a Sinkhorn loop {@code h = log b + g / eps} has the
 * size of the costs, so the lane kernels run down to the final eps of typical problems. The bound
 * also keeps the exponents of a row within {@code 2E} of each other, far inside the {@code 2^21} for
 * which the kernels' magic-constant rounding is exact ({@code E} is checked against that too).
 * Centring is what brings {@code E} under the budget for clouds away from the origin.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
final class LaneOperands {

    /** Floats per column record. */
    static final int RECORD = 4;

    /** The largest {@code E - 2 H} (see above) for which the lane kernels run. */
    static final double DOT_PRODUCT_BUDGET = 256.0;

    /** Exponents of a row stay within {@code 2 E} of each other, which must be below 2^21. */
    private static final double MAX_SPREAD = 0x1p20;

    private static final double LOG2_E = 1.0 / Math.log(2.0);

    private final int dimension;
    /** The centred rows {@code xc}, row-major N x D. */
    private final float[] rows;
    private final float[] records;
    private final int columns;
    private final double rowOffsetFactor;

    private LaneOperands(int dimension, float[] rows, float[] records, int columns,
                         double rowOffsetFactor) {
        this.dimension = dimension;
        this.rows = rows;
        this.records = records;
        this.columns = columns;
        this.rowOffsetFactor = rowOffsetFactor;
    }

    /** The operands of a soft-min, or {@code null} when the lane kernels do not apply (see above). */
    static LaneOperands of(GroundCost cost, PointArray x, PointArray y, double[] h, double eps) {
        int d = x.dimension();
        if (d > 3 || cost != GroundCost.HALF_SQUARED_EUCLIDEAN) {
            return null;
        }
        float[] centre = centre(x, y);
        float[] rows = translate(x, centre);
        float[] ys = translate(y, centre);
        double scale = LOG2_E / eps;
        int m = y.count();
        float[] records = new float[RECORD * m];
        double maxB = 0.0;
        double maxH = 0.0;
        for (int j = 0; j < m; j++) {
            double b = LOG2_E * h[j] - 0.5 * scale * squaredNorm(ys, j, d);
            if (!Double.isFinite(b)) {
                return null;
            }
            maxB = Math.max(maxB, Math.abs(b));
            maxH = Math.max(maxH, Math.abs(LOG2_E * h[j]));
            records[RECORD * j] = (float) b;
            for (int k = 0; k < d; k++) {
                records[RECORD * j + 1 + k] = (float) (scale * ys[j * d + k]);
            }
        }
        double rx = Math.sqrt(maxSquaredNorm(rows, d));
        double ry = Math.sqrt(maxSquaredNorm(ys, d));
        double e = maxB + scale * rx * ry;
        if (!(e <= DOT_PRODUCT_BUDGET + 2 * maxH && e < MAX_SPREAD)) {
            return null;
        }
        return new LaneOperands(d, rows, records, m, 0.5 * scale);
    }

    /** D, at most 3. */
    int dimension() {
        return dimension;
    }

    /** {@link #RECORD} floats per column: {@code b_j} then the three scaled coordinates {@code y'_j}. */
    float[] records() {
        return records;
    }

    /**
     * Loads rows {@code [first, first + count)} one per lane: coordinate {@code k} of lane {@code l}
     * into {@code lanes[k * LANES + l]} (0 for k >= D); the lanes past {@code count} repeat the last
     * row.
     */
    void loadLanes(int first, int count, float[] lanes) {
        int lanesPerVector = VectorExp.LANES;
        for (int l = 0; l < lanesPerVector; l++) {
            int i = first + Math.min(l, count - 1);
            for (int k = 0; k < dimension; k++) {
                lanes[k * lanesPerVector + l] = rows[i * dimension + k];
            }
        }
    }

    /** M. */
    int columns() {
        return columns;
    }

    /** {@code rowOffset_i = log2(e) |xc_i|^2 / (2 eps)}, in double from the float coordinates. */
    double rowOffset(int i) {
        return rowOffsetFactor * squaredNorm(rows, i, dimension);
    }

    /** {@code log2(e) / eps}: the scale of the records' coordinates. */
    double coordinateScale() {
        return 2 * rowOffsetFactor;
    }

    private static float[] centre(PointArray x, PointArray y) {
        int d = x.dimension();
        float[] centre = new float[d];
        for (int k = 0; k < d; k++) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (PointArray cloud : new PointArray[] {x, y}) {
                float[] coords = cloud.coords();
                for (int i = k; i < coords.length; i += d) {
                    low = Math.min(low, coords[i]);
                    high = Math.max(high, coords[i]);
                }
            }
            centre[k] = low <= high ? (float) (0.5 * low + 0.5 * high) : 0f;
        }
        return centre;
    }

    private static float[] translate(PointArray cloud, float[] centre) {
        int d = cloud.dimension();
        float[] coords = cloud.coords();
        float[] out = new float[coords.length];
        for (int i = 0; i < coords.length; i++) {
            out[i] = coords[i] - centre[i % d];
        }
        return out;
    }

    private static double maxSquaredNorm(float[] coords, int d) {
        double max = 0.0;
        for (int i = 0; i < coords.length / d; i++) {
            max = Math.max(max, squaredNorm(coords, i, d));
        }
        return max;
    }

    private static double squaredNorm(float[] coords, int i, int d) {
        double squared = 0.0;
        for (int k = 0; k < d; k++) {
            double v = coords[i * d + k];
            squared += v * v;
        }
        return squared;
    }
}
