package org.geomloss;

import org.geomloss.sinkhorn.Refinement;
import org.geomloss.sinkhorn.SinkhornProgress;
import org.geomloss.sinkhorn.SymmetricSinkhorn;

/**
 * GeomLoss's annealing on a {@link SymmetricSinkhorn} (tensorized and online backends,
 * {@link SymmetricSinkhorn#anneal}), then, when a tolerance is set, iterations at {@code eps_{L-1}} until
 * the marginal error is within it ({@link SymmetricSinkhorn#refine}). The caller finishes with
 * {@link SymmetricSinkhorn#extrapolate(double)} at {@code eps_{L-1}}.
 */
final class Annealing {

    private Annealing() {
    }

    /**
     * @param loop       the loop, its operators set
     * @param schedule   the temperatures
     * @param progress   told of each step of the schedule
     * @param a          the raw weights of alpha (the marginal error is in their mass units)
     * @param b          the raw weights of beta
     * @param refinement the tolerance and iteration cap, or null for GeomLoss's fixed schedule
     * @return how the refinement ended, or null when none was asked for
     */
    static Refinement.Outcome run(SymmetricSinkhorn loop, double[] schedule,
                                  SinkhornProgress progress, double[] a, double[] b,
                                  Refinement refinement) {
        loop.anneal(schedule, progress);
        return refinement == null ? null
                : loop.refine(schedule[schedule.length - 1], a, b, refinement);
    }
}
