package org.geomloss.sinkhorn;

/**
 * Which representation of the two measures ({@link SinkhornScale}) each temperature of an annealing
 * runs on, and how the potentials move from one representation to a finer one: the only thing in
 * which single-scale, two-scale, point-pyramid and image-pyramid Sinkhorn differ
 * ({@link AnnealingDriver} runs them all).
 *
 * <p>Contract: {@link #scaleAt} is called for {@code t = 0, 1, ..., L-1} in order and returns the
 * same object while the representation does not change; representations only get finer. The
 * refinement and, unless {@link #ending()} says otherwise, the final step run on {@link #finest()}.
 *
 * <p>A plan is built for one run and used by one thread.
 */
public interface ScalePlan {

    /** How a run whose last temperature is not on the finest representation ends. */
    enum Ending {
        /** Transfer the potentials to the finest representation, then take the final step there. */
        FINAL_STEP_ON_FINEST,
        /**
         * The transfer itself is the final step (GeomLoss's two-scale scheme when the jump comes
         * after the last temperature): gradients flow through the costs between the finest atoms
         * and the coarse ones. A refinement still transfers first and ends on the finest atoms.
         */
        TRANSFER_IS_FINAL_STEP
    }

    /** The representation of temperature {@code t} of the schedule. */
    SinkhornScale scaleAt(int t);

    /** The measures themselves (or their finest representation): refinement and final step. */
    SinkhornScale finest();

    /**
     * The four potentials on {@code fine} carried from the loop's current ones on {@code coarse}
     * at temperature {@code eps}, each the C-transform of the coarse potential of its source side,
     * e.g. {@code f_i = lambda softmin_eps(c(x_i, y_l), log beta_l + g_l / eps)} over the coarse
     * atoms {@code y_l}; returned with the directions that computed them.
     */
    FinalStep transfer(SymmetricSinkhorn loop, SinkhornScale coarse, SinkhornScale fine, double eps);

    /** How the run ends (default {@link Ending#FINAL_STEP_ON_FINEST}). */
    default Ending ending() {
        return Ending.FINAL_STEP_ON_FINEST;
    }

    /** Told that the loop left {@code scale} for good (a plan may release its memory). */
    default void left(SinkhornScale scale) {
    }
}
