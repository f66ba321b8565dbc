package org.geomloss.kernels.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;
import org.geomloss.kernels.BlockSparsity;

/**
 * The soft-max-weighted cost gradient {@code out_i = sum_j P_ij (x_i - y_j)} of the p = 2 cost with
 * {@code P_ij = exp(h_j - c_ij / eps + s_i / eps)}, given the soft-min {@code s}, with one row per
 * lane as in {@link LaneSoftmin}, where {@link LaneOperands} applies: a pass takes one vector of rows
 * and broadcasts each kept column's record.
 *
 * <p>In base 2, {@code P_ij = 2^(t_ij + shift_i)} with the direct-form exponent {@code t_ij} of
 * {@link LaneSoftmin#exponent} and {@code shift_i = log2(e) s_i / eps}. Each lane takes the integer
 * reference {@code ref_i = ceil(-shift_i)}, sums {@code G_i = sum_j w_ij (x_i - y_j)} with
 * {@code w_ij = 2^(t_ij - ref_i + 1/2)} ({@link VectorExp#exp2Referenced}, exponents clamped to
 * {@code [-126, 63]} around the reference, so a soft-min inconsistent with {@code h} gives large but
 * finite weights), reusing the differences of the exponent, and multiplies once at the end:
 * {@code out_i = 2^(shift_i + ref_i - 1/2) G_i}. The columns are summed as in {@link LaneSoftmin}:
 * chunk after chunk of kept columns ({@link ColumnChunks}), each over every pass of the block, runs
 * of at most {@link LaneSoftmin#RUN} columns in float accumulators of their own, the runs of a chunk
 * in float, chunks in double. Rows with no kept column, or whose soft-min is infinite, get a
 * zero gradient. Stateless and thread-safe.
 */
final class LaneSoftminGradient {

    private static final VectorSpecies<Float> SPECIES = VectorExp.SPECIES;
    private static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);
    private static final int ROWS = VectorExp.LANES;
    private static final int MAX_SHIFTED_BITS = Float.floatToIntBits(VectorExp.roundingConstant(-63f));
    private static final double LOG2_E = 1.0 / Math.log(2.0);

    private LaneSoftminGradient() {
    }

    /** Gradients of the rows of row block {@code block}, row-major N x D in {@code out}. */
    static void rows(LaneOperands operands, double eps, double[] softmin, BlockSparsity blocks,
                     int block, double[] out) {
        int first = blocks.rowStarts()[block];
        int end = blocks.rowStarts()[block + 1];
        int d = operands.dimension();
        Arrays.fill(out, first * d, end * d, 0.0);
        ColumnChunks chunks = ColumnChunks.of(operands, blocks, block);
        if (chunks.columnCount() == 0) {
            return;
        }
        int passes = (end - first + ROWS - 1) / ROWS;
        float scale = operands.exponentScale();
        // pass q: coordinate k of lane l at lanes[(3 q + k) ROWS + l] and totals[(3 q + k) ROWS + l],
        // reference and factor at q ROWS + l
        float[] lanes = new float[3 * ROWS * passes];
        float[] ref = new float[ROWS * passes];
        double[] factor = new double[ROWS * passes];
        double[] totals = new double[3 * ROWS * passes];
        float[] sums = new float[3 * ROWS];
        for (int q = 0; q < passes; q++) {
            int g = first + q * ROWS;
            int count = Math.min(ROWS, end - g);
            operands.loadLanes(g, count, lanes, 3 * ROWS * q);
            for (int l = 0; l < ROWS; l++) {
                int i = g + Math.min(l, count - 1);
                double shift = Double.isInfinite(softmin[i]) ? 0.0 : LOG2_E * softmin[i] / eps;
                ref[ROWS * q + l] = (float) Math.ceil(-shift);
                factor[ROWS * q + l] = Math.pow(2.0, shift + ref[ROWS * q + l] - 0.5);
            }
        }
        for (int c = 0; c < chunks.chunkCount(); c++) {
            for (int q = 0; q < passes; q++) {
                chunk(chunks.records(), chunks.chunkFrom(c), chunks.chunkTo(c), d, scale, lanes,
                        3 * ROWS * q, ref, ROWS * q, sums);
                for (int k = 0; k < sums.length; k++) {
                    totals[3 * ROWS * q + k] += sums[k];
                }
            }
        }
        for (int i = first; i < end; i++) {
            if (Double.isInfinite(softmin[i])) {
                continue;
            }
            int q = (i - first) / ROWS;
            int l = (i - first) % ROWS;
            for (int k = 0; k < d; k++) {
                out[i * d + k] = factor[ROWS * q + l] * totals[(3 * q + k) * ROWS + l];
            }
        }
    }

    /**
     * Per lane, {@code sums[k ROWS + l] = G_k} over the records {@code [from, to)} (see above), for
     * the rows in {@code lanes} from {@code lanesAt} and the references from {@code refAt}. One
     * polynomial exponential: keep it so (see {@link VectorExp}).
     */
    private static void chunk(float[] records, int from, int to, int d, float exponentScale,
                              float[] lanes, int lanesAt, float[] ref, int refAt, float[] sums) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, lanes, lanesAt);
        FloatVector x1 = FloatVector.fromArray(SPECIES, lanes, lanesAt + ROWS);
        FloatVector x2 = FloatVector.fromArray(SPECIES, lanes, lanesAt + 2 * ROWS);
        FloatVector scale = FloatVector.broadcast(SPECIES, exponentScale);
        FloatVector magic = FloatVector.fromArray(SPECIES, ref, refAt).neg()
                .add(VectorExp.roundingConstant(0f));
        IntVector low = IntVector.broadcast(INT_SPECIES, VectorExp.MIN_SHIFTED_BITS);
        IntVector high = IntVector.broadcast(INT_SPECIES, MAX_SHIFTED_BITS);
        FloatVector c0 = VectorExp.coefficient(0);
        FloatVector c1 = VectorExp.coefficient(1);
        FloatVector c2 = VectorExp.coefficient(2);
        FloatVector c3 = VectorExp.coefficient(3);
        FloatVector c4 = VectorExp.coefficient(4);
        FloatVector c5 = VectorExp.coefficient(5);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector chunk0 = zero;
        FloatVector chunk1 = zero;
        FloatVector chunk2 = zero;
        for (int runStart = from; runStart < to; runStart += LaneSoftmin.RUN) {
            FloatVector g0 = zero;
            FloatVector g1 = zero;
            FloatVector g2 = zero;
            int runEnd = Math.min(to, runStart + LaneSoftmin.RUN);
            for (int j = runStart; j < runEnd; j++) {
                int o = LaneOperands.RECORD * j;
                FloatVector v = FloatVector.broadcast(SPECIES, records[o]);
                FloatVector e0 = x0.sub(FloatVector.broadcast(SPECIES, records[o + 1]));
                FloatVector e1 = zero;
                FloatVector e2 = zero;
                FloatVector squared = e0.mul(e0);
                if (d > 1) { // the tests on d are loop-invariant
                    e1 = x1.sub(FloatVector.broadcast(SPECIES, records[o + 2]));
                    squared = e1.fma(e1, squared);
                }
                if (d > 2) {
                    e2 = x2.sub(FloatVector.broadcast(SPECIES, records[o + 3]));
                    squared = e2.fma(e2, squared);
                }
                FloatVector t = squared.fma(scale, v);
                FloatVector shifted = t.add(magic);
                IntVector bits = shifted.reinterpretAsInts().max(low).min(high);
                FloatVector w = VectorExp.exp2Referenced(t, shifted, bits, magic,
                        c0, c1, c2, c3, c4, c5);
                g0 = w.fma(e0, g0);
                if (d > 1) {
                    g1 = w.fma(e1, g1);
                }
                if (d > 2) {
                    g2 = w.fma(e2, g2);
                }
            }
            chunk0 = chunk0.add(g0);
            chunk1 = chunk1.add(g1);
            chunk2 = chunk2.add(g2);
        }
        chunk0.intoArray(sums, 0);
        chunk1.intoArray(sums, ROWS);
        chunk2.intoArray(sums, 2 * ROWS);
    }
}
