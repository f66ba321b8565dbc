package org.geomloss.kernels.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;

/**
 * The soft-max-weighted cost gradient {@code out_i = sum_j P_ij grad_1 c(x_i, y_j)} with
 * {@code P_ij = exp(h_j - c_ij / eps + s_i / eps)} on vectors, given the soft-min {@code s}; one row
 * at a time over the pieces of {@link BlockColumns}. The general kernel, for D > 3 and for exponents
 * outside the range of {@link LaneSoftminGradient} (which is faster where it applies).
 *
 * <p>{@code grad_1 c = x_i - y_j} for {@link GroundCost#HALF_SQUARED_EUCLIDEAN}, and
 * {@code (x_i - y_j) / c_ij} for {@link GroundCost#EUCLIDEAN}, 0 where its clamp
 * {@code |x_i - y_j|^2 < 1e-8} is active. The weighted differences are summed per lane in float over
 * one piece (at most 64 terms per lane) and the pieces in double. Exponents are clamped at 64, so an
 * {@code s} inconsistent with {@code h} gives large but finite weights rather than garbage bits.
 *
 * <p>Rows with no kept column, or whose soft-min is infinite, get a zero gradient.
 */
final class VectorSoftminGradient {

    private static final VectorSpecies<Float> SPECIES = VectorExp.SPECIES;
    private static final double LOG2_E = 1.0 / Math.log(2.0);
    private static final float FLOOR = (float) GroundCost.SQUARED_DISTANCE_FLOOR;
    private static final float MAX_EXPONENT = 63.5f;

    private VectorSoftminGradient() {
    }

    /**
     * Gradients of the rows of row block {@code block}, row-major {@code N x D} in {@code out}.
     *
     * @param sources {@code y} and {@code h * log2 e}, padded with {@code -infinity}
     */
    static void rows(GroundCost cost, PointArray x, ColumnLayout sources, double eps,
                     double[] softmin, BlockSparsity blocks, int block, double[] out) {
        BlockColumns columns = BlockColumns.of(sources, blocks, block, VectorSoftmin.PIECE_LENGTH);
        boolean euclidean = cost == GroundCost.EUCLIDEAN;
        float coefficient = (float) ((euclidean ? 1.0 : 0.5) * LOG2_E / eps);
        float[] xs = x.coords();
        int d = x.dimension();
        float[] partial = new float[Math.max(3, d)];
        float[] scratch = new float[d > 3 ? VectorSoftmin.PIECE_LENGTH : 0];
        for (int i = blocks.rowStarts()[block]; i < blocks.rowStarts()[block + 1]; i++) {
            Arrays.fill(out, i * d, i * d + d, 0.0);
            if (Double.isInfinite(softmin[i])) {
                continue;
            }
            float shift = (float) (softmin[i] * LOG2_E / eps);
            for (int p = 0; p < columns.count(); p++) {
                ColumnLayout layout = columns.layout(p);
                pass(layout.data(), layout.stride(), columns.from(p), columns.to(p), xs, i * d, d,
                        coefficient, shift, euclidean, scratch, partial);
                for (int k = 0; k < d; k++) {
                    out[i * d + k] += partial[k];
                }
            }
        }
    }

    /**
     * Writes {@code sum_j P_ij g_ij (x_i - y_j)_k} over the columns {@code [from, to)} of one layout
     * into {@code partial[k]}; when D > 3, {@code scratch} (at least {@code to - from} floats) holds the
     * squared distances over the coordinates past the third, then the weights (see
     * {@link HighDimensions}). One polynomial exponential:
     * keep it so (see {@link VectorExp}).
     */
    private static void pass(float[] columns, int stride, int from, int to, float[] x, int xOffset,
                             int d, float coefficient, float shift, boolean euclidean,
                             float[] scratch, float[] partial) {
        FloatVector x0 = FloatVector.broadcast(SPECIES, x[xOffset]);
        FloatVector x1 = FloatVector.broadcast(SPECIES, d > 1 ? x[xOffset + 1] : 0f);
        FloatVector x2 = FloatVector.broadcast(SPECIES, d > 2 ? x[xOffset + 2] : 0f);
        FloatVector minusCoefficient = FloatVector.broadcast(SPECIES, -coefficient);
        FloatVector floor = FloatVector.broadcast(SPECIES, FLOOR);
        FloatVector maxExponent = FloatVector.broadcast(SPECIES, MAX_EXPONENT);
        FloatVector zero = FloatVector.zero(SPECIES);
        int lanes = SPECIES.length();
        int valueOffset = d * stride;
        float biasedShift = shift - 0.5f; // exp2BiasedOrZero(u) = 2^(u + 1/2)
        FloatVector g0 = zero;
        FloatVector g1 = zero;
        FloatVector g2 = zero;
        if (d > 3) {
            HighDimensions.squaredDistances(columns, stride, from, to, x, xOffset, d, scratch);
        }
        for (int j = from; j < to; j += lanes) {
            FloatVector e0 = x0.sub(FloatVector.fromArray(SPECIES, columns, j));
            FloatVector c = e0.mul(e0);
            FloatVector e1 = zero;
            FloatVector e2 = zero;
            if (d > 1) { // the branches on d are loop-invariant: C2 unswitches or predicts them
                e1 = x1.sub(FloatVector.fromArray(SPECIES, columns, stride + j));
                c = e1.fma(e1, c);
            }
            if (d > 2) {
                e2 = x2.sub(FloatVector.fromArray(SPECIES, columns, 2 * stride + j));
                c = e2.fma(e2, c);
            }
            if (d > 3) {
                c = c.add(FloatVector.fromArray(SPECIES, scratch, j - from));
            }
            FloatVector squared = c;
            if (euclidean) {
                c = squared.blend(floor, squared.compare(VectorOperators.LT, floor)).sqrt();
            }
            FloatVector exponent = c.fma(minusCoefficient,
                    FloatVector.fromArray(SPECIES, columns, valueOffset + j).add(biasedShift));
            exponent = exponent.blend(maxExponent, exponent.compare(VectorOperators.GT, maxExponent));
            FloatVector weight = VectorExp.exp2BiasedOrZero(exponent);
            if (euclidean) { // grad c = (x - y) / c, and 0 where the clamp is active
                weight = weight.div(c).blend(zero, squared.compare(VectorOperators.LT, floor));
            }
            g0 = e0.fma(weight, g0);
            if (d > 1) {
                g1 = e1.fma(weight, g1);
            }
            if (d > 2) {
                g2 = e2.fma(weight, g2);
            }
            if (d > 3) {
                weight.intoArray(scratch, j - from); // the squared distance there is no longer needed
            }
        }
        partial[0] = (float) Lanes.sum(g0.toArray());
        partial[1] = (float) Lanes.sum(g1.toArray());
        partial[2] = (float) Lanes.sum(g2.toArray());
        if (d > 3) {
            HighDimensions.weightedDifferences(columns, stride, from, to, x, xOffset, d, scratch,
                    partial);
        }
    }
}
