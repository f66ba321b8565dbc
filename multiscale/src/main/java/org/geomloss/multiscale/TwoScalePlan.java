package org.geomloss.multiscale;

import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.LogWeights;
import org.geomloss.sinkhorn.PointSoftmin;
import org.geomloss.sinkhorn.SinkhornScale;
import org.geomloss.sinkhorn.SoftminOperator;
import org.geomloss.sinkhorn.SymmetricSinkhorn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * GeomLoss's two-scale plan ({@link MultiscalePlan#TWO_SCALE}, described in
 * {@link MultiscaleSinkhorn}): temperatures {@code 0..J} on voxel centroids with dense soft-mins,
 * one C-transform onto the points at {@code eps_J}, the rest on the points with the truncation
 * margin {@code truncate eps_J}. When {@code J = L-1} and no refinement is asked for, that
 * C-transform is the final step ({@link Ending#TRANSFER_IS_FINAL_STEP}).
 *
 * <p>Built for one run; not thread-safe.
 */
final class TwoScalePlan implements MultiscaleScalePlan {

    private static final Logger LOG = LoggerFactory.getLogger(TwoScalePlan.class);

    private final Clustering cx;
    private final Clustering cy;
    private final double[] schedule;
    private final int jump;
    private final Atoms coarse;
    private final Atoms fine;
    private final SymmetricSinkhorn.Operators extrapolation;

    TwoScalePlan(PointKernels kernels, GroundCost cost, PointArray x, double[] a, PointArray y,
                 double[] b, MultiscaleSettings settings, double[] schedule) {
        x = KernelCoordinates.inPrecision(x, kernels.precision());
        y = KernelCoordinates.inPrecision(y, kernels.precision());
        int p = settings.p();
        double diameter = settings.diameter();
        double scale = settings.clusterScale() != null ? settings.clusterScale()
                : GridClustering.refinedScale(x.count() >= y.count() ? x : y,
                        diameter > 0 ? diameter : settings.blur());
        this.cx = GridClustering.cluster(x, a, scale);
        this.cy = GridClustering.cluster(y, b, scale);
        this.schedule = schedule;
        this.jump = MultiscaleSinkhorn.jumpIndex(schedule, scale, p);
        Level level = settings.verbose() ? Level.INFO : Level.DEBUG;
        LOG.atLevel(level).log("{}x{} clusters, computed at scale = {}", cx.clusterCount(),
                cy.clusterCount(), String.format("%.3f", scale));
        LOG.atLevel(level).log("Successive scales :  {}", EpsilonSchedule.describe(schedule, p));
        int last = schedule.length - 1;
        if (jump == last) {
            LOG.atLevel(level).log("Extrapolate from coarse to fine after the last iteration.");
        } else {
            LOG.atLevel(level).log("Jump from coarse to fine between indices {} (σ={}) and {} (σ={}).",
                    jump, sigma(schedule[jump], p), jump + 1, sigma(schedule[jump + 1], p));
        }
        boolean debias = settings.debias();
        PointArray xc = cx.centroids();
        PointArray yc = cy.centroids();
        this.coarse = new Atoms("centroids", new SymmetricSinkhorn.Operators(
                PointSoftmin.dense(kernels, cost, xc, yc), PointSoftmin.dense(kernels, cost, yc, xc),
                debias ? PointSoftmin.dense(kernels, cost, xc, xc) : null,
                debias ? PointSoftmin.dense(kernels, cost, yc, yc) : null),
                cx.masses(), cy.masses());
        // The coarse potentials bound nothing at the points: extrapolate over every pair.
        this.extrapolation = new SymmetricSinkhorn.Operators(
                PointSoftmin.dense(kernels, cost, cx.points(), yc),
                PointSoftmin.dense(kernels, cost, cy.points(), xc),
                debias ? PointSoftmin.dense(kernels, cost, cx.points(), xc) : null,
                debias ? PointSoftmin.dense(kernels, cost, cy.points(), yc) : null);
        // GeomLoss's truncation margin, truncate * eps_J, for every reduction onto the points.
        TruncationMargin margin = settings.truncate() == null ? null
                : TruncationMargin.atJump(settings.truncate(), schedule[jump]);
        ClusterTree tx = ClusterTree.of(cx);
        ClusterTree ty = ClusterTree.of(cy);
        this.fine = new Atoms("points", new SymmetricSinkhorn.Operators(
                pointOperator(kernels, cost, cx, tx, cy, ty, margin),
                pointOperator(kernels, cost, cy, ty, cx, tx, margin),
                debias ? pointOperator(kernels, cost, cx, tx, cx, tx, margin) : null,
                debias ? pointOperator(kernels, cost, cy, ty, cy, ty, margin) : null),
                cx.weights(), cy.weights());
    }

    @Override
    public SinkhornScale scaleAt(int t) {
        return t <= jump ? coarse : fine;
    }

    @Override
    public SinkhornScale finest() {
        return fine;
    }

    @Override
    public FinalStep transfer(SymmetricSinkhorn loop, SinkhornScale from, SinkhornScale to,
                              double eps) {
        return loop.extrapolate(eps, extrapolation, from.logA(), from.logB());
    }

    @Override
    public Ending ending() {
        return Ending.TRANSFER_IS_FINAL_STEP;
    }

    @Override
    public MultiscaleResult result(AnnealingDriver.Result run) {
        SymmetricSinkhorn.Operators last = run.scale() == fine ? fine.operators() : extrapolation;
        MultiscaleResult.KeptPairs kept = new MultiscaleResult.KeptPairs(fraction(last.xy()),
                fraction(last.xx()), fraction(last.yy()), visited(last.xy()) + visited(last.yx())
                + visited(last.xx()) + visited(last.yy()));
        return new MultiscaleResult(run.finalStep(), cx, cy, schedule, jump, kept,
                run.refinement());
    }

    /** Onto the points from the points, truncated with {@code margin} unless it is null. */
    private static SoftminOperator pointOperator(PointKernels kernels, GroundCost cost,
                                                 Clustering targets, ClusterTree targetTree,
                                                 Clustering sources, ClusterTree sourceTree,
                                                 TruncationMargin margin) {
        if (margin == null) {
            return PointSoftmin.dense(kernels, cost, targets.points(), sources.points());
        }
        return new TruncatedSoftmin(kernels, cost, targets.points(), targetTree, sources.points(),
                sourceTree, margin, TruncatedSoftmin.skippedMass(kernels.precision()));
    }

    /** The fraction of the pairs the last reduction of {@code operator} visited (NaN when absent). */
    static double fraction(SoftminOperator operator) {
        if (operator == null) {
            return Double.NaN;
        }
        return operator instanceof TruncatedSoftmin truncated ? truncated.kept().pointFraction()
                : 1.0;
    }

    /** The pairs every reduction of a truncated operator visited; 0 for the others. */
    static long visited(SoftminOperator operator) {
        return operator instanceof TruncatedSoftmin truncated ? truncated.visitedPairs() : 0;
    }

    private static String sigma(double eps, int p) {
        return String.format("%.3f", Math.pow(eps, 1.0 / p));
    }

    /** The centroids or the points, with their masses. */
    private record Atoms(String name, SymmetricSinkhorn.Operators operators, double[] a,
                         double[] b, double[] logA, double[] logB) implements SinkhornScale {
        Atoms(String name, SymmetricSinkhorn.Operators operators, double[] a, double[] b) {
            this(name, operators, a, b, LogWeights.of(a), LogWeights.of(b));
        }

        @Override
        public String describe() {
            return name + ": " + a.length + "x" + b.length + ", kept " + percent(fraction(
                    operators.xy())) + "% (xy), " + percent(fraction(operators.xx())) + "% (xx), "
                    + percent(fraction(operators.yy())) + "% (yy) of the pairs at the last step";
        }

        private static String percent(double fraction) {
            return String.format("%.2f", 100 * fraction);
        }
    }
}
