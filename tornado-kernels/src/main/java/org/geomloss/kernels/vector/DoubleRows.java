package org.geomloss.kernels.vector;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.RadialKernel;

/**
 * The row loops of the float64 vector kernels ({@link DoubleVectorPointKernels}): one row at a time,
 * columns across the lanes, the kept column ranges cut into chunks of {@link #CHUNK} columns. A chunk
 * is reduced in two stages: the first computes each column's term from the differences
 * {@code x_i - y_j} (never the dot-product expansion) into a scratch array, the second reduces the
 * scratch array (the soft-min's log-sum-exp about the chunk's maximum, or the per-axis sums
 * {@code sum_j t_j (x_ik - y_jk)} of the gradients). Chunks combine in float64 in column order, and
 * every sum of lanes is taken in lane order ({@link #sumLanes}), so the results depend neither on the
 * thread count nor on the JIT tier.
 *
 * <p>Each method writes rows {@code [rowStarts[block], rowStarts[block + 1])} of {@code out} only;
 * {@code scratch} holds {@code CHUNK + lanes} doubles owned by the calling thread.
 */
final class DoubleRows {

    /** Columns per chunk: the scratch array stays in the L1 cache. */
    static final int CHUNK = 512;

    private static final VectorSpecies<Double> SPECIES = DoubleExp.SPECIES;
    private static final int LANES = DoubleExp.LANES;

    private DoubleRows() {
    }

    /** A new scratch array for one thread. */
    static double[] scratch() {
        return new double[CHUNK + LANES];
    }

    /** Soft-min {@code -eps log sum_j exp(h_j - c_ij / eps)} of the rows of row block {@code block}. */
    static void softmin(GroundCost cost, double[] x, DoubleColumns y, double eps,
                        BlockSparsity blocks, int block, double[] scratch, double[] out) {
        int d = y.dimension();
        double invEps = 1.0 / eps;
        for (int i = blocks.rowStarts()[block]; i < blocks.rowStarts()[block + 1]; i++) {
            double rowMax = Double.NEGATIVE_INFINITY;
            double total = 0.0;
            for (int r = blocks.rangeOffsets()[block]; r < blocks.rangeOffsets()[block + 1]; r++) {
                int to = blocks.columnRanges()[2 * r + 1];
                for (int from = blocks.columnRanges()[2 * r]; from < to; from += CHUNK) {
                    int count = Math.min(CHUNK, to - from);
                    double max = exponents(cost, x, i * d, y, from, count, invEps, 0.0, scratch);
                    if (max == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    DoubleVector sum = DoubleVector.zero(SPECIES);
                    for (int t = 0; t < count; t += LANES) {
                        sum = sum.add(DoubleExp.exp(
                                DoubleVector.fromArray(SPECIES, scratch, t).sub(max)));
                    }
                    double chunkSum = sumLanes(sum);
                    if (max > rowMax) {
                        total = total * Math.exp(rowMax - max) + chunkSum;
                        rowMax = max;
                    } else {
                        total += chunkSum * Math.exp(max - rowMax);
                    }
                }
            }
            out[i] = rowMax == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY
                    : -eps * (rowMax + Math.log(total));
        }
    }

    /**
     * Soft-max-weighted cost gradients {@code sum_j exp(h_j - c_ij/eps + s_i/eps) grad_1 c(x_i, y_j)}
     * of the rows of row block {@code block}.
     */
    static void softminGradient(GroundCost cost, double[] x, DoubleColumns y, double eps,
                                double[] softmin, BlockSparsity blocks, int block,
                                double[] scratch, double[] out) {
        int d = y.dimension();
        double invEps = 1.0 / eps;
        boolean euclidean = cost == GroundCost.EUCLIDEAN;
        for (int i = blocks.rowStarts()[block]; i < blocks.rowStarts()[block + 1]; i++) {
            Arrays.fill(out, i * d, (i + 1) * d, 0.0);
            for (int r = blocks.rangeOffsets()[block]; r < blocks.rangeOffsets()[block + 1]; r++) {
                int to = blocks.columnRanges()[2 * r + 1];
                for (int from = blocks.columnRanges()[2 * r]; from < to; from += CHUNK) {
                    int count = Math.min(CHUNK, to - from);
                    exponents(cost, x, i * d, y, from, count, invEps, softmin[i] * invEps, scratch);
                    for (int t = 0; t < count; t += LANES) {
                        DoubleVector weight = DoubleExp.exp(DoubleVector.fromArray(SPECIES, scratch, t));
                        if (euclidean) {
                            weight = weight.mul(inverseDistances(x, i * d, y, from + t));
                        }
                        weight.intoArray(scratch, t);
                    }
                    addWeightedDifferences(x, i * d, y, from, count, scratch, out);
                }
            }
        }
    }

    /** Kernel sums {@code sum_j w_j k(|x_i - y_j|^2 / sigma^2)} of rows {@code [rowFrom, rowTo)}. */
    static void kernelSum(RadialKernel kernel, double sigma, double[] x, DoubleColumns y, int m,
                          int rowFrom, int rowTo, double[] out) {
        int d = y.dimension();
        double invSigma2 = 1.0 / (sigma * sigma);
        for (int i = rowFrom; i < rowTo; i++) {
            DoubleVector sum = DoubleVector.zero(SPECIES);
            for (int j = 0; j < m; j += LANES) {
                DoubleVector r2 = squaredDistances(x, i * d, y, j).mul(invSigma2);
                DoubleVector value = switch (kernel) {
                    case GAUSSIAN -> DoubleExp.exp(r2.mul(-0.5));
                    case LAPLACIAN -> DoubleExp.exp(clampedDistances(r2).neg());
                    case ENERGY -> clampedDistances(r2).neg();
                };
                sum = value.fma(DoubleVector.fromArray(SPECIES, y.values(), j), sum);
            }
            out[i] = sumLanes(sum);
        }
    }

    /** Kernel-sum gradients {@code sum_j w_j grad_1 k} of rows {@code [rowFrom, rowTo)}. */
    static void kernelGradient(RadialKernel kernel, double sigma, double[] x, DoubleColumns y,
                               int m, int rowFrom, int rowTo, double[] scratch, double[] out) {
        int d = y.dimension();
        double invSigma2 = 1.0 / (sigma * sigma);
        double floor = GroundCost.SQUARED_DISTANCE_FLOOR;
        for (int i = rowFrom; i < rowTo; i++) {
            Arrays.fill(out, i * d, (i + 1) * d, 0.0);
            for (int from = 0; from < m; from += CHUNK) {
                int count = Math.min(CHUNK, m - from);
                for (int t = 0; t < count; t += LANES) {
                    DoubleVector r2 = squaredDistances(x, i * d, y, from + t).mul(invSigma2);
                    DoubleVector factor = switch (kernel) {
                        case GAUSSIAN -> DoubleExp.exp(r2.mul(-0.5)).neg();
                        case LAPLACIAN -> {
                            DoubleVector r = clampedDistances(r2);
                            yield DoubleExp.exp(r.neg()).div(r).neg()
                                    .blend(0.0, r2.compare(VectorOperators.LT, floor));
                        }
                        case ENERGY -> DoubleVector.broadcast(SPECIES, -1.0)
                                .div(clampedDistances(r2))
                                .blend(0.0, r2.compare(VectorOperators.LT, floor));
                    };
                    factor.mul(DoubleVector.fromArray(SPECIES, y.values(), from + t)).mul(invSigma2)
                            .intoArray(scratch, t);
                }
                Arrays.fill(scratch, count, count + LANES, 0.0);
                addWeightedDifferences(x, i * d, y, from, count, scratch, out);
            }
        }
    }

    /**
     * Writes {@code shift + h_j - c(x_i, y_j) / eps} for the columns {@code [from, from + count)}
     * into {@code scratch[0 .. count)}, {@code -infinity} into the rest of the last vector, and
     * returns their maximum.
     */
    private static double exponents(GroundCost cost, double[] x, int xOffset, DoubleColumns y,
                                    int from, int count, double invEps, double shift,
                                    double[] scratch) {
        boolean euclidean = cost == GroundCost.EUCLIDEAN;
        double coefficient = euclidean ? invEps : 0.5 * invEps;
        DoubleVector max = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
        for (int t = 0; t < count; t += LANES) {
            DoubleVector c = squaredDistances(x, xOffset, y, from + t);
            if (euclidean) {
                c = clampedDistances(c);
            }
            DoubleVector s = c.fma(DoubleVector.broadcast(SPECIES, -coefficient),
                    DoubleVector.fromArray(SPECIES, y.values(), from + t).add(shift));
            if (t + LANES > count) {
                s = s.blend(Double.NEGATIVE_INFINITY, SPECIES.indexInRange(t, count).not());
            }
            s.intoArray(scratch, t);
            max = max.max(s);
        }
        return max.reduceLanes(VectorOperators.MAX);
    }

    /** {@code |x_i - y_j|^2} for the columns {@code [j, j + lanes)}. */
    private static DoubleVector squaredDistances(double[] x, int xOffset, DoubleColumns y, int j) {
        DoubleVector sum = DoubleVector.zero(SPECIES);
        for (int k = 0; k < y.dimension(); k++) {
            DoubleVector diff = DoubleVector.broadcast(SPECIES, x[xOffset + k])
                    .sub(DoubleVector.fromArray(SPECIES, y.coords(), k * y.stride() + j));
            sum = diff.fma(diff, sum);
        }
        return sum;
    }

    /** {@code sqrt(max(r2, 1e-8))}: GeomLoss's clamped distance. */
    private static DoubleVector clampedDistances(DoubleVector r2) {
        return r2.max(GroundCost.SQUARED_DISTANCE_FLOOR).sqrt();
    }

    /** {@code 1 / |x_i - y_j|} for the columns {@code [j, j + lanes)}, 0 where the clamp is active. */
    private static DoubleVector inverseDistances(double[] x, int xOffset, DoubleColumns y, int j) {
        DoubleVector r2 = squaredDistances(x, xOffset, y, j);
        return DoubleVector.broadcast(SPECIES, 1.0).div(r2.sqrt())
                .blend(0.0, r2.compare(VectorOperators.LT, GroundCost.SQUARED_DISTANCE_FLOOR));
    }

    /**
     * Adds {@code sum_t scratch[t] (x_ik - y_(from+t)k)} to {@code out[xOffset + k]} for every axis
     * {@code k}; {@code scratch} past {@code count} must be 0 up to the next multiple of the lanes.
     */
    private static void addWeightedDifferences(double[] x, int xOffset, DoubleColumns y, int from,
                                               int count, double[] scratch, double[] out) {
        for (int k = 0; k < y.dimension(); k++) {
            DoubleVector xk = DoubleVector.broadcast(SPECIES, x[xOffset + k]);
            DoubleVector sum = DoubleVector.zero(SPECIES);
            for (int t = 0; t < count; t += LANES) {
                DoubleVector diff = xk.sub(
                        DoubleVector.fromArray(SPECIES, y.coords(), k * y.stride() + from + t));
                sum = diff.fma(DoubleVector.fromArray(SPECIES, scratch, t), sum);
            }
            out[xOffset + k] += sumLanes(sum);
        }
    }

    /** The lanes of {@code v} added in lane order (see {@link Lanes}). */
    private static double sumLanes(DoubleVector v) {
        double sum = 0.0;
        for (double lane : v.toArray()) {
            sum += lane;
        }
        return sum;
    }
}
