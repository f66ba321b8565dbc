package org.geomloss.ot;

import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.LogWeights;
import org.geomloss.sinkhorn.SymmetricSinkhorn;

/**
 * Runs GeomLoss's ot loop on one problem with the shared {@link SymmetricSinkhorn}: a custom
 * initialisation, one averaged step per temperature of the schedule, then either upstream's final
 * full step (no tolerance) or averaged steps at the final temperature until the marginal error of
 * the current potentials is within the tolerance (see {@link SinkhornOptions}).
 *
 * <p>The error of the current potentials {@code (f, g)} comes from the soft-mins of the next step:
 * with {@code S = softmin_eps(l_b + g/eps)} (the extrapolated potential divided by the damping),
 * {@code (pi 1)_i = a_i exp((f_i - S_i)/eps)}, to compare with {@code a_i exp(-f_i/rho)}.
 */
final class SinkhornRun {

    /** The final potentials and how the run ended. */
    record Outcome(double[] f, double[] g, double[] fAA, double[] gBB, int iterations,
                   Convergence convergence) {
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
     */
    static Outcome run(SymmetricSinkhorn.Operators operators, double[] a, double[] b, double rho,
                       double[] schedule, double[][] start, Double tol, int maxExtra) {
        SymmetricSinkhorn loop = new SymmetricSinkhorn(operators, LogWeights.of(a),
                LogWeights.of(b), rho);
        loop.setPotentials(start[0], start[1], start[2], start[3]);
        for (double e : schedule) {
            loop.step(e);
        }
        double eps = schedule[schedule.length - 1];
        FinalStep last = loop.extrapolate(eps);
        if (tol == null) {
            return new Outcome(last.fBA().potential(), last.gAB().potential(),
                    last.debiased() ? last.fAA().potential() : null,
                    last.debiased() ? last.gBB().potential() : null, schedule.length,
                    Convergence.FIXED_SCHEDULE);
        }
        int extra = 0;
        while (true) {
            double error = marginalError(loop, last, a, b, rho);
            boolean converged = error <= tol;
            if (converged || extra == maxExtra) {
                return new Outcome(loop.fBA().clone(), loop.gAB().clone(),
                        cloneOrNull(loop.fAA()), cloneOrNull(loop.gBB()),
                        schedule.length + extra,
                        converged ? Convergence.CONVERGED : Convergence.NOT_CONVERGED);
            }
            loop.setPotentials(average(loop.fBA(), last.fBA()), average(loop.gAB(), last.gAB()),
                    last.debiased() ? average(loop.fAA(), last.fAA()) : null,
                    last.debiased() ? average(loop.gBB(), last.gBB()) : null);
            extra++;
            last = loop.extrapolate(eps);
        }
    }

    /** The largest L1 marginal violation over the problems the loop solves. */
    private static double marginalError(SymmetricSinkhorn loop, FinalStep step, double[] a,
                                        double[] b, double rho) {
        double error = Math.max(error(loop.fBA(), step.fBA(), a, step, rho),
                error(loop.gAB(), step.gAB(), b, step, rho));
        if (step.debiased()) {
            error = Math.max(error, Math.max(error(loop.fAA(), step.fAA(), a, step, rho),
                    error(loop.gBB(), step.gBB(), b, step, rho)));
        }
        return error;
    }

    /** {@code sum_i w_i |exp((p_i - S_i)/eps) - exp(-p_i/rho)|} over {@code w_i > 0}; NaN counts
     * as not converged. */
    private static double error(double[] current, FinalStep.Direction next, double[] weights,
                                FinalStep step, double rho) {
        double[] extrapolated = next.potential();
        double total = 0;
        for (int i = 0; i < current.length; i++) {
            if (weights[i] == 0) {
                continue;
            }
            double softmin = extrapolated[i] / step.lambda();
            double marginal = Math.exp((current[i] - softmin) / step.eps());
            double target = Double.isInfinite(rho) ? 1.0 : Math.exp(-current[i] / rho);
            total += weights[i] * Math.abs(marginal - target);
        }
        return Double.isNaN(total) ? Double.POSITIVE_INFINITY : total;
    }

    private static double[] average(double[] current, FinalStep.Direction next) {
        double[] update = next.potential();
        double[] averaged = new double[current.length];
        for (int i = 0; i < current.length; i++) {
            averaged[i] = 0.5 * (current[i] + update[i]);
        }
        return averaged;
    }

    private static double[] cloneOrNull(double[] values) {
        return values == null ? null : values.clone();
    }
}
