package org.geomloss.multiscale;

/**
 * The margin of kernel truncation ({@link KernelTruncation}): a pair is skipped only when its
 * {@code f_i + g_j - C_ij} is at most {@code -truncate * eps_ref}, a plan density below
 * {@code exp(-truncate eps_ref / eps)}; each row's skipped mass is certified against a budget on
 * top of it ({@link KernelTruncation}).
 * <ul>
 *   <li>{@link #atJump}: {@code eps_ref} is a fixed temperature, GeomLoss's coarse-to-fine jump
 *       {@code eps_J} (the two-scale plan);</li>
 *   <li>{@link #relative}: {@code eps_ref} is the temperature of each reduction (the pyramid), so
 *       that the kept set shrinks with the temperature.</li>
 * </ul>
 *
 * @param truncate   the threshold in units of {@code eps_ref}, {@code >= 0}
 * @param jumpEps    the fixed {@code eps_ref}, or {@code NaN} for the temperature of each reduction
 */
record TruncationMargin(double truncate, double jumpEps) {

    /** Checks the threshold. */
    TruncationMargin {
        if (!(truncate >= 0) || Double.isInfinite(truncate)) {
            throw new IllegalArgumentException("truncate must be >= 0 and finite, got " + truncate);
        }
    }

    /** {@code truncate * eps_J} at every temperature. */
    static TruncationMargin atJump(double truncate, double jumpEps) {
        return new TruncationMargin(truncate, jumpEps);
    }

    /** {@code truncate * eps} at temperature {@code eps}. */
    static TruncationMargin relative(double truncate) {
        return new TruncationMargin(truncate, Double.NaN);
    }

    /** The margin of a reduction at temperature {@code eps}. */
    double at(double eps) {
        return truncate * (Double.isNaN(jumpEps) ? eps : jumpEps);
    }
}
