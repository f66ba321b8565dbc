package org.geomloss.kernels.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.geomloss.kernels.BlockSparsity;

/**
 * The p = 2 soft-min {@code out_i = -eps log sum_j exp(h_j - |x_i - y_j|^2 / (2 eps))} with one row
 * per lane, where {@link LaneOperands} applies: a
 * pass takes {@link #ROWS} rows (one vector of rows, {@code x_i} in registers) and runs over the
 * kept columns, broadcasting each column's 16-byte record {@code {log2(e) h_j, y_j}}
 * ({@link LaneOperands}) to every lane, so the loop needs no lane reduction and four scalar loads
 * per column for {@code ROWS} pairs.
 *
 * <p><b>Log-sum-exp.</b> Each lane has an integer reference {@code ref_i}, first the rounded-up
 * maximum of its exponents over the first 64 kept columns; a term is {@code 2^(t_ij - ref_i + 1/2)}
 * ({@link VectorExp#exp2Referenced}, with {@code ref_i} folded into the rounding constant, and
 * exponents below {@code ref_i - 126} clamped there). The kept columns are cut into runs of at most
 * {@link #RUN} columns, grouped into chunks of {@link #CHUNK_RUNS} runs ({@link ColumnChunks}); each
 * lane sums every piece of a run (a kept range within the run) in a float accumulator of its own,
 * then the pieces of a chunk in float; the loop also keeps the largest rounded
 * {@code t_ij - ref_i} of each lane (one integer max of the rounding sum's bits). After a chunk, a
 * lane whose largest term exceeded {@code 2^64} raises its reference to that exponent, rescales its
 * double total exactly, and the chunk runs again; otherwise the chunk sums join the double totals.
 * Since the first reference is the exponent of an actual term, a row's largest term is at least
 * {@code 2^-1}, the clamp and the float sums lose nothing that matters, and no sum can overflow.
 * Every choice depends on the rows of the pass only, so results do not depend on the thread count.
 *
 * <p><b>Accuracy.</b> The exponents are taken in the direct form (see {@link LaneOperands}), rounded
 * at the size of {@code |h_j|} and {@code c_ij / eps}; each lane adds at most {@link #RUN} terms in
 * one float accumulator, chunks in double, always in the same order.
 *
 * <p>Rows with no kept column give {@code +infinity}. Stateless and thread-safe.
 */
final class LaneSoftmin {

    /**
     * Most columns a lane sums in one float accumulator ("run"): the runs of a chunk are then added in
     * float, chunks in double. Shorter runs round less (the soft-min's error on the unit cube at
     * eps = 0.01 was 1.6e-7 eps with a single run of 256 columns, 7e-8 eps with runs of 128, 6e-8 with
     * 64) and cost more: each run is an inner loop of its own.
     */
    static final int RUN = 128;

    /** Runs between two overflow checks: a chunk of 256 columns. */
    static final int CHUNK_RUNS = 2;

    private static final VectorSpecies<Float> SPECIES = VectorExp.SPECIES;
    private static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);
    /** Rows per pass: one vector. */
    static final int ROWS = VectorExp.LANES;

    private static final int ESTIMATE_COLUMNS = 64;
    private static final int MAX_OFFSET_BITS = Float.floatToIntBits(VectorExp.roundingConstant(-64f));
    private static final double LN_2 = Math.log(2.0);

    private LaneSoftmin() {
    }

    /** Soft-min of the rows of row block {@code block}. */
    static void rows(LaneOperands operands, double eps, BlockSparsity blocks, int block,
                     double[] out) {
        int first = blocks.rowStarts()[block];
        int end = blocks.rowStarts()[block + 1];
        ColumnChunks runs = ColumnChunks.of(blocks, block, operands.columns(), RUN);
        if (runs.chunkCount() == 0) {
            Arrays.fill(out, first, end, Double.POSITIVE_INFINITY);
            return;
        }
        Pass pass = new Pass(operands);
        for (int g = first; g < end; g += ROWS) {
            int count = Math.min(ROWS, end - g);
            pass.load(g, count);
            pass.estimate(runs);
            pass.run(runs);
            for (int l = 0; l < count; l++) {
                int i = g + l;
                out[i] = -eps * (LN_2 * (pass.ref[l] - 0.5) + Math.log(pass.totals[l]));
            }
        }
    }

    /** The state of one pass over {@link #ROWS} rows, in arrays: no vector crosses a call. */
    private static final class Pass {
        final LaneOperands operands;
        final int d;
        /** Coordinate k of lane l at {@code k * ROWS + l}; missing coordinates are 0. */
        final float[] lanes = new float[3 * ROWS];
        final float[] ref = new float[ROWS];
        final float[] sums = new float[ROWS];
        final int[] maxBits = new int[ROWS];
        final double[] totals = new double[ROWS];

        Pass(LaneOperands operands) {
            this.operands = operands;
            this.d = operands.dimension();
        }

        /** Loads rows {@code [g, g + count)}; the lanes past {@code count} repeat the last row. */
        void load(int g, int count) {
            operands.loadLanes(g, count, lanes);
        }

        /** Sets each lane's reference to its rounded-up largest exponent over the first columns. */
        void estimate(ColumnChunks runs) {
            int from = runs.firstColumn();
            int to = from + Math.min(ESTIMATE_COLUMNS, runs.firstPieceLength());
            LaneSoftmin.estimate(operands.records(), from, to, d, operands.exponentScale(), lanes,
                    ref);
            for (int l = 0; l < ROWS; l++) {
                ref[l] = (float) Math.ceil(ref[l]);
            }
        }

        /**
         * Sums every chunk of {@link #CHUNK_RUNS} runs into {@link #totals}, raising references where
         * a chunk overflowed.
         */
        void run(ColumnChunks runs) {
            Arrays.fill(totals, 0.0);
            for (int c = 0; c < runs.chunkCount(); c += CHUNK_RUNS) {
                int last = Math.min(runs.chunkCount(), c + CHUNK_RUNS);
                boolean again = true;
                while (again) {
                    chunk(operands.records(), runs, c, last, d, operands.exponentScale(), lanes, ref,
                            sums, maxBits);
                    again = false;
                    for (int l = 0; l < ROWS; l++) {
                        if (maxBits[l] > MAX_OFFSET_BITS) {
                            float raised = ref[l]
                                    + VectorExp.roundedOffset(Float.intBitsToFloat(maxBits[l]));
                            totals[l] = Math.scalb(totals[l], (int) (ref[l] - raised));
                            ref[l] = raised;
                            again = true;
                        }
                    }
                }
                for (int l = 0; l < ROWS; l++) {
                    totals[l] += sums[l];
                }
            }
        }
    }

    /** {@code ref[l] = max_j t_lj} over the columns {@code [from, to)} (at least one column). */
    private static void estimate(float[] records, int from, int to, int d, float exponentScale,
                                 float[] lanes, float[] ref) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, lanes, 0);
        FloatVector x1 = FloatVector.fromArray(SPECIES, lanes, ROWS);
        FloatVector x2 = FloatVector.fromArray(SPECIES, lanes, 2 * ROWS);
        FloatVector scale = FloatVector.broadcast(SPECIES, exponentScale);
        FloatVector max = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (int j = from; j < to; j++) {
            int o = LaneOperands.RECORD * j;
            FloatVector b = FloatVector.broadcast(SPECIES, records[o]);
            FloatVector y0 = FloatVector.broadcast(SPECIES, records[o + 1]);
            FloatVector y1 = FloatVector.broadcast(SPECIES, records[o + 2]);
            FloatVector y2 = FloatVector.broadcast(SPECIES, records[o + 3]);
            FloatVector t = exponent(x0, x1, x2, b, y0, y1, y2, scale, d);
            max = max.blend(t, t.compare(VectorOperators.GT, max));
        }
        max.intoArray(ref, 0);
    }

    /**
     * Per lane, {@code sums[l] = sum_j 2^(t_lj - ref[l] + 1/2)} over the runs {@code [runFrom, runTo)}
     * (each piece, at most a run long, in its own float accumulator, then the pieces in float) and
     * {@code maxBits[l]} the bits of the largest {@code rint(t_lj - ref[l]) + roundingConstant(0)}.
     * One polynomial exponential: keep it so (see {@link VectorExp}).
     */
    private static void chunk(float[] records, ColumnChunks runs, int runFrom, int runTo, int d,
                              float exponentScale, float[] lanes, float[] ref, float[] sums,
                              int[] maxBits) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, lanes, 0);
        FloatVector x1 = FloatVector.fromArray(SPECIES, lanes, ROWS);
        FloatVector x2 = FloatVector.fromArray(SPECIES, lanes, 2 * ROWS);
        FloatVector scale = FloatVector.broadcast(SPECIES, exponentScale);
        FloatVector reference = FloatVector.fromArray(SPECIES, ref, 0);
        IntVector low = IntVector.broadcast(INT_SPECIES, VectorExp.MIN_SHIFTED_BITS);
        FloatVector magic = reference.neg().add(VectorExp.roundingConstant(0f));
        FloatVector c0 = VectorExp.coefficient(0);
        FloatVector c1 = VectorExp.coefficient(1);
        FloatVector c2 = VectorExp.coefficient(2);
        FloatVector c3 = VectorExp.coefficient(3);
        FloatVector c4 = VectorExp.coefficient(4);
        FloatVector c5 = VectorExp.coefficient(5);
        FloatVector zero = FloatVector.zero(SPECIES);
        IntVector max = zero.reinterpretAsInts();
        FloatVector chunkSum = zero;
        int[] bounds = runs.bounds();
        for (int p = runs.firstPiece(runFrom); p < runs.firstPiece(runTo); p++) {
            FloatVector sum = zero;
            int to = bounds[2 * p + 1];
            for (int j = bounds[2 * p]; j < to; j++) {
                int o = LaneOperands.RECORD * j;
                FloatVector v = FloatVector.broadcast(SPECIES, records[o]);
                FloatVector y0 = FloatVector.broadcast(SPECIES, records[o + 1]);
                FloatVector y1 = FloatVector.broadcast(SPECIES, records[o + 2]);
                FloatVector y2 = FloatVector.broadcast(SPECIES, records[o + 3]);
                FloatVector t = exponent(x0, x1, x2, v, y0, y1, y2, scale, d);
                FloatVector shifted = t.add(magic);
                IntVector bits = shifted.reinterpretAsInts();
                max = max.max(bits);
                sum = sum.add(VectorExp.exp2Referenced(t, shifted, bits.max(low), magic,
                        c0, c1, c2, c3, c4, c5));
            }
            chunkSum = chunkSum.add(sum);
        }
        chunkSum.intoArray(sums, 0);
        max.intoArray(maxBits, 0);
    }

    /**
     * The base-2 exponent {@code t = v + scale |x - y|^2} of one column for the rows of one vector
     * (direct form: the differences first, the squared norm with FMAs, then one FMA). The tests on
     * {@code d} are loop-invariant.
     */
    static FloatVector exponent(FloatVector x0, FloatVector x1, FloatVector x2, FloatVector v,
                                FloatVector y0, FloatVector y1, FloatVector y2, FloatVector scale,
                                int d) {
        FloatVector e0 = x0.sub(y0);
        FloatVector squared = e0.mul(e0);
        if (d > 1) {
            FloatVector e1 = x1.sub(y1);
            squared = e1.fma(e1, squared);
        }
        if (d > 2) {
            FloatVector e2 = x2.sub(y2);
            squared = e2.fma(e2, squared);
        }
        return squared.fma(scale, v);
    }
}
