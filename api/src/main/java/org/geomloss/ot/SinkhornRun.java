package org.geomloss.ot;

import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.FinishingPlan;
import org.geomloss.sinkhorn.ProgressTracker;
import org.geomloss.sinkhorn.Refinement;
import org.geomloss.sinkhorn.ScalePlan;
import org.geomloss.sinkhorn.SingleScale;
import org.geomloss.sinkhorn.SymmetricSinkhorn;
import org.slf4j.event.Level;

/**
 * Runs GeomLoss's ot loop on one problem with the shared {@link AnnealingDriver}: a custom
 * initialisation, one averaged step per temperature of the schedule and upstream's final full
 * step; with a tolerance, that result is then refined at the final temperature until its marginal
 * error is within it ({@link SymmetricSinkhorn#refine}, see {@link SinkhornOptions}).
 */
final class SinkhornRun {

    /** The final potentials, how the run ended and the tolerance it ran with (null: none). */
    record Outcome(double[] f, double[] g, double[] fAA, double[] gBB, int iterations,
                   Convergence convergence, Double tol) {
    }

    private SinkhornRun() {
    }

    /**
     * @param operators the soft-min directions (self directions null unless debiasing)
     * @param a         source weights (raw, for the error)
     * @param b         target weights
     * @param rho       the marginal penalty, {@code +infinity} when balanced
     * @param schedule  the temperatures, the last one being {@code eps}
     * @param start     initial {@code f, g, fAA, gBB} (self ones null unless debiasing)
     * @param tol       the tolerance, or null for upstream's fixed sequence
     * @param maxExtra  the cap on the iterations after the annealing
     * @param progress  told of each annealing step and of the end of the run
     */
    static Outcome run(SymmetricSinkhorn.Operators operators, double[] a, double[] b, double rho,
                       double[] schedule, double[][] start, Double tol, int maxExtra,
                       ProgressTracker progress) {
        return run(operators, operators, a, b, rho, schedule, start, tol, maxExtra, progress);
    }

    /**
     * As {@link #run(SymmetricSinkhorn.Operators, double[], double[], double, double[], double[][],
     * Double, int, ProgressTracker)}, the schedule on {@code operators} and what follows it (the
     * final extrapolation, or the refinement to {@code tol}) on {@code finalOperators}
     * ({@link FinishingPlan}): float32 kernels anneal, and float64 kernels on the same coordinates
     * give the potentials, so that they and the plan, which is computed in float64, use the same
     * costs.
     */
    static Outcome run(SymmetricSinkhorn.Operators operators,
                       SymmetricSinkhorn.Operators finalOperators, double[] a, double[] b,
                       double rho, double[] schedule, double[][] start, Double tol,
                       int maxExtra, ProgressTracker progress) {
        Refinement refinement = tol == null ? null : new Refinement(tol, maxExtra);
        AnnealingDriver.Settings settings = new AnnealingDriver.Settings(schedule, rho,
                AnnealingDriver.Start.potentials(start[0], start[1], start[2], start[3]),
                refinement, Level.DEBUG);
        SingleScale annealing = SingleScale.of(operators, a, b);
        ScalePlan plan = finalOperators == operators ? annealing
                : new FinishingPlan(annealing, SingleScale.of(finalOperators, a, b));
        AnnealingDriver.Result run = AnnealingDriver.run(plan, settings, progress);
        if (tol == null) {
            FinalStep last = run.finalStep();
            progress.finish(0);
            return new Outcome(last.fBA().potential(), last.gAB().potential(),
                    last.debiased() ? last.fAA().potential() : null,
                    last.debiased() ? last.gBB().potential() : null, schedule.length,
                    Convergence.FIXED_SCHEDULE, null);
        }
        Refinement.Outcome refined = run.refinement();
        progress.finish(refined.iterations());
        SymmetricSinkhorn loop = run.loop();
        return new Outcome(loop.fBA(), loop.gAB(), loop.fAA(), loop.gBB(),
                schedule.length + refined.iterations(),
                refined.converged() ? Convergence.CONVERGED : Convergence.NOT_CONVERGED, tol);
    }
}
