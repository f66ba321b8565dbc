package org.geomloss.kernels.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.RadialKernel;

/**
 * Kernel sums {@code out_i = sum_j w_j k(r2_ij)} and their gradients
 * {@code out_i = sum_j w_j s(r2_ij) (x_i - y_j) / sigma^2} on vectors, with
 * {@code r2_ij = |x_i - y_j|^2 / sigma^2} and {@code k}, {@code s} as in {@link RadialKernel}: one row at
 * a time, columns across the lanes, over pieces of at most {@link VectorSoftmin#PIECE_LENGTH}
 * columns, in dimension D > 3 ({@link HighDimensions} for the coordinates past the third; D <= 3 runs
 * {@link LaneKernelSums}).
 *
 * <p>Exponentials underflow to exactly 0 (below {@code 2^-125.5}), like the double-precision
 * reference up to float range. The Laplacian and energy clamps ({@code r2 < 1e-8}) give the clamped
 * value and a zero gradient. The energy kernel's gradient runs through the gradient loop with a zero
 * exponent, so it pays for an exponential it does not need: one loop per reduction keeps a single
 * polynomial per method. Lane sums are float over one piece and double across pieces.
 */
final class VectorKernelSums {

    private static final VectorSpecies<Float> SPECIES = VectorExp.SPECIES;
    private static final float LOG2_E = (float) (1.0 / Math.log(2.0));
    private static final float FLOOR = (float) GroundCost.SQUARED_DISTANCE_FLOOR;

    private VectorKernelSums() {
    }

    /**
     * Kernel sums of the rows of row block {@code block}.
     *
     * @param sources {@code y} and the weights {@code w}, padded with 0
     */
    static void sumRows(RadialKernel kernel, double sigma, PointArray x, ColumnLayout sources,
                        BlockSparsity blocks, int block, double[] out) {
        BlockColumns columns = BlockColumns.of(sources, blocks, block, VectorSoftmin.PIECE_LENGTH);
        int d = x.dimension();
        float invSigma2 = (float) (1.0 / (sigma * sigma));
        float[] scratch = new float[VectorSoftmin.PIECE_LENGTH];
        for (int i = blocks.rowStarts()[block]; i < blocks.rowStarts()[block + 1]; i++) {
            out[i] = 0.0;
            for (int p = 0; p < columns.count(); p++) {
                ColumnLayout layout = columns.layout(p);
                out[i] += sumPass(layout.data(), layout.stride(), columns.from(p), columns.to(p),
                        x.coords(), i * d, d, kernel, invSigma2, scratch);
            }
        }
    }

    /**
     * Kernel-sum gradients of the rows of row block {@code block}, row-major {@code N x D}.
     *
     * @param sources {@code y} and the weights {@code w}, padded with 0
     */
    static void gradientRows(RadialKernel kernel, double sigma, PointArray x, ColumnLayout sources,
                             BlockSparsity blocks, int block, double[] out) {
        BlockColumns columns = BlockColumns.of(sources, blocks, block, VectorSoftmin.PIECE_LENGTH);
        int d = x.dimension();
        double invSigma2 = 1.0 / (sigma * sigma);
        float[] partial = new float[d];
        float[] scratch = new float[VectorSoftmin.PIECE_LENGTH];
        for (int i = blocks.rowStarts()[block]; i < blocks.rowStarts()[block + 1]; i++) {
            Arrays.fill(out, i * d, i * d + d, 0.0);
            for (int p = 0; p < columns.count(); p++) {
                ColumnLayout layout = columns.layout(p);
                gradientPass(layout.data(), layout.stride(), columns.from(p), columns.to(p),
                        x.coords(), i * d, d, kernel, (float) invSigma2, scratch, partial);
                for (int k = 0; k < d; k++) {
                    out[i * d + k] -= invSigma2 * partial[k]; // the pass sums -s(r2) (x_i - y_j)
                }
            }
        }
    }

    /**
     * {@code sum_j w_j k(r2_ij)} over the columns {@code [from, to)} of one layout, D > 3:
     * {@code scratch} (at least {@code to - from} floats) holds the squared distances over the
     * coordinates past the third (see {@link HighDimensions}). One polynomial exponential: keep it so
     * (see {@link VectorExp}).
     */
    private static double sumPass(float[] columns, int stride, int from, int to, float[] x,
                                  int xOffset, int d, RadialKernel kernel, float invSigma2,
                                  float[] scratch) {
        boolean gaussian = kernel == RadialKernel.GAUSSIAN;
        boolean energy = kernel == RadialKernel.ENERGY;
        FloatVector x0 = FloatVector.broadcast(SPECIES, x[xOffset]);
        FloatVector x1 = FloatVector.broadcast(SPECIES, x[xOffset + 1]);
        FloatVector x2 = FloatVector.broadcast(SPECIES, x[xOffset + 2]);
        FloatVector floor = FloatVector.broadcast(SPECIES, FLOOR);
        float rate = exponentRate(kernel);
        int valueOffset = d * stride;
        FloatVector sum = FloatVector.zero(SPECIES);
        HighDimensions.squaredDistances(columns, stride, from, to, x, xOffset, d, scratch);
        for (int j = from; j < to; j += SPECIES.length()) {
            FloatVector e0 = x0.sub(FloatVector.fromArray(SPECIES, columns, j));
            FloatVector e1 = x1.sub(FloatVector.fromArray(SPECIES, columns, stride + j));
            FloatVector e2 = x2.sub(FloatVector.fromArray(SPECIES, columns, 2 * stride + j));
            FloatVector r = e2.fma(e2, e1.fma(e1, e0.mul(e0)))
                    .add(FloatVector.fromArray(SPECIES, scratch, j - from));
            r = r.mul(invSigma2); // r2; below, r = sqrt(max(r2, floor)) unless Gaussian
            if (!gaussian) {
                r = r.blend(floor, r.compare(VectorOperators.LT, floor)).sqrt();
            }
            FloatVector value = energy ? r.neg() : VectorExp.exp2BiasedOrZero(r.fma(rate, -0.5f));
            sum = value.fma(FloatVector.fromArray(SPECIES, columns, valueOffset + j), sum);
        }
        return Lanes.sum(sum.toArray());
    }

    /**
     * Writes {@code sum_j w_j (-s(r2_ij)) (x_i - y_j)_k} over the columns {@code [from, to)} of one
     * layout into {@code partial[k]}, D > 3: {@code scratch} (at least {@code to - from} floats)
     * holds the squared distances over the coordinates past the third, then the weights (see
     * {@link HighDimensions}). One polynomial exponential: keep it so (see {@link VectorExp}).
     */
    private static void gradientPass(float[] columns, int stride, int from, int to, float[] x,
                                     int xOffset, int d, RadialKernel kernel, float invSigma2,
                                     float[] scratch, float[] partial) {
        boolean gaussian = kernel == RadialKernel.GAUSSIAN;
        FloatVector x0 = FloatVector.broadcast(SPECIES, x[xOffset]);
        FloatVector x1 = FloatVector.broadcast(SPECIES, x[xOffset + 1]);
        FloatVector x2 = FloatVector.broadcast(SPECIES, x[xOffset + 2]);
        FloatVector floor = FloatVector.broadcast(SPECIES, FLOOR);
        FloatVector zero = FloatVector.zero(SPECIES);
        float rate = exponentRate(kernel);
        int valueOffset = d * stride;
        FloatVector g0 = zero;
        FloatVector g1 = zero;
        FloatVector g2 = zero;
        HighDimensions.squaredDistances(columns, stride, from, to, x, xOffset, d, scratch);
        for (int j = from; j < to; j += SPECIES.length()) {
            FloatVector e0 = x0.sub(FloatVector.fromArray(SPECIES, columns, j));
            FloatVector e1 = x1.sub(FloatVector.fromArray(SPECIES, columns, stride + j));
            FloatVector e2 = x2.sub(FloatVector.fromArray(SPECIES, columns, 2 * stride + j));
            FloatVector r = e2.fma(e2, e1.fma(e1, e0.mul(e0)))
                    .add(FloatVector.fromArray(SPECIES, scratch, j - from));
            FloatVector r2 = r.mul(invSigma2);
            r = r2; // the Gaussian's exponent is linear in r2, the others' in r = sqrt(max(r2, floor))
            if (!gaussian) {
                r = r2.blend(floor, r2.compare(VectorOperators.LT, floor)).sqrt();
            }
            // -s(r2) = k(r2) for the Gaussian, k(r2) / r for the others (energy: 1 / r), 0 where
            // the clamp is active
            FloatVector weight = VectorExp.exp2BiasedOrZero(r.fma(rate, -0.5f))
                    .mul(FloatVector.fromArray(SPECIES, columns, valueOffset + j));
            if (!gaussian) {
                weight = weight.div(r).blend(zero, r2.compare(VectorOperators.LT, floor));
            }
            g0 = e0.fma(weight, g0);
            g1 = e1.fma(weight, g1);
            g2 = e2.fma(weight, g2);
            weight.intoArray(scratch, j - from); // the squared distance there is no longer needed
        }
        partial[0] = (float) Lanes.sum(g0.toArray());
        partial[1] = (float) Lanes.sum(g1.toArray());
        partial[2] = (float) Lanes.sum(g2.toArray());
        HighDimensions.weightedDifferences(columns, stride, from, to, x, xOffset, d, scratch,
                partial);
    }

    /**
     * The factor of the base-2 exponent: per unit of r2 for the Gaussian, of r for the Laplacian, and
     * 0 for the energy kernel, whose gradient uses {@code 2^0 = 1}.
     */
    private static float exponentRate(RadialKernel kernel) {
        return switch (kernel) {
            case GAUSSIAN -> -0.5f * LOG2_E;
            case LAPLACIAN -> -LOG2_E;
            case ENERGY -> 0f;
        };
    }
}
