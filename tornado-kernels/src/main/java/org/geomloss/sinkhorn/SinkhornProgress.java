package org.geomloss.sinkhorn;

/**
 * Progress callback of the Sinkhorn loops: called once per iteration, from the calling thread.
 * GeomLoss prints its schedule when {@code verbose}; this library logs it through SLF4J and also
 * reports it here.
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
}
