package org.geomloss.kernels;

/**
 * Kernels over regular grids, the building blocks of separable operators: each method transforms
 * the <em>last</em> (contiguous) axis of a row-major array and writes the result with that axis moved
 * to the <em>front</em>. Applying one such pass per axis, {@code d} passes in all, visits every axis
 * once and leaves the array in its original axis order, while every pass reads contiguous rows.
 *
 * <p>Layout: the input is {@code lines} rows of {@code sourceLength} values,
 * {@code in[line * sourceLength + s]}; the output is {@code targetLength} rows of {@code lines}
 * values, {@code out[t * lines + line]}. For a 2D image {@code [height][width]}, a pass along the
 * width gives {@code [width'][height]}, and a second pass along the height gives
 * {@code [height'][width']}.
 *
 * <p>Each method has one data-parallel outer loop over blocks of lines (run on the
 * {@link ComputePool}), explicit output arrays and no allocation inside the loop: the shape a
 * TornadoVM task can wrap. Results do not depend on the number of threads. Inputs and outputs must
 * be distinct arrays.
 */
public final class GridKernels {

    /**
     * Terms of a log-sum-exp more than this far below the maximum are skipped: each weighs less than
     * {@code exp(-40) = 4e-18} relative to the largest one, so a row of a thousand cells loses at
     * most {@code 4e-15} relatively, far below the float32-level accuracy the library promises.
     */
    public static final double NEGLIGIBLE_LOG_RATIO = 40.0;

    /**
     * Largest cost range, in units of {@code eps}, over which a block is summed with the factorised
     * kernel: {@code exp(-700)} is still a normal double, so no factor underflows to 0 or overflows.
     */
    public static final double MAX_BLOCK_LOG_RANGE = 700.0;

    private static final double LN_2 = Math.log(2.0);

    /** Aim for about this many (target, source) pairs per parallel block. */
    private static final long PAIRS_PER_BLOCK = 1L << 16;

    private GridKernels() {
    }

    /**
     * The log-domain convolution along the last axis:
     * <pre>  out[t * lines + l] = log sum_s exp(in[l * S + s] - c(t, s) * invEps)</pre>
     * with {@code c} the {@code table}'s costs, exact up to {@link #NEGLIGIBLE_LOG_RATIO}. The
     * sources are cut into blocks ({@link AxisCostTable}); with {@code H_b} the largest input of
     * block {@code b} and {@code m_tb} its smallest cost to target {@code t}, the block's terms are
     * bounded by {@code U_tb = H_b - m_tb * invEps}, and
     * <pre>  log sum_{s in b} exp(in_s - c_ts invEps) = U_tb + log sum_{s in b} exp(in_s - H_b) exp(-(c_ts - m_tb) invEps)</pre>
     * where both factors are at most 1: the first is computed once per source cell
     * ({@code scaled}), the second once per temperature ({@code kernel}), so a block costs one dot
     * product and one exp instead of an exp per cell. Blocks whose cost range exceeds
     * {@link #MAX_BLOCK_LOG_RANGE}{@code * eps} (where a factor could underflow) are summed term by
     * term with their own maximum. Blocks are combined by an online log-sum-exp, starting from the
     * block of largest bound; blocks whose bound is {@link #NEGLIGIBLE_LOG_RATIO} below the running
     * result are skipped, so at a small temperature each output visits only the blocks near it. A
     * row whose inputs are all {@code -infinity} gives {@code -infinity}.
     *
     * @param in          {@code lines * S} log-values, {@code S = table.sourceLength()}
     * @param lines       number of independent rows
     * @param table       the costs between target and source cells, with block bounds
     * @param kernel      {@link AxisCostTable#fillKernel} at {@code invEps}
     * @param invEps      {@code 1 / eps}
     * @param blockMaxima workspace of at least {@code lines * table.blockCount()} entries
     * @param scaled      workspace of at least {@code lines * S} entries
     * @param out         {@code table.targetLength() * lines} results, transposed as described above
     */
    public static void logSumExpAlongLastAxis(double[] in, int lines, AxisCostTable table,
                                              double[] kernel, double invEps,
                                              double[] blockMaxima, double[] scaled,
                                              double[] out) {
        int linesPerBlock = linesPerBlock(lines,
                (long) table.sourceLength() * table.targetLength());
        int blocks = (lines + linesPerBlock - 1) / linesPerBlock;
        ComputePool.forEachBlock(blocks, block -> {
            int end = Math.min(lines, (block + 1) * linesPerBlock);
            for (int line = block * linesPerBlock; line < end; line++) {
                logSumExpLine(in, line, table, kernel, invEps, blockMaxima, scaled, out, lines);
            }
        });
    }

    /**
     * Linear interpolation along the last axis, with two taps per target:
     * <pre>  out[t * lines + l] = (1 - w_t) in[l * S + i_t] + w_t in[l * S + min(i_t + 1, S - 1)]</pre>
     *
     * @param in           {@code lines * sourceLength} values
     * @param lines        number of independent rows
     * @param sourceLength S, the length of each input row
     * @param lowerIndex   {@code i_t} for each target, in {@code [0, S)}
     * @param upperWeight  {@code w_t} for each target, in {@code [0, 1]}
     * @param out          {@code lowerIndex.length * lines} results, transposed
     */
    public static void interpolateAlongLastAxis(double[] in, int lines, int sourceLength,
                                                int[] lowerIndex, double[] upperWeight,
                                                double[] out) {
        int targetLength = lowerIndex.length;
        int linesPerBlock = linesPerBlock(lines, targetLength);
        int blocks = (lines + linesPerBlock - 1) / linesPerBlock;
        ComputePool.forEachBlock(blocks, block -> {
            int end = Math.min(lines, (block + 1) * linesPerBlock);
            for (int line = block * linesPerBlock; line < end; line++) {
                int base = line * sourceLength;
                for (int t = 0; t < targetLength; t++) {
                    int lower = lowerIndex[t];
                    int upper = Math.min(lower + 1, sourceLength - 1);
                    double w = upperWeight[t];
                    out[t * lines + line] = (1.0 - w) * in[base + lower] + w * in[base + upper];
                }
            }
        });
    }

    /**
     * Sums of consecutive pairs along the last axis, the 2-to-1 coarsening of a mass pyramid:
     * <pre>  out[t * lines + l] = in[l * S + 2t] + in[l * S + 2t + 1]</pre>
     * for {@code t < ceil(S / 2)}, the second term being 0 past the end of an odd row. Total mass is
     * preserved exactly up to rounding.
     *
     * @param in           {@code lines * sourceLength} values
     * @param lines        number of independent rows
     * @param sourceLength S, the length of each input row
     * @param out          {@code ceil(S / 2) * lines} results, transposed
     */
    public static void sumPairsAlongLastAxis(double[] in, int lines, int sourceLength,
                                             double[] out) {
        int targetLength = (sourceLength + 1) / 2;
        int linesPerBlock = linesPerBlock(lines, sourceLength);
        int blocks = (lines + linesPerBlock - 1) / linesPerBlock;
        ComputePool.forEachBlock(blocks, block -> {
            int end = Math.min(lines, (block + 1) * linesPerBlock);
            for (int line = block * linesPerBlock; line < end; line++) {
                int base = line * sourceLength;
                for (int t = 0; t < targetLength; t++) {
                    int s = 2 * t;
                    double pair = in[base + s] + (s + 1 < sourceLength ? in[base + s + 1] : 0.0);
                    out[t * lines + line] = pair;
                }
            }
        });
    }

    /** One row of {@link #logSumExpAlongLastAxis}: all targets of line {@code line}. */
    private static void logSumExpLine(double[] in, int line, AxisCostTable table, double[] kernel,
                                      double invEps, double[] blockMaxima, double[] scaled,
                                      double[] out, int lines) {
        int sourceLength = table.sourceLength();
        int blockLength = table.blockLength();
        int blockCount = table.blockCount();
        double[] minCosts = table.blockMinCosts();
        int base = line * sourceLength;
        int maxima = line * blockCount;
        for (int b = 0; b < blockCount; b++) {
            int end = Math.min(sourceLength, (b + 1) * blockLength);
            double max = Double.NEGATIVE_INFINITY;
            for (int s = b * blockLength; s < end; s++) {
                max = Math.max(max, in[base + s]);
            }
            blockMaxima[maxima + b] = max;
            for (int s = b * blockLength; s < end; s++) {
                scaled[base + s] = max == Double.NEGATIVE_INFINITY ? 0.0 : Math.exp(in[base + s] - max);
            }
        }
        for (int t = 0; t < table.targetLength(); t++) {
            int bounds = t * blockCount;
            int first = 0;
            double firstBound = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < blockCount; b++) {
                double bound = blockMaxima[maxima + b] - minCosts[bounds + b] * invEps;
                if (bound > firstBound) {
                    firstBound = bound;
                    first = b;
                }
            }
            // the running result is reference + log(sum); the first block's dot product enters
            // without a logarithm, its binary exponent giving a lower bound for the threshold
            double reference;
            double sum;
            double threshold;
            int firstCell = bounds + first;
            if ((table.blockMaxCosts()[firstCell] - minCosts[firstCell]) * invEps
                    < MAX_BLOCK_LOG_RANGE) {
                sum = blockDot(base, table, kernel, t, first, scaled);
                reference = firstBound;
                threshold = firstBound + (Math.getExponent(sum) - 1) * LN_2 - NEGLIGIBLE_LOG_RATIO;
            } else {
                reference = blockLog(in, base, table, kernel, invEps, firstBound, t, first,
                        scaled);
                sum = 1.0;
                threshold = reference - NEGLIGIBLE_LOG_RATIO;
            }
            for (int b = 0; b < blockCount; b++) {
                double bound = blockMaxima[maxima + b] - minCosts[bounds + b] * invEps;
                if (b == first || !(bound > threshold)) {
                    continue;
                }
                // the block adds scale * exp(level): level is its bound and scale its dot product
                // (at most its length, at least exp(-700)), or its exact log-sum-exp and 1
                double level = bound;
                double scale;
                int cell = bounds + b;
                if ((table.blockMaxCosts()[cell] - minCosts[cell]) * invEps < MAX_BLOCK_LOG_RANGE) {
                    scale = blockDot(base, table, kernel, t, b, scaled);
                } else {
                    level = blockLog(in, base, table, kernel, invEps, bound, t, b, scaled);
                    scale = 1.0;
                }
                if (level <= reference) {
                    sum += scale * Math.exp(level - reference);
                } else {
                    sum = sum * Math.exp(reference - level) + scale;
                    reference = level;
                }
            }
            out[t * lines + line] = reference == Double.NEGATIVE_INFINITY ? reference
                    : reference + Math.log(sum);
        }
    }

    /** {@code sum_{s in block b} scaled_s kernel_ts = exp(-bound) sum_{s in b} exp(in_s - c_ts invEps)}. */
    private static double blockDot(int base, AxisCostTable table, double[] kernel, int t, int b,
                                   double[] scaled) {
        int start = b * table.blockLength();
        int end = Math.min(table.sourceLength(), start + table.blockLength());
        int row = t * table.sourceLength();
        double dot = 0.0;
        for (int s = start; s < end; s++) {
            dot += scaled[base + s] * kernel[row + s];
        }
        return dot;
    }

    /** {@code log sum_{s in block b} exp(in_s - c_ts invEps)}, given the block's bound. */
    private static double blockLog(double[] in, int base, AxisCostTable table, double[] kernel,
                                   double invEps, double bound, int t, int b, double[] scaled) {
        int sourceLength = table.sourceLength();
        int start = b * table.blockLength();
        int end = Math.min(sourceLength, start + table.blockLength());
        int row = t * sourceLength;
        int cell = t * table.blockCount() + b;
        if ((table.blockMaxCosts()[cell] - table.blockMinCosts()[cell]) * invEps
                < MAX_BLOCK_LOG_RANGE) {
            return bound + Math.log(blockDot(base, table, kernel, t, b, scaled));
        }
        double[] costs = table.costs();
        double max = Double.NEGATIVE_INFINITY;
        for (int s = start; s < end; s++) {
            max = Math.max(max, in[base + s] - costs[row + s] * invEps);
        }
        double sum = 0.0;
        for (int s = start; s < end; s++) {
            double v = in[base + s] - costs[row + s] * invEps - max;
            if (v > -NEGLIGIBLE_LOG_RATIO) {
                sum += Math.exp(v);
            }
        }
        return max + Math.log(sum);
    }

    private static int linesPerBlock(int lines, long workPerLine) {
        long perBlock = Math.max(1L, PAIRS_PER_BLOCK / Math.max(1L, workPerLine));
        return (int) Math.min(Math.max(1, lines), perBlock);
    }
}
