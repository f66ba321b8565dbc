package org.geomloss.kernels;

/**
 * The cost between the cells of two 1D grids, {@code costs[t * sourceLength + s] = c(u_t, v_s)}, cut
 * into blocks of consecutive source cells with, for every target, the smallest cost to each block.
 * {@link GridKernels#logSumExpAlongLastAxis} uses the block minima to bound whole blocks and skip
 * those whose terms are negligible, which makes a log-domain convolution at a small temperature
 * nearly linear in the length instead of quadratic, with no approximation beyond
 * {@link GridKernels#NEGLIGIBLE_LOG_RATIO}.
 *
 * <p>Immutable; the arrays are not copied and must not be changed.
 *
 * @param costs          {@code targetLength * sourceLength} costs, row-major
 * @param targetLength   T, the number of target cells
 * @param sourceLength   S, the number of source cells
 * @param blockLength    source cells per block (the last block may be shorter)
 * @param blockMinCosts  {@code targetLength * blockCount()} smallest cost from each target to each
 *                       block
 * @param blockMaxCosts  {@code targetLength * blockCount()} largest cost from each target to each
 *                       block
 */
public record AxisCostTable(double[] costs, int targetLength, int sourceLength, int blockLength,
                            double[] blockMinCosts, double[] blockMaxCosts) {

    /** Checks the array lengths. */
    public AxisCostTable {
        if (targetLength < 1 || sourceLength < 1 || blockLength < 1
                || costs.length != targetLength * sourceLength
                || blockMinCosts.length != targetLength * ((sourceLength + blockLength - 1)
                / blockLength) || blockMaxCosts.length != blockMinCosts.length) {
            throw new IllegalArgumentException("inconsistent axis cost table: " + targetLength
                    + " x " + sourceLength + " costs of length " + costs.length + ", blocks of "
                    + blockLength);
        }
    }

    /**
     * Wraps a cost table with blocks of about {@code sqrt(sourceLength)} cells, which balances the
     * per-block bound checks against the cells scanned in the kept blocks.
     */
    public static AxisCostTable of(double[] costs, int targetLength, int sourceLength) {
        int blockLength = Math.max(4, (int) Math.round(Math.sqrt(sourceLength)));
        int blocks = (sourceLength + blockLength - 1) / blockLength;
        double[] minima = new double[targetLength * blocks];
        double[] maxima = new double[targetLength * blocks];
        for (int t = 0; t < targetLength; t++) {
            for (int b = 0; b < blocks; b++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int s = b * blockLength; s < Math.min(sourceLength, (b + 1) * blockLength);
                        s++) {
                    min = Math.min(min, costs[t * sourceLength + s]);
                    max = Math.max(max, costs[t * sourceLength + s]);
                }
                minima[t * blocks + b] = min;
                maxima[t * blocks + b] = max;
            }
        }
        return new AxisCostTable(costs, targetLength, sourceLength, blockLength, minima, maxima);
    }

    /**
     * Fills {@code kernel[t * S + s] = exp(-(c(t, s) - min over the block of s of c(t, .)) * invEps)},
     * the block-relative Gibbs kernel {@link GridKernels#logSumExpAlongLastAxis} multiplies by;
     * entries of blocks whose cost range exceeds {@link GridKernels#MAX_BLOCK_LOG_RANGE}
     * {@code * eps} may underflow and are not used.
     *
     * @param invEps {@code 1 / eps}
     * @param kernel {@code targetLength * sourceLength} outputs
     */
    public void fillKernel(double invEps, double[] kernel) {
        int blocks = blockCount();
        for (int t = 0; t < targetLength; t++) {
            for (int s = 0; s < sourceLength; s++) {
                double min = blockMinCosts[t * blocks + s / blockLength];
                kernel[t * sourceLength + s] = Math.exp(-(costs[t * sourceLength + s] - min) * invEps);
            }
        }
    }

    /** Number of source blocks. */
    public int blockCount() {
        return (sourceLength + blockLength - 1) / blockLength;
    }
}
