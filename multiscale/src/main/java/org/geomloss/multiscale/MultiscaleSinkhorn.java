package org.geomloss.multiscale;

import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.SinkhornProgress;
import org.geomloss.sinkhorn.SymmetricSinkhorn;
import org.slf4j.event.Level;

/**
 * The multiscale Sinkhorn solver: {@link #solve(PointKernels, GroundCost, PointArray, double[],
 * PointArray, double[], MultiscaleSettings, SinkhornProgress)} runs the library's one annealing
 * driver ({@link org.geomloss.sinkhorn.AnnealingDriver}) on the scale plan of its settings, the
 * point pyramid ({@code PyramidSinkhorn}) or the two-scale jump described here
 * ({@code TwoScalePlan}).
 *
 * <p>GeomLoss's multiscale Sinkhorn ({@code sinkhorn_multiscale}, {@code backend="multiscale"}): the
 * symmetric epsilon-scaling loop of {@link SymmetricSinkhorn} run first on grid clusters, then on the
 * points with kernel truncation. Made for millions of points in dimension 1 to 3.
 *
 * <ol>
 *   <li>Both clouds are clustered on voxels of size {@code s = clusterScale}, by default
 *       {@code diameter / (sqrt(D) 2000^(1/D))} ({@link GridClustering}), and sorted by cluster.</li>
 *   <li>Jump index {@code J = min{t in 2..L-1 : s^p > eps_t} - 1}, or {@code L-1} when there is no
 *       such t ({@link #jumpIndex}).</li>
 *   <li>The initialisation and iterations {@code 0..J} run on the centroids with the cluster masses
 *       (dense soft-mins).</li>
 *   <li>If {@code J < L-1}: the four potentials are extrapolated to the points by one C-transform
 *       of the coarse ones at {@code eps_J}, e.g.
 *       {@code f_i = lambda softmin_{eps_J}(c(x_i, y_l), log beta_l + g_l/eps_J)} over every y
 *       centroid; iterations {@code J+1..L-1} and the final step run on the points. Before each of
 *       their soft-mins (xy, yx, xx and yy alike), {@link KernelTruncation} chooses the blocks of
 *       pairs to visit from the current potentials, with the margin {@code truncate eps_J} and a
 *       budget on each row's skipped mass (a choice, made with a slack, is reused while the potentials move less than {@code eps / 2}; at a new temperature it is made for the soft-min's own level, see {@code TruncatedSoftmin}); {@code truncate = null}
 *       visits every pair.</li>
 *   <li>If {@code J = L-1}: that extrapolation, at {@code eps_{L-1} = blur^p}, is the final step;
 *       gradients flow through {@code c(x_i, y_l)} with the centroids held constant. The value then
 *       differs slightly from the single-scale loop's.</li>
 * </ol>
 *
 * <p>Accuracy: with {@code truncate = null} the result differs from the single-scale loop only through
 * the coarse iterations and the extrapolation. With truncation, every skipped pair has a plan
 * density below {@code exp(-truncate eps_J / eps)} and each row's skipped mass {@code S_k} is at
 * most 1e-6 with float32 kernels, 1e-14 with float64 ones (the fraction of the row's soft-min that
 * is skipped, checked against each result), for the potentials of the current iteration
 * ({@link KernelTruncation}). At convergence ({@code refinement}) multiscale and the single-scale
 * loop then agree within the tolerances of the kernels' precision. Without a refinement both stop
 * where GeomLoss's fixed schedule ends, on different paths, and may differ by a few percent where
 * the schedule stops short of convergence.
 *
 * <p>Precision: the run computes in the precision of {@code kernels}
 * ({@link PointKernels#precision()}). In float64 the points keep their float64 coordinates (float32
 * ones are widened exactly), cluster centroids are computed and used in float64, and the bounding
 * boxes of the truncation enclose the float64 coordinates; in float32 everything is float32 as
 * before, whatever the points carry.
 *
 * <p>Difference from GeomLoss: upstream's unbalanced value uses {@code rho + eps_{J+1}/2} where it
 * means {@code rho + eps_star/2} (a shadowed variable); this class does not compute values, and
 * callers should use {@code eps_star = blur^p}.
 *
 * <p>Logs the clustering, the schedule, the jump and, for each representation, the kept fractions
 * through SLF4J, at INFO when {@code verbose} and DEBUG otherwise. Stateless and thread-safe; one call uses the kernels' threads.
 */
public final class MultiscaleSinkhorn {

    private MultiscaleSinkhorn() {
    }

    /**
     * Runs the multiscale symmetric Sinkhorn loop between {@code (a, x)} and {@code (b, y)} on the
     * plan of {@code settings} and GeomLoss's schedule ({@link MultiscaleSettings#schedule()}).
     *
     * @throws IllegalArgumentException for D &gt; 3, mismatched dimensions or weights, or a cost that
     *                                  is not GeomLoss's for {@code p}
     */
    public static MultiscaleResult solve(PointKernels kernels, GroundCost cost, PointArray x,
                                         double[] a, PointArray y, double[] b,
                                         MultiscaleSettings settings, SinkhornProgress progress) {
        return solve(kernels, cost, x, a, y, b, settings, settings.schedule(), progress);
    }

    /**
     * Runs the loop on the temperatures of {@code schedule} (in the units of {@code cost}, the
     * last one the final temperature) instead of GeomLoss's schedule; {@code settings.blur()} and
     * {@code settings.scaling()} then serve the logs only. The loop starts from GeomLoss's
     * soft-min of zero potentials at {@code schedule[0]} on the coarsest representation.
     *
     * @throws IllegalArgumentException as {@link #solve(PointKernels, GroundCost, PointArray,
     *                                  double[], PointArray, double[], MultiscaleSettings,
     *                                  SinkhornProgress)}, and for an empty schedule
     */
    public static MultiscaleResult solve(PointKernels kernels, GroundCost cost, PointArray x,
                                         double[] a, PointArray y, double[] b,
                                         MultiscaleSettings settings, double[] schedule,
                                         SinkhornProgress progress) {
        requireCompatible(cost, x, y, settings.p());
        MultiscaleScalePlan plan = settings.plan() == MultiscalePlan.TWO_SCALE
                ? new TwoScalePlan(kernels, cost, x, a, y, b, settings, schedule)
                : PyramidSinkhorn.plan(kernels, cost, x, a, y, b, settings, schedule,
                        PyramidSinkhorn.DENSE_PAIRS);
        return run(plan, settings, schedule, progress);
    }

    /** Runs the annealing driver on {@code plan} and reads the result back. */
    static MultiscaleResult run(MultiscaleScalePlan plan, MultiscaleSettings settings,
                                double[] schedule, SinkhornProgress progress) {
        AnnealingDriver.Result run = AnnealingDriver.run(plan, new AnnealingDriver.Settings(
                schedule, settings.rho(), AnnealingDriver.Start.SOFTMIN_OF_ZERO,
                settings.refinement(), settings.verbose() ? Level.INFO : Level.DEBUG), progress);
        return plan.result(run);
    }

    /** Refuses clouds of different or unsupported dimensions and a cost that is not GeomLoss's. */
    private static void requireCompatible(GroundCost cost, PointArray x, PointArray y, int p) {
        if (x.dimension() != y.dimension()) {
            throw new IllegalArgumentException("x and y must have the same dimension, got "
                    + x.dimension() + " and " + y.dimension());
        }
        GridClustering.requireDimension(x.dimension());
        if (cost != GroundCost.forExponent(p)) {
            throw new IllegalArgumentException("cost " + cost + " is not GeomLoss's cost for p=" + p);
        }
    }

    /**
     * GeomLoss's jump index: {@code J = min{t in 2..L-1 : scale^p > eps_t} - 1}, or {@code L-1} when
     * no temperature from index 2 on falls below {@code scale^p}. Always at least 1 (for L &gt;= 2).
     */
    public static int jumpIndex(double[] schedule, double scale, int p) {
        double coarseTemperature = Math.pow(scale, p);
        for (int t = 2; t < schedule.length; t++) {
            if (coarseTemperature > schedule[t]) {
                return t - 1;
            }
        }
        return schedule.length - 1;
    }
}
