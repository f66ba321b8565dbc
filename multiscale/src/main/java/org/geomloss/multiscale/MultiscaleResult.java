package org.geomloss.multiscale;

import org.geomloss.kernels.PointArray;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.Refinement;

/**
 * What {@link MultiscaleSinkhorn#solve} returns: the final Sinkhorn step on the points sorted by
 * cluster, and what is needed to read it in the caller's order.
 *
 * <p>The directions of {@link #finalStep()} have the sorted points as targets, so their potentials
 * and {@link FinalStep#gradient} are in sorted order; compute values with {@link #sortedA()} and
 * {@link #sortedB()}, then un-sort per-point arrays with {@link #toOriginalOrderX} and
 * {@link #toOriginalOrderY}.
 *
 * @param finalStep  the final step ({@code F^{ba}, G^{ab}} and, when debiasing, {@code F^{aa}, G^{bb}})
 * @param x          the source cloud clustered and sorted
 * @param y          the target cloud clustered and sorted
 * @param schedule   the temperatures {@code eps_0 .. eps_{L-1}} (GeomLoss's epsilon schedule)
 * @param jumpIndex  J: iterations {@code 0..J} ran on the centroids, {@code J+1..L-1} on the points;
 *                   {@code J = L-1} means the final step itself extrapolated from the centroids
 * @param keptPairs  the fraction of point pairs that the fine soft-mins visited
 * @param refinement how the iterations after the schedule ended, or null when none were asked for
 */
public record MultiscaleResult(FinalStep finalStep, Clustering x, Clustering y, double[] schedule,
                               int jumpIndex, KeptPairs keptPairs, Refinement.Outcome refinement) {

    /**
     * Fractions of the pairs visited by the soft-mins of the final step of each problem, after
     * kernel truncation: 1 when nothing was truncated ({@code truncate = null}); {@code NaN} for the
     * self problems when not debiasing. When the final step extrapolates from the centroids
     * ({@code J = L-1}), the pairs are (point, centroid) pairs.
     *
     * @param xy           OT(alpha, beta), the direction onto x
     * @param xx           OT(alpha, alpha)
     * @param yy           OT(beta, beta)
     * @param visitedPairs the pairs visited by every truncated soft-min onto the points (fine
     *                     iterations and extrapolations, all four directions; 0 when nothing was
     *                     truncated, gradients not counted)
     */
    public record KeptPairs(double xy, double xx, double yy, long visitedPairs) {
    }

    /** The source points in sorted order: the targets of {@code fBA} and {@code fAA}. */
    public PointArray sortedX() {
        return x.points();
    }

    /** The source weights in sorted order. */
    public double[] sortedA() {
        return x.weights();
    }

    /** {@code sorted index -> original index} for the source cloud. */
    public int[] xPermutation() {
        return x.permutation();
    }

    /** The target points in sorted order: the targets of {@code gAB} and {@code gBB}. */
    public PointArray sortedY() {
        return y.points();
    }

    /** The target weights in sorted order. */
    public double[] sortedB() {
        return y.weights();
    }

    /** {@code sorted index -> original index} for the target cloud. */
    public int[] yPermutation() {
        return y.permutation();
    }

    /** Puts a row-major per-source-point array ({@code width} values per point) in original order. */
    public double[] toOriginalOrderX(double[] sorted, int width) {
        return x.toOriginalOrder(sorted, width);
    }

    /** Puts a row-major per-target-point array ({@code width} values per point) in original order. */
    public double[] toOriginalOrderY(double[] sorted, int width) {
        return y.toOriginalOrder(sorted, width);
    }
}
