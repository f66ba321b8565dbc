package org.geomloss.sinkhorn;

/**
 * Iterations at the final temperature after GeomLoss's annealing, until the potentials meet a
 * tolerance on the marginal constraints ({@link SymmetricSinkhorn#refine}). GeomLoss has no such
 * step: its fixed schedule stops where the schedule ends, converged or not.
 *
 * <p>The marginal error of potentials {@code (f, g)} on the side of {@code f} is the L1 violation
 * <pre>  sum_i a_i |exp((f_i - S_i)/eps) - exp(-f_i/rho)|,   S = softmin_eps(l_b + g/eps)</pre>
 * in mass units (POT's measure; {@code exp(-f/rho) = 1} when balanced): 0 exactly at the optimum of
 * the regularised problem. Self problems are measured the same way on their own side.
 *
 * @param tolerance     the largest accepted marginal error, {@code > 0}
 * @param maxIterations the cap on the iterations after the annealing, {@code >= 0}
 */
public record Refinement(double tolerance, int maxIterations) {

    /** Checks the two limits. */
    public Refinement {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tol must be > 0, got " + tolerance);
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxExtraIter must be >= 0, got " + maxIterations);
        }
    }

    /**
     * How a refinement ended.
     *
     * @param iterations    the iterations run after the annealing
     * @param marginalError the marginal error of the returned potentials (the largest over the
     *                      problems solved)
     * @param converged     whether that error is within the tolerance
     */
    public record Outcome(int iterations, double marginalError, boolean converged) {
    }
}
