package org.geomloss;

import org.geomloss.kernels.CostFunction;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.Refinement;
import org.geomloss.sinkhorn.SingleScale;
import org.geomloss.sinkhorn.SinkhornObjective;

/**
 * GeomLoss's Sinkhorn divergence ({@code sinkhorn_divergence}), from the final step of the symmetric
 * loop ({@link AnnealingDriver}); the value and weight gradients are {@link SinkhornObjective}'s. With {@code E(f) = exp(-f/rho)} and {@code kappa = rho + eps/2}:
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
 * meets the tolerance ({@link AnnealingDriver}) before the final step.
 */
final class SinkhornDivergence {

    private final CostFunction cost;
    private final AnnealingDriver.Settings annealing;
    private final boolean debias;

    SinkhornDivergence(CostFunction cost, AnnealingDriver.Settings annealing, boolean debias) {
        this.cost = cost;
        this.annealing = annealing;
        this.debias = debias;
    }

    /** The divergence on the tensorized or online backend (a {@link SingleScale} plan). */
    Outcome evaluate(Pair pair) {
        SingleScale plan = SingleScale.of(SoftminStrategy.operators(pair, cost, true, debias),
                pair.a(), pair.b());
        AnnealingDriver.Result run = AnnealingDriver.run(plan, annealing, pair.progress());
        return fromFinalStep(run.finalStep(), annealing.rho(), debias, pair.a(), pair.b(),
                pair.dimension(), pair.gradients(), pair.backend(), run.refinement());
    }

    /**
     * Value, potentials and (optionally) gradients from a final step with weights a and b;
     * {@code refined} (null when none) is passed through.
     */
    static Outcome fromFinalStep(FinalStep step, double rho, boolean debias, double[] a,
                                 double[] b, int dimension, boolean gradients, Backend backend,
                                 Refinement.Outcome refined) {
        double[] fBA = step.fBA().potential();
        double[] gAB = step.gAB().potential();
        double[] fAA = debias ? step.fAA().potential() : null;
        double[] gBB = debias ? step.gBB().potential() : null;
        double value = SinkhornObjective.value(a, fBA, fAA, b, gAB, gBB, step.eps(), rho,
                SinkhornObjective.UnbalancedCost.SINKHORN_COST);
        double[] f = SinkhornObjective.potential(fBA, fAA);
        double[] g = SinkhornObjective.potential(gAB, gBB);
        if (!gradients) {
            return new Outcome(value, f, g, null, null, null, null, backend, refined);
        }
        double[] gradX = positionGradient(step, step.fBA(), step.fAA(), a, dimension, rho);
        double[] gradY = positionGradient(step, step.gAB(), step.gBB(), b, dimension, rho);
        double[] gradA = SinkhornObjective.weightGradient(fBA, fAA, step.eps(), rho);
        double[] gradB = SinkhornObjective.weightGradient(gAB, gBB, step.eps(), rho);
        return new Outcome(value, f, g, gradX, gradY, gradA, gradB, backend, refined);
    }

    /**
     * {@code dL/dx_i}: {@code a_i (grad F_ba - grad F_aa)} when balanced, and
     * {@code a_i (rho + eps)/rho (E(F_ba) grad F_ba - E(F_aa) grad F_aa)} when unbalanced (the self
     * term only when debiased).
     */
    private static double[] positionGradient(FinalStep step, FinalStep.Direction cross,
                                             FinalStep.Direction self, double[] weights,
                                             int dimension, double rho) {
        boolean debias = self != null;
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
}
