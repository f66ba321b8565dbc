package org.geomloss.sinkhorn;

/**
 * One direction of a Sinkhorn problem: the soft C-transform from a source cloud (M points, index j)
 * to a target cloud (N points, index i),
 * <pre>  softmin_eps(h)_i = -eps * log sum_j exp(h_j - C_ij / eps)</pre>
 * GeomLoss's {@code softmin} functions. Strategies differ in how they store or stream {@code C}:
 * a dense matrix (tensorized), on-the-fly costs between points (online), block-sparse costs between
 * sorted clusters (multiscale), separable convolutions (grids).
 *
 * <p>Implementations are safe for use by one loop at a time.
 */
public interface SoftminOperator {

    /** N: the length of the output. */
    int targetCount();

    /** M: the length of {@code h}. */
    int sourceCount();

    /**
     * Announces the potentials of the next reduction: {@code h = l + source/eps}, and
     * {@code target} on the targets (null before the first iteration), at least the current
     * potential, so that the plan of each pair is at most
     * {@code exp((target_i + source_j - C_ij)/eps)}, and near a fixed point at least the soft-min
     * the reduction gives: {@link SymmetricSinkhorn} announces its potential {@code f}, and on
     * unbalanced problems, where a fixed point's potential is the damped soft-min
     * {@code lambda S}, {@code max(f, f / lambda)} ({@link SymmetricSinkhorn#rowBound}). Truncated
     * operators use them to choose the pairs they visit; the default ignores them.
     */
    default void adapt(double eps, double[] target, double[] source) {
    }

    /** Writes {@code softmin_eps(h)} into {@code out} (length N). */
    void softmin(double eps, double[] h, double[] out);

    /**
     * Writes {@code sum_j P_ij grad_1 C(x_i, y_j)} into {@code out} (row-major N x D), with
     * {@code P_ij = exp(h_j - C_ij/eps + softmin_i/eps)} and {@code softmin} the output of
     * {@link #softmin} on the same {@code eps} and {@code h}. This is the derivative of the soft-min
     * with respect to the target points.
     *
     * @throws UnsupportedOperationException if the cost has no known gradient (a raw cost matrix)
     */
    default void softminGradient(double eps, double[] h, double[] softmin, double[] out) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " has no point coordinates: gradients need a cost between points");
    }
}
