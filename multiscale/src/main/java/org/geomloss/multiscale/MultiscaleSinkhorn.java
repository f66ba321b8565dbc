package org.geomloss.multiscale;

import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.LogWeights;
import org.geomloss.sinkhorn.PointSoftmin;
import org.geomloss.sinkhorn.Refinement;
import org.geomloss.sinkhorn.SinkhornProgress;
import org.geomloss.sinkhorn.SoftminOperator;
import org.geomloss.sinkhorn.SymmetricSinkhorn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The multiscale Sinkhorn loops: {@link #solve(PointKernels, GroundCost, PointArray, double[],
 * PointArray, double[], MultiscaleSettings, SinkhornProgress)} runs the plan of its settings, the
 * point pyramid ({@code PyramidSinkhorn}) or the two-scale jump described here.
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
 *       budget on each row's skipped mass (a choice, made with a slack, is reused while the potentials move less than {@code eps / 2}); {@code truncate = null}
 *       visits every pair.</li>
 *   <li>If {@code J = L-1}: that extrapolation, at {@code eps_{L-1} = blur^p}, is the final step;
 *       gradients flow through {@code c(x_i, y_l)} with the centroids held constant. The value then
 *       differs slightly from the single-scale loop's.</li>
 * </ol>
 *
 * <p>Accuracy: with {@code truncate = null} the result differs from the single-scale loop only through
 * the coarse iterations and the extrapolation. With truncation, every skipped pair has a plan
 * density below {@code exp(-truncate eps_J / eps)} and each row's skipped mass {@code S_k} is at
 * most 1e-6 (at a balanced fixed point, the fraction of the row's soft-min that is skipped), for the
 * potentials of the current iteration ({@link KernelTruncation}). At convergence ({@code refinement}) multiscale and the single-scale
 * loop then agree within float32 tolerances. Without a refinement both stop where GeomLoss's fixed
 * schedule ends, on different paths, and may differ by a few percent where the schedule stops short
 * of convergence.
 *
 * <p>Difference from GeomLoss: upstream's unbalanced value uses {@code rho + eps_{J+1}/2} where it
 * means {@code rho + eps_star/2} (a shadowed variable); this class does not compute values, and
 * callers should use {@code eps_star = blur^p}.
 *
 * <p>Logs the clustering, the schedule, the jump and the kept fractions through SLF4J, at INFO when
 * {@code verbose} and DEBUG otherwise. Stateless and thread-safe; one call uses the kernels' threads.
 */
public final class MultiscaleSinkhorn {

    private static final Logger LOG = LoggerFactory.getLogger(MultiscaleSinkhorn.class);

    private MultiscaleSinkhorn() {
    }

    /**
     * Runs the multiscale symmetric Sinkhorn loop between {@code (a, x)} and {@code (b, y)} on the
     * plan of {@code settings}: {@link PyramidSinkhorn} or GeomLoss's two-scale jump (below).
     *
     * @throws IllegalArgumentException for D &gt; 3, mismatched dimensions or weights, or a cost that
     *                                  is not GeomLoss's for {@code p}
     */
    public static MultiscaleResult solve(PointKernels kernels, GroundCost cost, PointArray x,
                                         double[] a, PointArray y, double[] b,
                                         MultiscaleSettings settings, SinkhornProgress progress) {
        if (settings.plan() == MultiscalePlan.TWO_SCALE) {
            return solve(kernels, cost, x, a, y, b, settings.p(), settings.blur(),
                    settings.reach(), settings.diameter(), settings.scaling(),
                    settings.truncate(), settings.clusterScale(), settings.refinement(),
                    settings.debias(), settings.verbose(), progress);
        }
        requireCompatible(cost, x, y, settings.p());
        return PyramidSinkhorn.solve(kernels, cost, x, a, y, b, settings, progress);
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
     * Runs the multiscale symmetric Sinkhorn loop between {@code (a, x)} and {@code (b, y)}.
     *
     * @param kernels      the device kernels
     * @param cost         {@link GroundCost#forExponent(int) GroundCost.forExponent(p)}
     * @param x            the source points, D &lt;= 3
     * @param a            their weights (alpha)
     * @param y            the target points
     * @param b            their weights (beta)
     * @param p            1 or 2
     * @param blur         the target temperature is {@code blur^p}
     * @param reach        {@code rho = reach^p}; {@link Double#POSITIVE_INFINITY} for balanced OT
     * @param diameter     the diameter used by the schedule (already resolved; 0 counts as blur)
     * @param scaling      the epsilon-scaling ratio, in (0, 1)
     * @param truncate     the truncation threshold in units of eps, or null to keep every pair
     * @param clusterScale the voxel size, or null for the default
     * @param refinement   iterations at {@code blur^p} on the points until the marginal error meets a
     *                     tolerance ({@link SymmetricSinkhorn#refine}), or null for GeomLoss's fixed
     *                     schedule
     * @param debias       whether to solve the self problems OT(a, a) and OT(b, b)
     * @param verbose      log at INFO rather than DEBUG
     * @param progress     called after each iteration
     * @throws IllegalArgumentException for D &gt; 3, mismatched dimensions or weights, a cost that is
     *                                  not GeomLoss's for {@code p}, or a bad parameter value
     */
    public static MultiscaleResult solve(PointKernels kernels, GroundCost cost, PointArray x,
                                         double[] a, PointArray y, double[] b, int p, double blur,
                                         double reach, double diameter, double scaling,
                                         Double truncate, Double clusterScale,
                                         Refinement refinement, boolean debias,
                                         boolean verbose, SinkhornProgress progress) {
        requireCompatible(cost, x, y, p);
        if (!(reach > 0)) {
            throw new IllegalArgumentException("reach must be > 0 (or +infinity), got " + reach);
        }
        if (truncate != null && !(truncate >= 0)) {
            throw new IllegalArgumentException("truncate must be >= 0 or null, got " + truncate);
        }
        double[] schedule = EpsilonSchedule.geomloss(p, diameter, blur, scaling);
        double scale = clusterScale != null ? clusterScale
                : GridClustering.refinedScale(x.count() >= y.count() ? x : y,
                        diameter > 0 ? diameter : blur);
        Clustering cx = GridClustering.cluster(x, a, scale);
        Clustering cy = GridClustering.cluster(y, b, scale);
        Level level = verbose ? Level.INFO : Level.DEBUG;
        LOG.atLevel(level).log("{}x{} clusters, computed at scale = {}", cx.clusterCount(),
                cy.clusterCount(), String.format("%.3f", scale));
        LOG.atLevel(level).log("Successive scales :  {}", EpsilonSchedule.describe(schedule, p));
        int jump = jumpIndex(schedule, scale, p);
        int last = schedule.length - 1;
        if (jump == last) {
            LOG.atLevel(level).log("Extrapolate from coarse to fine after the last iteration.");
        } else {
            LOG.atLevel(level).log("Jump from coarse to fine between indices {} (σ={}) and {} (σ={}).",
                    jump, sigma(schedule[jump], p), jump + 1, sigma(schedule[jump + 1], p));
        }
        double rho = Double.isInfinite(reach) ? Double.POSITIVE_INFINITY : Math.pow(reach, p);
        double[] logAc = LogWeights.of(cx.masses());
        double[] logBc = LogWeights.of(cy.masses());
        SymmetricSinkhorn sinkhorn = new SymmetricSinkhorn(
                coarseOperators(kernels, cost, cx, cy, debias), logAc, logBc, rho);
        sinkhorn.initialize(schedule[0]);
        for (int t = 0; t <= jump; t++) {
            sinkhorn.step(schedule[t]);
            progress.onIteration(t, schedule.length, schedule[t]);
        }
        ClusterTree tx = ClusterTree.of(cx);
        ClusterTree ty = ClusterTree.of(cy);
        // GeomLoss's truncation margin, truncate * eps_J, for every reduction onto the points.
        TruncationMargin margin = truncate == null ? null
                : TruncationMargin.atJump(truncate, schedule[jump]);
        SymmetricSinkhorn.Operators extrapolation = operators(kernels, cost, cx, tx, cy, ty,
                margin, false, debias);
        switchOperators(sinkhorn, extrapolation, logAc, logBc);
        if (jump == last && refinement == null) {
            // The final step is the C-transform of the coarse potentials onto the points.
            FinalStep finalStep = sinkhorn.extrapolate(schedule[last]);
            return new MultiscaleResult(finalStep, cx, cy, schedule, jump,
                    keptPairs(level, schedule[last], p, extrapolation, 0), null);
        }
        FinalStep extrapolated = sinkhorn.extrapolate(schedule[jump]);
        long extrapolationPairs = keptPairs(level, schedule[jump], p, extrapolation, 0)
                .visitedPairs();
        SymmetricSinkhorn.Operators fine = operators(kernels, cost, cx, tx, cy, ty, margin, true,
                debias);
        sinkhorn.switchScale(fine, LogWeights.of(cx.weights()), LogWeights.of(cy.weights()),
                extrapolated.fBA().potential(), extrapolated.gAB().potential(),
                debias ? extrapolated.fAA().potential() : null,
                debias ? extrapolated.gBB().potential() : null);
        for (int t = jump + 1; t <= last; t++) {
            sinkhorn.step(schedule[t]);
            progress.onIteration(t, schedule.length, schedule[t]);
            keptPairs(level, schedule[t], p, fine, extrapolationPairs);
        }
        Refinement.Outcome refined = null;
        if (refinement != null) {
            refined = sinkhorn.refine(schedule[last], cx.weights(), cy.weights(), refinement);
            LOG.atLevel(level).log("Refined at σ={} in {} iterations: marginal error {} ({}).",
                    sigma(schedule[last], p), refined.iterations(),
                    String.format("%.2e", refined.marginalError()),
                    refined.converged() ? "converged" : "not converged");
        }
        FinalStep result = sinkhorn.extrapolate(schedule[last]);
        return new MultiscaleResult(result, cx, cy, schedule, jump,
                keptPairs(level, schedule[last], p, fine, extrapolationPairs), refined);
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

    private static SymmetricSinkhorn.Operators coarseOperators(PointKernels kernels, GroundCost cost,
                                                               Clustering cx, Clustering cy,
                                                               boolean debias) {
        PointArray xc = cx.centroids();
        PointArray yc = cy.centroids();
        return new SymmetricSinkhorn.Operators(PointSoftmin.dense(kernels, cost, xc, yc),
                PointSoftmin.dense(kernels, cost, yc, xc),
                debias ? PointSoftmin.dense(kernels, cost, xc, xc) : null,
                debias ? PointSoftmin.dense(kernels, cost, yc, yc) : null);
    }

    /**
     * The soft-mins onto the points: from the points ({@code fine}), truncated with
     * {@code margin = truncate * eps_J} unless it is null, or from the centroids (the coarse-to-fine
     * extrapolation, over every pair).
     */
    private static SymmetricSinkhorn.Operators operators(PointKernels kernels, GroundCost cost,
                                                         Clustering cx, ClusterTree tx,
                                                         Clustering cy, ClusterTree ty,
                                                         TruncationMargin margin, boolean fine,
                                                         boolean debias) {
        return new SymmetricSinkhorn.Operators(
                operator(kernels, cost, cx, tx, cy, ty, margin, fine),
                operator(kernels, cost, cy, ty, cx, tx, margin, fine),
                debias ? operator(kernels, cost, cx, tx, cx, tx, margin, fine) : null,
                debias ? operator(kernels, cost, cy, ty, cy, ty, margin, fine) : null);
    }

    private static SoftminOperator operator(PointKernels kernels, GroundCost cost,
                                            Clustering targets, ClusterTree targetTree,
                                            Clustering sources, ClusterTree sourceTree,
                                            TruncationMargin margin, boolean fine) {
        if (!fine) {
            // The coarse potentials bound nothing at the points: extrapolate over every pair.
            return PointSoftmin.dense(kernels, cost, targets.points(), sources.centroids());
        }
        if (margin == null) {
            return PointSoftmin.dense(kernels, cost, targets.points(), sources.points());
        }
        return new TruncatedSoftmin(kernels, cost, targets.points(), targetTree, sources.points(),
                sourceTree, margin, TruncatedSoftmin.SKIPPED_MASS);
    }

    /** Keeps the coarse log-weights and potentials, and swaps in other soft-min directions. */
    private static void switchOperators(SymmetricSinkhorn sinkhorn,
                                        SymmetricSinkhorn.Operators operators, double[] logA,
                                        double[] logB) {
        sinkhorn.switchScale(operators, logA, logB, sinkhorn.fBA(), sinkhorn.gAB(), sinkhorn.fAA(),
                sinkhorn.gBB());
    }

    /**
     * The fractions of the pairs the last reductions of {@code operators} visited, logged with the
     * temperature (1 when nothing is truncated), and the pairs they visited in all plus
     * {@code earlierPairs}.
     */
    private static MultiscaleResult.KeptPairs keptPairs(Level level, double eps, int p,
                                                        SymmetricSinkhorn.Operators operators,
                                                        long earlierPairs) {
        MultiscaleResult.KeptPairs kept = new MultiscaleResult.KeptPairs(
                fraction(operators.xy()), fraction(operators.xx()), fraction(operators.yy()),
                earlierPairs + visited(operators.xy()) + visited(operators.yx())
                        + visited(operators.xx()) + visited(operators.yy()));
        LOG.atLevel(level).log("σ={}: kept {}% (xy), {}% (xx), {}% (yy) of the point pairs.",
                sigma(eps, p), percent(kept.xy()), percent(kept.xx()), percent(kept.yy()));
        return kept;
    }

    private static double fraction(SoftminOperator operator) {
        if (operator == null) {
            return Double.NaN;
        }
        return operator instanceof TruncatedSoftmin truncated ? truncated.kept().pointFraction()
                : 1.0;
    }

    private static long visited(SoftminOperator operator) {
        return operator instanceof TruncatedSoftmin truncated ? truncated.visitedPairs() : 0;
    }

    private static String percent(double fraction) {
        return String.format("%.2f", 100 * fraction);
    }

    private static String sigma(double eps, int p) {
        return String.format("%.3f", Math.pow(eps, 1.0 / p));
    }
}
