package org.geomloss.sinkhorn;

/**
 * The value and weight gradients of the Sinkhorn losses from the final potentials, written once for
 * point clouds, images and the ot results. With weights {@code a}, {@code b}, the final potentials
 * {@code F = F_ba} on alpha and {@code G = G_ab} on beta, the self potentials {@code F_aa},
 * {@code G_bb} when debiasing, {@code E(f) = exp(-f/rho)} and {@code kappa = rho + eps/2}:
 * <ul>
 *   <li>balanced: {@code <a, F - F_aa> + <b, G - G_bb>} (no self terms without debiasing);</li>
 *   <li>unbalanced, debiased: {@code kappa (<a, E(F_aa) - E(F)> + <b, E(G_bb) - E(G)>)};</li>
 *   <li>unbalanced, raw: {@link UnbalancedCost#SINKHORN_COST}
 *       {@code kappa (<a, 1 - E(F)> + <b, 1 - E(G)>)} (GeomLoss's {@code sinkhorn_cost}), or
 *       {@link UnbalancedCost#PRIMAL} {@code rho (m_a + m_b) + eps m_a m_b - kappa (<a, E(F)> +
 *       <b, E(G)>)} (the ot solvers' full regularised cost, {@code m} the total masses).</li>
 * </ul>
 * Weight gradients (the envelope theorem on the dual, checked against finite differences):
 * {@code dL/da = F - F_aa} when balanced; {@code (rho + eps)(E(F_aa) - E(F))} unbalanced and
 * debiased; {@code (rho + eps)(1 - E(F)) - eps/2} unbalanced and raw ({@code SINKHORN_COST}).
 * GeomLoss's autograd uses {@code rho + eps/2} there (a dead {@code backward}).
 *
 * <p>Stateless and thread-safe.
 */
public final class SinkhornObjective {

    /** The value of the raw (not debiased) unbalanced loss. */
    public enum UnbalancedCost {
        /** GeomLoss's {@code sinkhorn_cost}: {@code kappa (<a, 1 - E(F)> + <b, 1 - E(G)>)}. */
        SINKHORN_COST,
        /** The ot solvers' primal optimum with both KL marginal penalties. */
        PRIMAL
    }

    private SinkhornObjective() {
    }

    /**
     * The loss value.
     *
     * @param a     the weights of alpha
     * @param f     {@code F_ba} on alpha
     * @param fAA   {@code F_aa}, or null without debiasing
     * @param b     the weights of beta
     * @param g     {@code G_ab} on beta
     * @param gBB   {@code G_bb}, or null without debiasing
     * @param eps   the temperature of the final step
     * @param rho   the marginal penalty, {@code +infinity} when balanced
     * @param form  the raw unbalanced value (unused otherwise)
     */
    public static double value(double[] a, double[] f, double[] fAA, double[] b, double[] g,
                               double[] gBB, double eps, double rho, UnbalancedCost form) {
        if (Double.isInfinite(rho)) {
            return difference(a, f, fAA) + difference(b, g, gBB);
        }
        double kappa = rho + eps / 2;
        if (fAA != null || form == UnbalancedCost.SINKHORN_COST) {
            return kappa * (decayDifference(a, f, fAA, rho) + decayDifference(b, g, gBB, rho));
        }
        double ma = sum(a);
        double mb = sum(b);
        return rho * (ma + mb) + eps * ma * mb - kappa * (decay(a, f, rho) + decay(b, g, rho));
    }

    /**
     * GeomLoss's {@code potentials=True} output and the balanced weight gradient:
     * {@code f - self}, or a copy of {@code f} when {@code self} is null.
     */
    public static double[] potential(double[] f, double[] self) {
        double[] out = new double[f.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = self == null ? f[i] : f[i] - self[i];
        }
        return out;
    }

    /**
     * {@code dL/da} of the {@link UnbalancedCost#SINKHORN_COST} loss for the potential {@code f}
     * and its self potential ({@code null} without debiasing), at temperature {@code eps}.
     */
    public static double[] weightGradient(double[] f, double[] self, double eps, double rho) {
        if (Double.isInfinite(rho)) {
            return potential(f, self);
        }
        double[] gradient = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            double crossTerm = Math.exp(-f[i] / rho);
            gradient[i] = self != null
                    ? (rho + eps) * (Math.exp(-self[i] / rho) - crossTerm)
                    : (rho + eps) * (1 - crossTerm) - eps / 2;
        }
        return gradient;
    }

    /** {@code <w, f - self>} ({@code <w, f>} when {@code self} is null). */
    private static double difference(double[] w, double[] f, double[] self) {
        double sum = 0.0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i] * (self == null ? f[i] : f[i] - self[i]);
        }
        return sum;
    }

    /** {@code <w, E(self) - E(f)>}, {@code E(self) = 1} when {@code self} is null. */
    private static double decayDifference(double[] w, double[] f, double[] self, double rho) {
        double sum = 0.0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i] * ((self == null ? 1.0 : Math.exp(-self[i] / rho))
                    - Math.exp(-f[i] / rho));
        }
        return sum;
    }

    /** {@code <w, E(f)>}. */
    private static double decay(double[] w, double[] f, double rho) {
        double sum = 0.0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i] * Math.exp(-f[i] / rho);
        }
        return sum;
    }

    /** {@code sum_i w_i}, in index order. */
    private static double sum(double[] w) {
        double total = 0.0;
        for (double value : w) {
            total += value;
        }
        return total;
    }
}
