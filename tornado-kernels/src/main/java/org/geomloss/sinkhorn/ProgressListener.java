package org.geomloss.sinkhorn;

import java.util.Objects;

/**
 * Told where a Sinkhorn run stands ({@link ProgressReport}): after every step of the temperature
 * schedule, when refinement at the final temperature starts, and once when the run is finished.
 * Reports of one run come from the thread running it, in order, with non-decreasing steps and
 * elapsed times. Independent runs computed in parallel (ragged batches) report from their own
 * threads, so a listener shared between them must be thread-safe. A listener should return quickly:
 * it runs inside the loop.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that does nothing. */
    ProgressListener NONE = report -> { };

    /** Receives one report. */
    void onProgress(ProgressReport report);

    /** This listener, then {@code next}, for every report. */
    default ProgressListener andThen(ProgressListener next) {
        Objects.requireNonNull(next, "next");
        return report -> {
            onProgress(report);
            next.onProgress(report);
        };
    }

    /**
     * A listener that passes each schedule step to an older per-iteration callback, as
     * {@code onIteration(step - 1, steps, eps)}; the other reports are not passed on.
     */
    static ProgressListener of(SinkhornProgress perIteration) {
        Objects.requireNonNull(perIteration, "perIteration");
        return report -> {
            if (report.phase() == ProgressReport.Phase.ANNEALING) {
                perIteration.onIteration(report.step() - 1, report.steps(), report.eps());
            }
        };
    }
}
