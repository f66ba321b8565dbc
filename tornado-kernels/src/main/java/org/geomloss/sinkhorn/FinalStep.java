package org.geomloss.sinkhorn;

/**
 * The last, "extrapolation" update of a symmetric Sinkhorn loop, the only one gradients flow through
 * (the envelope theorem, as in GeomLoss): each potential is {@code lambda * softmin_eps(h)} for a fixed
 * log-vector {@code h} built from the previous potentials.
 *
 * @param eps    the temperature of the step ({@code blur^p})
 * @param lambda the damping {@code 1 / (1 + eps / rho)}, 1 when balanced
 * @param fBA    the potential of OT(beta -> alpha) on x, {@code F^{ba}}, or {@code null} for self problems only
 * @param gAB    the potential of OT(alpha -> beta) on y, {@code G^{ab}}, or {@code null} for self problems only
 * @param fAA    the self potential {@code F^{aa}} on x, or {@code null} without debiasing
 * @param gBB    the self potential {@code G^{bb}} on y, or {@code null} without debiasing
 */
public record FinalStep(double eps, double lambda, Direction fBA, Direction gAB, Direction fAA,
                        Direction gBB) {

    /** Whether the self-transport potentials were computed. */
    public boolean debiased() {
        return fAA != null;
    }

    /**
     * One potential of the final step with what produced it.
     *
     * @param operator  the soft-min direction that produced it
     * @param h         the fixed log-vector it was computed from
     * @param potential {@code lambda * softmin_eps(h)}
     */
    public record Direction(SoftminOperator operator, double[] h, double[] potential) {
    }

    /**
     * The gradient of one potential with respect to its target points, row-major N x D:
     * {@code lambda * sum_j P_ij grad_1 C(x_i, y_j)}.
     */
    public double[] gradient(Direction direction, int dimension) {
        int n = direction.potential().length;
        double[] softmin = new double[n];
        for (int i = 0; i < n; i++) {
            softmin[i] = direction.potential()[i] / lambda;
        }
        double[] out = new double[n * dimension];
        direction.operator().softminGradient(eps, direction.h(), softmin, out);
        if (lambda != 1.0) {
            for (int k = 0; k < out.length; k++) {
                out[k] *= lambda;
            }
        }
        return out;
    }
}
