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
 * per column for {@code ROWS} pairs. The kept columns of a row block are consecutive records
 * ({@link ColumnChunks}: the block's kept ranges copied one after the other when it keeps several)
 * cut into chunks of {@link ColumnChunks#LENGTH}, and every pass of the block runs over a chunk
 * before the next chunk.
 *
 * <p><b>Log-sum-exp.</b> Each lane has an integer reference {@code ref_i}, first the rounded-up
 * maximum of its exponents over some kept columns; a term is {@code 2^(t_ij - ref_i + 1/2)}
 * ({@link VectorExp#exp2Referenced}, with {@code ref_i} folded into the rounding constant, and
 * exponents below {@code ref_i - 126} clamped there). Each lane sums a chunk's runs of at most
 * {@link #RUN} columns in float accumulators of their own, the runs of a chunk in float; the loop
 * also keeps the largest rounded offset {@code rint(t_ij - ref_i)} of each lane (one integer max of
 * the rounding sum's bits). A lane whose offset exceeds a bound after a chunk (whose float sums
 * could overflow) raises its reference by that offset, scales its double total to it exactly, and
 * the chunk runs again. Two policies, chosen by the block's ranges:
 * <ul>
 *   <li>a block that keeps one range (the dense structure among them) takes its first references
 *       over its first {@link #FIRST_COLUMNS} kept columns and runs a chunk again above
 *       {@code 2^}{@value #FIRST_MAX_OFFSET}, as the dense kernel always did (dense results keep
 *       their bits);</li>
 *   <li>a block that keeps several ranges (the multiscale backend's: a ball of kept columns around
 *       the block, whose first columns are on its edge, far from the rows at small eps) takes them
 *       over {@link #SAMPLE_COLUMNS} kept columns spread evenly over the block (read from its copy
 *       of the kept columns, without a cache miss), raises a lane's reference by every positive
 *       offset after each chunk, scaling its total and the chunk's sum exactly (branch-free: a zero
 *       offset scales by 1), and runs a chunk again only above {@code 2^}{@value #MAX_OFFSET}.</li>
 * </ul>
 * Since every reference is the exponent of an actual term, a row's largest term is at least
 * {@code 2^-1}, the clamp and the float sums lose nothing that matters, and no sum can overflow.
 * Every choice depends on the rows of the pass and the block's kept columns only, so results do not
 * depend on the thread count, nor on which other blocks a structure holds.
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

    private static final VectorSpecies<Float> SPECIES = VectorExp.SPECIES;
    private static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);
    /** Rows per pass: one vector. */
    static final int ROWS = VectorExp.LANES;

    /**
     * Kept columns the first references of a block with several ranges are taken over, spread over
     * the block's kept columns.
     */
    static final int SAMPLE_COLUMNS = 16;

    /** Kept columns the first references of a block with one range are taken over: its first. */
    static final int FIRST_COLUMNS = 64;

    /** Largest exponent of a term, above the reference, whose chunk a one-range block keeps. */
    static final int FIRST_MAX_OFFSET = 64;

    /**
     * Largest exponent of a term, above the reference, whose chunk is kept: 256 terms of at most
     * {@code 2^(MAX_OFFSET + 1)} sum far below float's largest value.
     */
    static final int MAX_OFFSET = 96;

    private static final int MAX_OFFSET_BITS =
            Float.floatToIntBits(VectorExp.roundingConstant(-MAX_OFFSET));
    private static final int FIRST_MAX_OFFSET_BITS =
            Float.floatToIntBits(VectorExp.roundingConstant(-FIRST_MAX_OFFSET));
    private static final int ZERO_OFFSET_BITS = Float.floatToIntBits(VectorExp.roundingConstant(0f));
    private static final double LN_2 = Math.log(2.0);

    private LaneSoftmin() {
    }

    /** Soft-min of the rows of row block {@code block}. */
    static void rows(LaneOperands operands, double eps, BlockSparsity blocks, int block,
                     double[] out) {
        int first = blocks.rowStarts()[block];
        int end = blocks.rowStarts()[block + 1];
        ColumnChunks chunks = ColumnChunks.of(operands, blocks, block);
        if (chunks.columnCount() == 0) {
            Arrays.fill(out, first, end, Double.POSITIVE_INFINITY);
            return;
        }
        int passes = (end - first + ROWS - 1) / ROWS;
        int d = operands.dimension();
        float scale = operands.exponentScale();
        // pass q: coordinate k of lane l at lanes[(3 q + k) ROWS + l], reference and total at q ROWS + l
        float[] lanes = new float[3 * ROWS * passes];
        float[] ref = new float[ROWS * passes];
        double[] totals = new double[ROWS * passes];
        float[] sums = new float[ROWS];
        int[] maxBits = new int[ROWS];
        boolean copied = chunks.copied();
        int estimateFrom = chunks.start();
        int estimateTo = estimateFrom + (copied ? chunks.columnCount()
                : Math.min(FIRST_COLUMNS, chunks.columnCount()));
        int estimateStride = copied ? Math.max(1, chunks.columnCount() / SAMPLE_COLUMNS) : 1;
        int redoBits = copied ? MAX_OFFSET_BITS : FIRST_MAX_OFFSET_BITS;
        int lazy = copied ? -1 : 0; // the mask of the offsets raised after every chunk
        for (int q = 0; q < passes; q++) {
            int g = first + q * ROWS;
            operands.loadLanes(g, Math.min(ROWS, end - g), lanes, 3 * ROWS * q);
            estimate(chunks.records(), estimateFrom, estimateTo, estimateStride, d, scale, lanes,
                    3 * ROWS * q, ref, ROWS * q);
        }
        for (int c = 0; c < chunks.chunkCount(); c++) {
            for (int q = 0; q < passes; q++) {
                int at = ROWS * q;
                while (chunk(chunks.records(), chunks.chunkFrom(c), chunks.chunkTo(c), d, scale,
                        lanes, 3 * ROWS * q, ref, at, redoBits, sums, maxBits)) {
                    for (int l = 0; l < ROWS; l++) {
                        if (maxBits[l] > redoBits) {
                            raise(l, at, ref, totals, 0f, maxBits[l] - ZERO_OFFSET_BITS);
                        }
                    }
                }
                for (int l = 0; l < ROWS; l++) { // raise(l, ...) by the positive offsets, if lazy
                    int offset = Math.max(0, maxBits[l] - ZERO_OFFSET_BITS) & lazy;
                    totals[at + l] = (totals[at + l] + sums[l]) * twoToMinus(offset);
                    ref[at + l] += offset;
                }
            }
        }
        for (int i = first; i < end; i++) {
            int k = i - first;
            out[i] = -eps * (LN_2 * (ref[k] - 0.5) + Math.log(totals[k]));
        }
    }

    /**
     * Raises the reference of lane {@code l} (at {@code at + l}) by {@code offset}, to the largest
     * exponent of the last chunk, {@code ref + rint(t_max - ref)}, and adds {@code sum} (the chunk's
     * sum at the old reference) to its total, both scaled to the new reference exactly. The offset
     * may exceed {@code 1022} (a first reference sampled thousands of binary orders below the row's
     * largest term, as at eps = 1e-4 on the unit cube), hence {@link Math#scalb}.
     */
    private static void raise(int l, int at, float[] ref, double[] totals, float sum,
                              int offset) {
        totals[at + l] = Math.scalb(totals[at + l] + sum, -offset);
        ref[at + l] += offset;
    }

    /** {@code 2^-n} for {@code 0 <= n <= 1022}, exactly, from its bits. */
    private static double twoToMinus(int n) {
        return Double.longBitsToDouble((long) (Double.MAX_EXPONENT - n) << 52);
    }

    /**
     * {@code ref[refAt + l] = ceil(max t_lj)} over the records {@code from + stride / 2 + k stride}
     * below {@code to} (at least one), for the rows in {@code lanes} from {@code lanesAt}.
     */
    private static void estimate(float[] records, int from, int to, int stride, int d,
                                 float exponentScale, float[] lanes, int lanesAt, float[] ref,
                                 int refAt) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, lanes, lanesAt);
        FloatVector x1 = FloatVector.fromArray(SPECIES, lanes, lanesAt + ROWS);
        FloatVector x2 = FloatVector.fromArray(SPECIES, lanes, lanesAt + 2 * ROWS);
        FloatVector scale = FloatVector.broadcast(SPECIES, exponentScale);
        FloatVector max = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (int j = from + stride / 2; j < to; j += stride) {
            int o = LaneOperands.RECORD * j;
            FloatVector b = FloatVector.broadcast(SPECIES, records[o]);
            FloatVector y0 = FloatVector.broadcast(SPECIES, records[o + 1]);
            FloatVector y1 = FloatVector.broadcast(SPECIES, records[o + 2]);
            FloatVector y2 = FloatVector.broadcast(SPECIES, records[o + 3]);
            FloatVector t = exponent(x0, x1, x2, b, y0, y1, y2, scale, d);
            max = max.max(t);
        }
        max.intoArray(ref, refAt);
        for (int l = 0; l < ROWS; l++) {
            ref[refAt + l] = (float) Math.ceil(ref[refAt + l]);
        }
    }

    /**
     * Per lane, {@code sums[l] = sum_j 2^(t_lj - ref[refAt + l] + 1/2)} over the records
     * {@code [from, to)} (runs of at most {@link #RUN} columns in float accumulators of their own,
     * then the runs in float) and {@code maxBits[l]} the bits of the largest
     * {@code rint(t_lj - ref[refAt + l]) + roundingConstant(0)}; returns whether a lane's largest
     * bits exceed {@code redoBits} (and the chunk must run again). One polynomial exponential: keep it
     * so (see {@link VectorExp}).
     */
    private static boolean chunk(float[] records, int from, int to, int d, float exponentScale,
                                 float[] lanes, int lanesAt, float[] ref, int refAt, int redoBits,
                                 float[] sums, int[] maxBits) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, lanes, lanesAt);
        FloatVector x1 = FloatVector.fromArray(SPECIES, lanes, lanesAt + ROWS);
        FloatVector x2 = FloatVector.fromArray(SPECIES, lanes, lanesAt + 2 * ROWS);
        FloatVector scale = FloatVector.broadcast(SPECIES, exponentScale);
        FloatVector reference = FloatVector.fromArray(SPECIES, ref, refAt);
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
        for (int runStart = from; runStart < to; runStart += RUN) {
            FloatVector sum = zero;
            int runEnd = Math.min(to, runStart + RUN);
            for (int j = runStart; j < runEnd; j++) {
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
        return max.compare(VectorOperators.GT, redoBits).anyTrue();
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
