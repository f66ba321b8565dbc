package org.geomloss.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;

/**
 * The soft-min {@code out_i = -eps log sum_j exp(h_j - c(x_i, y_j) / eps)} on vectors, for the two
 * {@link GroundCost}s, one row at a time: the general kernel, for D > 3 and for exponents outside
 * the range of {@link LaneSoftmin} (which is faster where it applies).
 *
 * <p><b>Log-sum-exp.</b> Working in base 2, each term is {@code 2^(s_j - ref)} with
 * {@code s_j = h_j log2 e - c_ij log2 e / eps} and a reference {@code ref} fixed per piece of columns
 * (see {@link BlockColumns}); the sum is {@code 2^ref * total}, so
 * {@code out_i = -eps (ref ln 2 + ln total)}. The vector loop has no branch: it sums the terms and
 * tracks {@code max_j s_j} with a compare and a blend. After each piece the row driver checks that the
 * reference was good, i.e. that no term exceeded {@code 2^64} (no float overflow) and, on the first
 * piece with a finite term, that the largest term is at least {@code 2^-64} (so that the clamp of the
 * exponential at {@code 2^-125.5} loses nothing that matters); otherwise it moves {@code ref} to the
 * piece's maximum, rescales the total in double and runs the piece again. The reference starts from
 * the previous row's maximum, which for neighbouring rows rarely needs a second pass. This is the
 * "lazy rescale" of an online log-sum-exp moved out of the vector loop: C2's speed with a rarely-taken
 * branch inside the loop depends on its profile (CPU_KERNELS.md), and a piece costs at most one extra
 * pass per rescale.
 *
 * <p><b>Accuracy.</b> Costs are differences of float32 coordinates (never the dot-product expansion);
 * each piece sums at most 64 terms per lane in float, and pieces add up in double. The error is about
 * {@code 1e-7 (eps |h| + c)} per row, the float32 rounding of the exponents.
 *
 * <p>Rows with no kept column, or whose terms are all 0, give {@code +infinity}.
 */
final class VectorSoftmin {

    /** Columns per piece: 64 vectors of 16 lanes. */
    static final int PIECE_LENGTH = 1024;

    private static final VectorSpecies<Float> SPECIES = VectorExp.SPECIES;
    private static final float WINDOW = 64f;
    private static final double LOG2_E = 1.0 / Math.log(2.0);
    private static final double LN_2 = Math.log(2.0);
    private static final float FLOOR = (float) GroundCost.SQUARED_DISTANCE_FLOOR;

    private VectorSoftmin() {
    }

    /**
     * Soft-min of the rows of row block {@code block}.
     *
     * @param sources {@code y} and {@code h * log2 e}, padded with {@code -infinity}
     */
    static void rows(GroundCost cost, PointArray x, ColumnLayout sources, double eps,
                     BlockSparsity blocks, int block, double[] out) {
        BlockColumns columns = BlockColumns.of(sources, blocks, block, PIECE_LENGTH);
        boolean euclidean = cost == GroundCost.EUCLIDEAN;
        float coefficient = (float) ((euclidean ? 1.0 : 0.5) * LOG2_E / eps);
        float[] xs = x.coords();
        int d = x.dimension();
        float[] pieceMax = new float[1];
        float[] scratch = new float[d > 3 ? PIECE_LENGTH : 0];
        float ref = 0f;
        for (int i = blocks.rowStarts()[block]; i < blocks.rowStarts()[block + 1]; i++) {
            double total = 0.0;
            float rowMax = Float.NEGATIVE_INFINITY;
            int p = 0;
            while (p < columns.count()) {
                ColumnLayout layout = columns.layout(p);
                double sum = pass(layout.data(), layout.stride(), columns.from(p), columns.to(p),
                        xs, i * d, d, coefficient, ref, euclidean, scratch, pieceMax);
                float max = pieceMax[0];
                if (max > Float.NEGATIVE_INFINITY) {
                    boolean firstFinite = rowMax == Float.NEGATIVE_INFINITY;
                    if (max > ref + WINDOW || (firstFinite && max < ref - WINDOW)) {
                        total = firstFinite ? 0.0 : total * Math.pow(2.0, (double) ref - max);
                        ref = max;
                        continue; // the same piece again, with the new reference
                    }
                    rowMax = Math.max(rowMax, max);
                }
                total += sum;
                p++;
            }
            if (rowMax == Float.NEGATIVE_INFINITY || total == 0.0) {
                out[i] = Double.POSITIVE_INFINITY;
            } else {
                double exactRef = (double) (ref + 0.5f) - 0.5; // as the pass rounds it
                out[i] = -eps * (exactRef * LN_2 + Math.log(total));
                ref = rowMax;
            }
        }
    }

    /**
     * {@code sum_j 2^(s_j - ref)} over the columns {@code [from, to)} of one layout, for the point
     * {@code x[xOffset ..]}; writes {@code max_j s_j} to {@code maxOut[0]}. When D > 3,
     * {@code scratch} (at least {@code to - from} floats) holds the squared distances over the
     * coordinates past the third (see {@link HighDimensions}). One polynomial exponential, no
     * branch on data: keep it so (see {@link VectorExp}).
     */
    private static double pass(float[] columns, int stride, int from, int to, float[] x,
                               int xOffset, int d, float coefficient, float ref, boolean euclidean,
                               float[] scratch, float[] maxOut) {
        FloatVector x0 = FloatVector.broadcast(SPECIES, x[xOffset]);
        FloatVector x1 = FloatVector.broadcast(SPECIES, d > 1 ? x[xOffset + 1] : 0f);
        FloatVector x2 = FloatVector.broadcast(SPECIES, d > 2 ? x[xOffset + 2] : 0f);
        FloatVector minusCoefficient = FloatVector.broadcast(SPECIES, -coefficient);
        FloatVector floor = FloatVector.broadcast(SPECIES, FLOOR);
        int valueOffset = d * stride;
        FloatVector sum = FloatVector.zero(SPECIES);
        FloatVector max = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        float biasedRef = ref + 0.5f; // 2^(s - ref) = exp2Biased(s - ref - 1/2)
        if (d > 3) {
            HighDimensions.squaredDistances(columns, stride, from, to, x, xOffset, d, scratch);
        }
        for (int j = from; j < to; j += SPECIES.length()) {
            FloatVector e0 = x0.sub(FloatVector.fromArray(SPECIES, columns, j));
            FloatVector c = e0.mul(e0);
            if (d > 1) {
                FloatVector e1 = x1.sub(FloatVector.fromArray(SPECIES, columns, stride + j));
                c = e1.fma(e1, c);
            }
            if (d > 2) {
                FloatVector e2 = x2.sub(FloatVector.fromArray(SPECIES, columns, 2 * stride + j));
                c = e2.fma(e2, c);
            }
            if (d > 3) {
                c = c.add(FloatVector.fromArray(SPECIES, scratch, j - from));
            }
            if (euclidean) {
                c = c.blend(floor, c.compare(VectorOperators.LT, floor)).sqrt();
            }
            FloatVector s = c.fma(minusCoefficient,
                    FloatVector.fromArray(SPECIES, columns, valueOffset + j));
            max = max.blend(s, s.compare(VectorOperators.GT, max));
            sum = sum.add(VectorExp.exp2Biased(s.sub(biasedRef)));
        }
        maxOut[0] = max.reduceLanes(VectorOperators.MAX);
        return Lanes.sum(sum.toArray());
    }
}
