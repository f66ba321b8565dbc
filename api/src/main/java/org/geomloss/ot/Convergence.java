package org.geomloss.ot;

/**
 * How a Sinkhorn run of the ot solvers ended.
 *
 * <ul>
 *   <li>{@link #FIXED_SCHEDULE}: no tolerance was asked for, so no stopping test ran: upstream's
 *       exact sequence ({@code max_iter} annealing steps and one final step).</li>
 *   <li>{@link #CONVERGED}: the marginal error of the returned potentials fell to the tolerance.</li>
 *   <li>{@link #NOT_CONVERGED}: the iteration cap was reached first; the potentials are the last
 *       iterate, usable but less accurate than asked for.</li>
 * </ul>
 */
public enum Convergence {
    /** Upstream's fixed iteration count, no stopping test. */
    FIXED_SCHEDULE,
    /** The marginal error reached the tolerance. */
    CONVERGED,
    /** The iteration cap was reached before the tolerance. */
    NOT_CONVERGED
}
