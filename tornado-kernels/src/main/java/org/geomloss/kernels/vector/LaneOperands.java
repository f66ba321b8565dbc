package org.geomloss.kernels.vector;

import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;

/**
 * The operands of the lane kernels ({@link LaneSoftmin}, {@link LaneSoftminGradient}) for a soft-min
 * {@code -eps log sum_j exp(h_j - c(x_i, y_j) / eps)} in dimension D <= 3: both clouds translated to
 * a common centre, the rows {@code x_i} ready to be loaded one per lane, and one 16-byte record per
 * column, broadcast to every lane.
 *
 * <p><b>Centring.</b> Costs are translation invariant, so for the dot-product form both clouds are
 * moved by the same float vector {@code centre}, the midpoint of their joint bounding box:
 * {@code xc_i = fl(x_i - centre)}, {@code yc_j = fl(y_j - centre)}. This keeps the coordinates no
 * larger than the clouds' extent, which is what that form needs. The direct forms keep the given
 * coordinates ({@code xc = x}, {@code yc = y}): their differences {@code x_i - y_j} are then exact
 * for close points, which the rounding of a translation would spoil at small eps.
 *
 * <p><b>Records, base 2</b> ({@link Form}). For {@link GroundCost#HALF_SQUARED_EUCLIDEAN} (p = 2)
 * the exponent of a pair is taken, when accurate enough, in the dot-product form
 * {@code t_ij = b_j + <xc_i, y'_j>}, three FMAs, with {@code b_j = log2(e) (h_j - |yc_j|^2 / (2 eps))}
 * and {@code y'_j = log2(e) yc_j / eps}; then
 * {@code t_ij = log2(e) (h_j - |xc_i - yc_j|^2 / (2 eps)) + rowOffset_i} with
 * {@code rowOffset_i = log2(e) |xc_i|^2 / (2 eps)}, which the kernels remove once per row. Otherwise,
 * and for {@link GroundCost#EUCLIDEAN} (p = 1, a square root per pair), the record is
 * {@code {log2(e) h_j, yc_j}} and the cost is taken directly from the differences
 * {@code xc_i - yc_j}. Missing coordinates (D < 3) are 0.
 *
 * <p><b>Range.</b> The kernels round exponents with a magic constant, which is exact while
 * {@code |t_ij - t_ik| < 2^21} within a row; {@link #of} returns {@code null} (the caller then uses the
 * general kernels) when a bound on that spread is larger, when some {@code h_j} is not finite, or when
 * D > 3. The bound is {@code 2 (max |b| + 2 log2(e) R_x R_y / eps)} for p = 2 and
 * {@code 2 (max |b| + log2(e) (R_x + R_y) / eps)} for p = 1, with {@code R} the largest centred
 * radius of each cloud; it fails only for eps far below the clouds' extent (about {@code 1e-6} of the
 * squared diameter for p = 2).
 *
 * <p><b>Accuracy.</b> The dot-product form rounds terms of size up to
 * {@code E = max |b_j| + 2 log2(e) R_x R_y / eps} (in log2 units), the direct form terms of size
 * {@code |h_j|} and {@code c_ij / eps}, mostly small for the terms that matter. The dot-product form
 * is used only when {@code E <= } {@link #DOT_PRODUCT_BUDGET} (256), which bounds its extra error by
 * a few times {@code 256 * 2^-24 ln 2 eps}, about {@code 1e-5 eps} (measured: {@code 5e-7 eps} on
 * the unit cube at eps = 0.01, against {@code 1e-7 eps} for the direct form); centring is what
 * brings {@code E} under the budget for clouds away from the origin.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
final class LaneOperands {

    /** Floats per column record. */
    static final int RECORD = 4;

    /** The largest {@code E} (see above) for which a p = 2 soft-min uses the dot-product form. */
    static final double DOT_PRODUCT_BUDGET = 256.0;

    /** How a lane kernel computes the exponent {@code t_ij} from a row and a record. */
    enum Form {
        /** {@code b_j + <xc_i, y'_j>}: three FMAs (p = 2, when accurate enough). */
        DOT_PRODUCT,
        /** {@code b_j - factor |xc_i - yc_j|^2}: direct squared distance (p = 2). */
        SQUARED_DISTANCE,
        /** {@code b_j - factor sqrt(max(|xc_i - yc_j|^2, 1e-8))} (p = 1). */
        DISTANCE
    }

    private static final double LOG2_E = 1.0 / Math.log(2.0);
    private static final double LIMIT = 0x1p21;

    private final Form form;
    private final int dimension;
    /** The rows {@code xc} (centred for the dot-product form), row-major N x D. */
    private final float[] rows;
    private final float[] records;
    private final int columns;
    private final float costFactor;
    private final double rowOffsetFactor;

    private LaneOperands(Form form, int dimension, float[] rows, float[] records, int columns,
                         float costFactor, double rowOffsetFactor) {
        this.form = form;
        this.dimension = dimension;
        this.rows = rows;
        this.records = records;
        this.columns = columns;
        this.costFactor = costFactor;
        this.rowOffsetFactor = rowOffsetFactor;
    }

    /** The operands of a soft-min, or {@code null} when the lane kernels do not apply (see above). */
    static LaneOperands of(GroundCost cost, PointArray x, PointArray y, double[] h, double eps) {
        int d = x.dimension();
        if (d > 3) {
            return null;
        }
        float[] centre = centre(x, y);
        float[] centredRows = translate(x, centre);
        float[] ys = translate(y, centre);
        double scale = LOG2_E / eps;
        double rx = Math.sqrt(maxSquaredNorm(centredRows, d));
        double ry = Math.sqrt(maxSquaredNorm(ys, d));
        int m = y.count();
        double maxH = 0.0;
        double maxB = 0.0;
        for (int j = 0; j < m; j++) {
            if (!Double.isFinite(h[j])) {
                return null;
            }
            maxH = Math.max(maxH, Math.abs(LOG2_E * h[j]));
            maxB = Math.max(maxB, Math.abs(LOG2_E * h[j] - 0.5 * scale * squaredNorm(ys, j, d)));
        }
        Form form = cost == GroundCost.EUCLIDEAN ? Form.DISTANCE
                : maxB + scale * rx * ry <= DOT_PRODUCT_BUDGET ? Form.DOT_PRODUCT
                : Form.SQUARED_DISTANCE;
        double spread = 2 * switch (form) {
            case DOT_PRODUCT -> maxB + scale * rx * ry;
            case SQUARED_DISTANCE -> maxH + 0.5 * scale * (rx + ry) * (rx + ry);
            case DISTANCE -> maxH + scale * (rx + ry);
        };
        if (!(spread < LIMIT)) {
            return null;
        }
        boolean dot = form == Form.DOT_PRODUCT;
        float[] columns = dot ? ys : y.coords();
        float[] records = new float[RECORD * m];
        for (int j = 0; j < m; j++) {
            records[RECORD * j] = (float) (LOG2_E * h[j]
                    - (dot ? 0.5 * scale * squaredNorm(ys, j, d) : 0.0));
            for (int k = 0; k < d; k++) {
                records[RECORD * j + 1 + k] = (float) ((dot ? scale : 1.0) * columns[j * d + k]);
            }
        }
        float costFactor = (float) (form == Form.DISTANCE ? scale : 0.5 * scale);
        return new LaneOperands(form, d, dot ? centredRows : x.coords(), records, m, costFactor,
                0.5 * scale);
    }

    /** How the exponents are computed. */
    Form form() {
        return form;
    }

    /** D, at most 3. */
    int dimension() {
        return dimension;
    }

    /** {@link #RECORD} floats per column: {@code b_j} then the three (scaled) coordinates. */
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

    /**
     * The factor of the cost in a direct-form exponent: {@code log2(e) / (2 eps)} for
     * {@link Form#SQUARED_DISTANCE}, {@code log2(e) / eps} for {@link Form#DISTANCE}.
     */
    float costFactor() {
        return costFactor;
    }

    /**
     * What the kernels remove from row {@code i}'s exponents, in log2 units:
     * {@code rowOffset_i = log2(e) |xc_i|^2 / (2 eps)} for the dot-product form, else 0.
     */
    double rowOffset(int i) {
        return form == Form.DOT_PRODUCT ? rowOffsetFactor * squaredNorm(rows, i, dimension) : 0.0;
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
