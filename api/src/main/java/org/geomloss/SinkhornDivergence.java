package org.geomloss;

import org.geomloss.kernels.CostFunction;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.LogWeights;
import org.geomloss.sinkhorn.Refinement;
import org.geomloss.sinkhorn.SinkhornProgress;
import org.geomloss.sinkhorn.SymmetricSinkhorn;

/**
 * GeomLoss's Sinkhorn divergence ({@code sinkhorn_divergence}), from the final step of the symmetric
 * loop. With {@code E(f) = exp(-f/rho)} and {@code kappa = rho + eps/2}:
 * <ul>
 *   <li>balanced, debiased: {@code <a, F_ba - F_aa> + <b, G_ab - G_bb>};</li>
 *   <li>balanced, raw: {@code <a, F_ba> + <b, G_ab>};</li>
 *   <li>unbalanced, debiased: {@code kappa (<a, E(F_aa) - E(F_ba)> + <b, E(G_bb) - E(G_ab)>)};</li>
 *   <li>unbalanced, raw: {@code kappa (<a, 1 - E(F_ba)> + <b, 1 - E(G_ab)>)}.</li>
 * </ul>
 * Gradients use the envelope theorem (only the final step is differentiated). In the unbalanced case
 * they are the true derivative of the value at convergence: factor {@code rho + eps} (GeomLoss
 * returns {@code rho + eps/2} through a dead {@code backward}), and for the raw cost the constant
 * {@code -eps/2} on the weight gradients (the derivative of the value's mass terms
 * {@code eps (m_a + m_b)/2 - eps m_a m_b} against the dual's {@code eps <a x b, 1>}). Both are checked
 * against finite differences.
 *
 * <p>With a {@link Refinement}, the loop continues at the last temperature until the marginal error
 * meets the tolerance ({@link Annealing}) before the final step.
 */
final class SinkhornDivergence {

    private final CostFunction cost;
    private final double[] schedule;
    private final double rho;
    private final boolean debias;
    private final SinkhornProgress progress;
    private final Refinement refinement;

    /** {@code refinement} is null for GeomLoss's fixed schedule. */
    SinkhornDivergence(CostFunction cost, double[] schedule, double rho, boolean debias,
                       SinkhornProgress progress, Refinement refinement) {
        this.cost = cost;
        this.schedule = schedule;
        this.rho = rho;
        this.debias = debias;
        this.progress = progress;
        this.refinement = refinement;
    }

    Outcome evaluate(Pair pair) {
        SymmetricSinkhorn.Operators operators = SoftminStrategy.operators(pair, cost, true, debias);
        SymmetricSinkhorn loop = new SymmetricSinkhorn(operators, LogWeights.of(pair.a()),
                LogWeights.of(pair.b()), rho);
        Refinement.Outcome refined = Annealing.run(loop, schedule, progress, pair.a(), pair.b(),
                refinement);
        return fromFinalStep(loop.extrapolate(schedule[schedule.length - 1]), pair.a(), pair.b(),
                pair.dimension(), pair.gradients(), pair.backend(), refined);
    }

    /**
     * Value, potentials and (optionally) gradients from a final step with weights a and b;
     * {@code refined} (null when none) is passed through.
     */
    Outcome fromFinalStep(FinalStep step, double[] a, double[] b, int dimension,
                          boolean gradients, Backend backend, Refinement.Outcome refined) {
        double[] fBA = step.fBA().potential();
        double[] gAB = step.gAB().potential();
        double[] f = debias ? difference(fBA, step.fAA().potential()) : fBA.clone();
        double[] g = debias ? difference(gAB, step.gBB().potential()) : gAB.clone();
        boolean balanced = Double.isInfinite(rho);
        double eps = step.eps();
        double value;
        if (balanced) {
            value = Pair.dot(a, f) + Pair.dot(b, g);
        } else {
            double kappa = rho + eps / 2;
            value = kappa * (debias
                    ? Pair.dot(a, difference(decay(step.fAA().potential()), decay(fBA)))
                    + Pair.dot(b, difference(decay(step.gBB().potential()), decay(gAB)))
                    : Pair.dot(a, oneMinus(decay(fBA))) + Pair.dot(b, oneMinus(decay(gAB))));
        }
        if (!gradients) {
            return new Outcome(value, f, g, null, null, null, null, backend, refined);
        }
        double[] gradX = positionGradient(step, step.fBA(), step.fAA(), a, dimension);
        double[] gradY = positionGradient(step, step.gAB(), step.gBB(), b, dimension);
        double[] gradA = weightGradient(step, step.fBA(), step.fAA());
        double[] gradB = weightGradient(step, step.gAB(), step.gBB());
        return new Outcome(value, f, g, gradX, gradY, gradA, gradB, backend, refined);
    }

    /**
     * {@code dL/dx_i}: {@code a_i (grad F_ba - grad F_aa)} when balanced, and
     * {@code a_i (rho + eps)/rho (E(F_ba) grad F_ba - E(F_aa) grad F_aa)} when unbalanced (the self
     * term only when debiased).
     */
    private double[] positionGradient(FinalStep step, FinalStep.Direction cross,
                                      FinalStep.Direction self, double[] weights, int dimension) {
        double[] gradient = step.gradient(cross, dimension);
        double[] selfGradient = debias ? step.gradient(self, dimension) : null;
        boolean balanced = Double.isInfinite(rho);
        double factor = balanced ? 1.0 : (rho + step.eps()) / rho;
        for (int i = 0; i < weights.length; i++) {
            double crossScale = balanced ? 1.0 : Math.exp(-cross.potential()[i] / rho);
            double selfScale = balanced || !debias ? 1.0 : Math.exp(-self.potential()[i] / rho);
            for (int k = 0; k < dimension; k++) {
                int index = i * dimension + k;
                double value = crossScale * gradient[index];
                if (debias) {
                    value -= selfScale * selfGradient[index];
                }
                gradient[index] = weights[i] * factor * value;
            }
        }
        return gradient;
    }

    /**
     * {@code dL/da_i}: the potential {@code F_i} when balanced; when unbalanced
     * {@code (rho + eps)(E(F_aa) - E(F_ba))} (debiased) or {@code (rho + eps)(1 - E(F_ba)) - eps/2}
     * (raw).
     */
    private double[] weightGradient(FinalStep step, FinalStep.Direction cross,
                                    FinalStep.Direction self) {
        double[] potential = cross.potential();
        if (Double.isInfinite(rho)) {
            return debias ? difference(potential, self.potential()) : potential.clone();
        }
        double eps = step.eps();
        double[] gradient = new double[potential.length];
        for (int i = 0; i < potential.length; i++) {
            double crossTerm = Math.exp(-potential[i] / rho);
            gradient[i] = debias
                    ? (rho + eps) * (Math.exp(-self.potential()[i] / rho) - crossTerm)
                    : (rho + eps) * (1 - crossTerm) - eps / 2;
        }
        return gradient;
    }

    private double[] decay(double[] potential) {
        double[] out = new double[potential.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(-potential[i] / rho);
        }
        return out;
    }

    private static double[] oneMinus(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 1 - values[i];
        }
        return out;
    }

    private static double[] difference(double[] u, double[] v) {
        double[] out = new double[u.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = u[i] - v[i];
        }
        return out;
    }
}
