package org.geomloss.sinkhorn;

/**
 * The per-step hook of the Sinkhorn loops: called once per step of the temperature schedule, from
 * the thread running the loop. GeomLoss prints its schedule when {@code verbose}; this library logs
 * it through SLF4J and reports it here. The entry points wrap their listener's hook in a
 * {@link ProgressTracker}, which adds the elapsed time, the estimated time left and the end of the
 * run ({@link ProgressReport}); callers that only want the step and temperature may still pass a
 * {@code SinkhornProgress} ({@link ProgressListener#of}).
 */
@FunctionalInterface
public interface SinkhornProgress {

    /** A callback that does nothing. */
    SinkhornProgress NONE = (iteration, total, eps) -> { };

    /**
     * Reports that iteration {@code iteration} (0-based) of {@code total} ran at temperature
     * {@code eps}.
     */
    void onIteration(int iteration, int total, double eps);

    /**
     * Reports that refinement iteration {@code iteration} (1-based, after the schedule) left the
     * marginal error {@code marginalError} ({@link Refinement}); the default ignores it.
     */
    default void onRefinement(int iteration, double marginalError) {
    }
}
