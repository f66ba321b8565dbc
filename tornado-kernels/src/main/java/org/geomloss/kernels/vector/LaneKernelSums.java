package org.geomloss.kernels.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.RadialKernel;

/**
 * Kernel sums {@code out_i = sum_j w_j k(r2_ij)} and their gradients
 * {@code out_i = sum_j w_j s(r2_ij) (x_i - y_j) / sigma^2}, with
 * {@code r2_ij = |x_i - y_j|^2 / sigma^2} and {@code k}, {@code s} as in {@link RadialKernel}, in
 * dimension D <= 3 with one row per lane, as {@link LaneSoftmin}: a pass holds one vector of rows
 * {@code x_i} in registers and runs over the columns, broadcasting each column's 16-byte record
 * {@code {w_j, y_j}} ({@link LaneOperands#kernelSum}) to every lane, so the loop needs no lane
 * reduction. Per pair: the differences {@code x_i - y_j} (direct form), {@code |x_i - y_j|^2} with
 * FMAs, then
 *
 * <ul>
 *   <li>Gaussian: {@code k = exp(-r2 / 2)} (one exponential), gradient weight {@code w_j k};</li>
 *   <li>Laplacian: {@code r = sqrt(max(r2, 1e-8))}, {@code k = exp(-r)}, gradient weight
 *       {@code w_j k / r};</li>
 *   <li>energy: {@code k = -r} (no exponential), gradient weight {@code w_j / r};</li>
 * </ul>
 * the gradient weights are 0 where the clamp {@code r2 < 1e-8} is active
 * ({@link GroundCost#SQUARED_DISTANCE_FLOOR}), and the gradient is
 * {@code -(1 / sigma^2) sum_j weight_ij (x_i - y_j)}. Each kernel has its own loop (one form, at most
 * one exponential per loop, see {@link VectorExp}). Exponentials underflow to exactly 0 below
 * {@code 2^-125.5}, like the double-precision reference up to float range.
 *
 * <p>Summation order, as in {@link LaneSoftmin}: each lane adds its row's terms column after column
 * in a float accumulator per run of {@link LaneSoftmin#RUN} columns, the runs of a chunk of
 * {@link ColumnChunks#LENGTH} columns in float, and the chunks in double, always in the same order:
 * results do not depend on the thread count, on the row's lane, or on the JIT tier. Stateless and
 * thread-safe.
 */
final class LaneKernelSums {

    private static final VectorSpecies<Float> SPECIES = VectorExp.SPECIES;
    private static final int ROWS = VectorExp.LANES;
    /** Columns per call of a loop: runs whose sums join in float. */
    private static final int CHUNK = ColumnChunks.LENGTH;
    private static final int RUN = LaneSoftmin.RUN;
    private static final float LOG2_E = (float) (1.0 / Math.log(2.0));
    private static final float FLOOR = (float) GroundCost.SQUARED_DISTANCE_FLOOR;

    private LaneKernelSums() {
    }

    /** Kernel sums of the rows of row block {@code block} (dense: every column). */
    static void sumRows(RadialKernel kernel, double sigma, LaneOperands operands,
                        BlockSparsity blocks, int block, double[] out) {
        int first = blocks.rowStarts()[block];
        int end = blocks.rowStarts()[block + 1];
        int d = operands.dimension();
        int m = operands.columns();
        float[] records = operands.records();
        float invSigma2 = (float) (1.0 / (sigma * sigma));
        float[] lanes = new float[3 * ROWS];
        float[] sums = new float[ROWS];
        double[] totals = new double[ROWS];
        for (int g = first; g < end; g += ROWS) {
            int count = Math.min(ROWS, end - g);
            operands.loadLanes(g, count, lanes, 0);
            Arrays.fill(totals, 0.0);
            for (int from = 0; from < m; from += CHUNK) {
                int to = Math.min(m, from + CHUNK);
                switch (kernel) {
                    case GAUSSIAN -> gaussianSums(records, from, to, d, lanes,
                            -0.5f * LOG2_E * invSigma2, sums);
                    case LAPLACIAN -> laplacianSums(records, from, to, d, lanes, invSigma2, sums);
                    case ENERGY -> distanceSums(records, from, to, d, lanes, invSigma2, sums);
                }
                for (int l = 0; l < ROWS; l++) {
                    totals[l] += sums[l];
                }
            }
            for (int l = 0; l < count; l++) {
                out[g + l] = kernel == RadialKernel.ENERGY ? -totals[l] : totals[l];
            }
        }
    }

    /** Kernel-sum gradients of the rows of row block {@code block}, row-major {@code N x D}. */
    static void gradientRows(RadialKernel kernel, double sigma, LaneOperands operands,
                             BlockSparsity blocks, int block, double[] out) {
        int first = blocks.rowStarts()[block];
        int end = blocks.rowStarts()[block + 1];
        int d = operands.dimension();
        int m = operands.columns();
        float[] records = operands.records();
        double invSigma2 = 1.0 / (sigma * sigma);
        float[] lanes = new float[3 * ROWS];
        float[] sums = new float[3 * ROWS];
        double[] totals = new double[3 * ROWS];
        for (int g = first; g < end; g += ROWS) {
            int count = Math.min(ROWS, end - g);
            operands.loadLanes(g, count, lanes, 0);
            Arrays.fill(totals, 0.0);
            for (int from = 0; from < m; from += CHUNK) {
                int to = Math.min(m, from + CHUNK);
                switch (kernel) {
                    case GAUSSIAN -> gaussianGradients(records, from, to, d, lanes,
                            (float) (-0.5 * LOG2_E * invSigma2), sums);
                    case LAPLACIAN -> laplacianGradients(records, from, to, d, lanes,
                            (float) invSigma2, sums);
                    case ENERGY -> energyGradients(records, from, to, d, lanes, (float) invSigma2,
                            sums);
                }
                for (int k = 0; k < sums.length; k++) {
                    totals[k] += sums[k];
                }
            }
            for (int l = 0; l < count; l++) {
                for (int k = 0; k < d; k++) {
                    out[(g + l) * d + k] = -invSigma2 * totals[k * ROWS + l];
                }
            }
        }
    }

    /**
     * Per lane, {@code sums[l] = sum_j w_j 2^(rate |x_l - y_j|^2)} over the columns
     * {@code [from, to)}, {@code rate = -log2(e) / (2 sigma^2)}. One polynomial exponential.
     */
    private static void gaussianSums(float[] records, int from, int to, int d, float[] lanes,
                                     float rate, float[] sums) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, lanes, 0);
        FloatVector x1 = FloatVector.fromArray(SPECIES, lanes, ROWS);
        FloatVector x2 = FloatVector.fromArray(SPECIES, lanes, 2 * ROWS);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector chunkSum = zero;
        for (int run = from; run < to; run += RUN) {
            int runEnd = Math.min(to, run + RUN);
            FloatVector sum = zero;
            for (int j = run; j < runEnd; j++) {
                int o = LaneOperands.RECORD * j;
                FloatVector squared = squaredDistance(x0, x1, x2, records, o, d);
                FloatVector value = VectorExp.exp2BiasedOrZero(squared.fma(rate, -0.5f));
                sum = value.fma(FloatVector.broadcast(SPECIES, records[o]), sum);
            }
            chunkSum = chunkSum.add(sum);
        }
        chunkSum.intoArray(sums, 0);
    }

    /**
     * Per lane, {@code sums[l] = sum_j w_j exp(-sqrt(max(r2_lj, 1e-8)))} over the columns
     * {@code [from, to)}. One polynomial exponential.
     */
    private static void laplacianSums(float[] records, int from, int to, int d, float[] lanes,
                                      float invSigma2, float[] sums) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, lanes, 0);
        FloatVector x1 = FloatVector.fromArray(SPECIES, lanes, ROWS);
        FloatVector x2 = FloatVector.fromArray(SPECIES, lanes, 2 * ROWS);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector chunkSum = zero;
        for (int run = from; run < to; run += RUN) {
            int runEnd = Math.min(to, run + RUN);
            FloatVector sum = zero;
            for (int j = run; j < runEnd; j++) {
                int o = LaneOperands.RECORD * j;
                FloatVector r2 = squaredDistance(x0, x1, x2, records, o, d).mul(invSigma2);
                FloatVector value = VectorExp.exp2BiasedOrZero(clampedRoot(r2).fma(-LOG2_E, -0.5f));
                sum = value.fma(FloatVector.broadcast(SPECIES, records[o]), sum);
            }
            chunkSum = chunkSum.add(sum);
        }
        chunkSum.intoArray(sums, 0);
    }

    /**
     * Per lane, {@code sums[l] = sum_j w_j sqrt(max(r2_lj, 1e-8))} over the columns
     * {@code [from, to)}: minus the energy kernel's sum.
     */
    private static void distanceSums(float[] records, int from, int to, int d, float[] lanes,
                                     float invSigma2, float[] sums) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, lanes, 0);
        FloatVector x1 = FloatVector.fromArray(SPECIES, lanes, ROWS);
        FloatVector x2 = FloatVector.fromArray(SPECIES, lanes, 2 * ROWS);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector chunkSum = zero;
        for (int run = from; run < to; run += RUN) {
            int runEnd = Math.min(to, run + RUN);
            FloatVector sum = zero;
            for (int j = run; j < runEnd; j++) {
                int o = LaneOperands.RECORD * j;
                FloatVector r2 = squaredDistance(x0, x1, x2, records, o, d).mul(invSigma2);
                sum = clampedRoot(r2).fma(FloatVector.broadcast(SPECIES, records[o]), sum);
            }
            chunkSum = chunkSum.add(sum);
        }
        chunkSum.intoArray(sums, 0);
    }

    /**
     * Per lane, {@code sums[k ROWS + l] = sum_j w_j 2^(rate |e|^2) e_k} with {@code e = x_l - y_j}
     * over the columns {@code [from, to)}. One polynomial exponential.
     */
    private static void gaussianGradients(float[] records, int from, int to, int d, float[] lanes,
                                          float rate, float[] sums) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, lanes, 0);
        FloatVector x1 = FloatVector.fromArray(SPECIES, lanes, ROWS);
        FloatVector x2 = FloatVector.fromArray(SPECIES, lanes, 2 * ROWS);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector chunk0 = zero;
        FloatVector chunk1 = zero;
        FloatVector chunk2 = zero;
        for (int run = from; run < to; run += RUN) {
            int runEnd = Math.min(to, run + RUN);
            FloatVector g0 = zero;
            FloatVector g1 = zero;
            FloatVector g2 = zero;
            for (int j = run; j < runEnd; j++) {
                int o = LaneOperands.RECORD * j;
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
                FloatVector weight = VectorExp.exp2BiasedOrZero(squared.fma(rate, -0.5f))
                        .mul(FloatVector.broadcast(SPECIES, records[o]));
                g0 = weight.fma(e0, g0);
                if (d > 1) {
                    g1 = weight.fma(e1, g1);
                }
                if (d > 2) {
                    g2 = weight.fma(e2, g2);
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

    /**
     * Per lane, {@code sums[k ROWS + l] = sum_j w_j exp(-r) / r e_k} with {@code e = x_l - y_j},
     * {@code r = sqrt(max(r2_lj, 1e-8))}, 0 where the clamp is active, over the columns
     * {@code [from, to)}. One polynomial exponential.
     */
    private static void laplacianGradients(float[] records, int from, int to, int d,
                                           float[] lanes, float invSigma2, float[] sums) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, lanes, 0);
        FloatVector x1 = FloatVector.fromArray(SPECIES, lanes, ROWS);
        FloatVector x2 = FloatVector.fromArray(SPECIES, lanes, 2 * ROWS);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector chunk0 = zero;
        FloatVector chunk1 = zero;
        FloatVector chunk2 = zero;
        for (int run = from; run < to; run += RUN) {
            int runEnd = Math.min(to, run + RUN);
            FloatVector g0 = zero;
            FloatVector g1 = zero;
            FloatVector g2 = zero;
            for (int j = run; j < runEnd; j++) {
                int o = LaneOperands.RECORD * j;
                FloatVector e0 = x0.sub(FloatVector.broadcast(SPECIES, records[o + 1]));
                FloatVector e1 = zero;
                FloatVector e2 = zero;
                FloatVector squared = e0.mul(e0);
                if (d > 1) {
                    e1 = x1.sub(FloatVector.broadcast(SPECIES, records[o + 2]));
                    squared = e1.fma(e1, squared);
                }
                if (d > 2) {
                    e2 = x2.sub(FloatVector.broadcast(SPECIES, records[o + 3]));
                    squared = e2.fma(e2, squared);
                }
                FloatVector r2 = squared.mul(invSigma2);
                FloatVector r = clampedRoot(r2);
                FloatVector weight = VectorExp.exp2BiasedOrZero(r.fma(-LOG2_E, -0.5f))
                        .mul(FloatVector.broadcast(SPECIES, records[o])).div(r)
                        .blend(zero, r2.compare(VectorOperators.LT, FLOOR));
                g0 = weight.fma(e0, g0);
                if (d > 1) {
                    g1 = weight.fma(e1, g1);
                }
                if (d > 2) {
                    g2 = weight.fma(e2, g2);
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

    /**
     * Per lane, {@code sums[k ROWS + l] = sum_j w_j / r e_k} with {@code e = x_l - y_j},
     * {@code r = sqrt(r2_lj)}, 0 where {@code r2_lj < 1e-8}, over the columns {@code [from, to)}. No
     * exponential.
     */
    private static void energyGradients(float[] records, int from, int to, int d, float[] lanes,
                                        float invSigma2, float[] sums) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, lanes, 0);
        FloatVector x1 = FloatVector.fromArray(SPECIES, lanes, ROWS);
        FloatVector x2 = FloatVector.fromArray(SPECIES, lanes, 2 * ROWS);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector chunk0 = zero;
        FloatVector chunk1 = zero;
        FloatVector chunk2 = zero;
        for (int run = from; run < to; run += RUN) {
            int runEnd = Math.min(to, run + RUN);
            FloatVector g0 = zero;
            FloatVector g1 = zero;
            FloatVector g2 = zero;
            for (int j = run; j < runEnd; j++) {
                int o = LaneOperands.RECORD * j;
                FloatVector e0 = x0.sub(FloatVector.broadcast(SPECIES, records[o + 1]));
                FloatVector e1 = zero;
                FloatVector e2 = zero;
                FloatVector squared = e0.mul(e0);
                if (d > 1) {
                    e1 = x1.sub(FloatVector.broadcast(SPECIES, records[o + 2]));
                    squared = e1.fma(e1, squared);
                }
                if (d > 2) {
                    e2 = x2.sub(FloatVector.broadcast(SPECIES, records[o + 3]));
                    squared = e2.fma(e2, squared);
                }
                FloatVector r2 = squared.mul(invSigma2);
                FloatVector weight = FloatVector.broadcast(SPECIES, records[o]).div(clampedRoot(r2))
                        .blend(zero, r2.compare(VectorOperators.LT, FLOOR));
                g0 = weight.fma(e0, g0);
                if (d > 1) {
                    g1 = weight.fma(e1, g1);
                }
                if (d > 2) {
                    g2 = weight.fma(e2, g2);
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

    /**
     * {@code |x - y_j|^2} for the rows of one vector and column record {@code o}. The tests on
     * {@code d} are loop-invariant.
     */
    private static FloatVector squaredDistance(FloatVector x0, FloatVector x1, FloatVector x2,
                                               float[] records, int o, int d) {
        FloatVector e0 = x0.sub(FloatVector.broadcast(SPECIES, records[o + 1]));
        FloatVector squared = e0.mul(e0);
        if (d > 1) {
            FloatVector e1 = x1.sub(FloatVector.broadcast(SPECIES, records[o + 2]));
            squared = e1.fma(e1, squared);
        }
        if (d > 2) {
            FloatVector e2 = x2.sub(FloatVector.broadcast(SPECIES, records[o + 3]));
            squared = e2.fma(e2, squared);
        }
        return squared;
    }

    /** {@code sqrt(max(r2, 1e-8))}, the clamp as a compare and a blend (see {@link VectorExp}). */
    private static FloatVector clampedRoot(FloatVector r2) {
        VectorMask<Float> clamped = r2.compare(VectorOperators.LT, FLOOR);
        return r2.blend(FLOOR, clamped).sqrt();
    }
}
