package org.geomloss.ot;

/**
 * The solution of one entropic OT problem (GeomLoss's {@code ot.OTResult}): the final dual
 * potentials {@code f} (on the N source points) and {@code g} (on the M targets), and everything
 * derived from them, computed on first access and cached:
 * <pre>
 *   density  P_ij  = exp((f_i + g_j - C_ij) / eps)
 *   plan     pi_ij = a_i b_j P_ij
 *   marginals pi 1_M = a . (P b),  pi^T 1_N = b . (P^T a)
 * </pre>
 * and {@code value}, the regularised cost ({@link OTResultMatrix#value()} gives the formulas).
 * Upstream's KeOps-only {@code lazy_plan} / {@code lazy_density} are served by
 * {@code planOperator()} / {@code densityOperator()}, which never build the N x M matrix.
 *
 * <p>Why a plan may be inaccurate: with a fixed {@code maxIter} (upstream's mode) nothing is
 * measured and the marginals are typically off by {@code O(log(R/eps) / maxIter)}; check
 * {@code marginalError()}, or give a tolerance. Results are immutable and thread-safe; accessors
 * return copies.
 */
public sealed interface OTResult permits OTResultMatrix, OTResultSample {

    /** The regularised transport cost (GeomLoss's {@code value}). */
    double value();

    /** The potential {@code f} on the source points. */
    double[] potentialA();

    /** The potential {@code g} on the target points. */
    double[] potentialB();

    /** The self potential {@code f_aa}; throws {@link IllegalStateException} unless debiased. */
    double[] potentialAA();

    /** The self potential {@code g_bb}; throws {@link IllegalStateException} unless debiased. */
    double[] potentialBB();

    /** The dense N x M density {@code P}. */
    double[][] density();

    /** The dense N x M plan {@code pi}. */
    double[][] plan();

    /** {@code pi 1_M}. */
    double[] marginalA();

    /** {@code pi^T 1_N}. */
    double[] marginalB();

    /** {@code x -> pi x}, without the matrix. */
    LinearOperator planOperator();

    /** {@code x -> P x}, without the matrix. */
    LinearOperator densityOperator();

    /** The L1 violation of the optimality conditions on the marginals (0 at convergence). */
    double marginalError();

    /** The citation text. */
    String citation();

    /** The temperature {@code eps}. */
    double reg();

    /** The marginal penalty {@code rho}, {@code +infinity} when balanced. */
    double unbalanced();

    /** Whether the self problems were solved. */
    boolean debiased();

    /** Averaged iterations run. */
    int iterations();

    /** How the run ended. */
    Convergence convergence();

    /** Whether a requested tolerance was reached. */
    boolean converged();

    /** The strategy and precision that ran. */
    String backendUsed();
}
