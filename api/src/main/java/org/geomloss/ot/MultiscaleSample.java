package org.geomloss.ot;

import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.multiscale.MultiscaleResult;
import org.geomloss.multiscale.MultiscaleSettings;
import org.geomloss.multiscale.MultiscaleSinkhorn;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.ProgressTracker;
import org.geomloss.sinkhorn.Refinement;
import org.geomloss.sinkhorn.SinkhornProgress;

/**
 * {@link OT#solveSample} on the multiscale backend ({@link SampleOptions#multiscale}): the same
 * annealing driver as every other solver, on the scale plan of {@link MultiscaleSinkhorn} (the
 * point pyramid or GeomLoss's two-scale jump), on the point kernels of the options' device in the
 * precision of the run (float32 or float64) and with truncation {@code truncate = 5}.
 *
 * <p>The cost {@code |x - y|^2} at temperature {@code eps} and penalty {@code rho} is run as the
 * cost {@code |x - y|^2 / 2} of the multiscale backend at {@code eps / 2} and {@code rho / 2}:
 * every soft-min, damping and marginal is the same, the potentials are halved (and doubled back
 * here). Differences from the online solver: the loop starts from GeomLoss's soft-min of zero
 * potentials at the first temperature on the coarsest representation (upstream's point-wise
 * start lives on the points), and the returned potentials are always those of the final step
 * (with a tolerance, after the refinement).
 */
final class MultiscaleSample {

    /** GeomLoss's default truncation, in units of the temperature. */
    private static final double TRUNCATE = 5.0;

    private MultiscaleSample() {
    }

    /**
     * @param px       the N source points as the kernels read them, D &lt;= 3
     * @param py       the M target points
     * @param kernels  the kernels of the options' device in the precision of the run
     * @param a        source weights
     * @param b        target weights
     * @param reg      the final temperature for {@code |x - y|^2}
     * @param rho      the marginal penalty, {@code +infinity} when balanced
     * @param schedule the temperatures for {@code |x - y|^2}, ending at {@code reg}
     * @param options  the plan ({@link SampleOptions#multiscale}), debiasing and iteration cap
     * @param tol      the tolerance, or null for the fixed schedule
     * @param progress told of each step and of the end of the run
     */
    static SinkhornRun.Outcome run(PointArray px, PointArray py, PointKernels kernels, double[] a,
                                   double[] b, double reg, double rho, double[] schedule,
                                   SampleOptions options, Double tol, ProgressTracker progress) {
        boolean debias = options.debias;
        double[] halved = new double[schedule.length];
        for (int t = 0; t < halved.length; t++) {
            halved[t] = schedule[t] / 2;
        }
        Refinement refinement = tol == null ? null : new Refinement(tol, options.maxExtraIter);
        // schedule[0] = max(diameter^2, reg); the scaling is unused: the schedule is given.
        MultiscaleSettings settings = new MultiscaleSettings(options.multiscale, 2,
                Math.sqrt(reg / 2), Math.sqrt(rho / 2), Math.sqrt(schedule[0]), 0.5, TRUNCATE, null,
                refinement, debias, false);
        MultiscaleResult result = MultiscaleSinkhorn.solve(kernels,
                GroundCost.HALF_SQUARED_EUCLIDEAN, px, a, py, b, settings, halved,
                new SinkhornProgress() {
                    @Override
                    public void onIteration(int iteration, int total, double eps) {
                        progress.onIteration(iteration, total, 2 * eps);
                    }

                    @Override
                    public void onRefinement(int iteration, double marginalError) {
                        progress.onRefinement(iteration, marginalError);
                    }
                });
        FinalStep step = result.finalStep();
        Refinement.Outcome refined = result.refinement();
        progress.finish(refined == null ? 0 : refined.iterations());
        return new SinkhornRun.Outcome(doubled(result.toOriginalOrderX(step.fBA().potential(), 1)),
                doubled(result.toOriginalOrderY(step.gAB().potential(), 1)),
                debias ? doubled(result.toOriginalOrderX(step.fAA().potential(), 1)) : null,
                debias ? doubled(result.toOriginalOrderY(step.gBB().potential(), 1)) : null,
                schedule.length + (refined == null ? 0 : refined.iterations()),
                refined == null ? Convergence.FIXED_SCHEDULE
                        : refined.converged() ? Convergence.CONVERGED : Convergence.NOT_CONVERGED,
                tol);
    }

    /** What {@link OTResult#backendUsed()} reports. */
    static String description(SampleOptions options, PointKernels kernels) {
        return "multiscale " + kernels.precision().label() + " ("
                + options.multiscale.name().toLowerCase(java.util.Locale.ROOT) + ", "
                + kernels.name() + " kernels) on " + options.device.description();
    }

    private static double[] doubled(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= 2;
        }
        return values;
    }
}
