package org.geomloss.sinkhorn;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one Sinkhorn run stands: what runs, the step of the temperature schedule just finished, the
 * temperature, the time since the run started and the estimated time left. Built by
 * {@link ProgressTracker}, the one place that measures and estimates; delivered to a
 * {@link ProgressListener}.
 *
 * <p>The estimate is {@code elapsed / step * (steps - step)}: the mean time of the steps run so far
 * times the steps left (every step of a schedule costs about the same soft-mins). Edge cases:
 * <ul>
 *   <li>{@link Phase#ANNEALING}: {@code 1 <= step <= steps}; when {@code openEnded}, refinement
 *       iterations of unknown count follow the schedule and {@code remaining} covers the schedule
 *       only (a lower bound).</li>
 *   <li>{@link Phase#REFINING}: the schedule is done ({@code step == steps}); iterations at the final
 *       temperature run until a tolerance is met, their count unknown in advance, so
 *       {@code remaining} is empty. One report when the refinement starts
 *       ({@code extraIterations = 0}), then one after each of its iterations.</li>
 *   <li>{@link Phase#FINISHED}: the last report of a run, once its result is computed;
 *       {@code remaining} is zero and {@code extraIterations} counts the refinement iterations
 *       (0 without a tolerance). Losses without a Sinkhorn loop (kernel norms) send only this
 *       report, with {@code steps = 0}.</li>
 * </ul>
 * Immutable.
 *
 * @param phase           what the run is doing
 * @param label           what runs, for people (for example {@code "sinkhorn online 1000x1000"})
 * @param step            schedule steps done, {@code 0 <= step <= steps}
 * @param steps           the length of the temperature schedule, {@code >= 0}
 * @param eps             the temperature of the last step ({@code NaN} before any step)
 * @param blur            the same temperature as a length, {@code eps = blur^p} ({@code NaN} when
 *                        {@code eps} is)
 * @param elapsed         time since the run started, {@code >= 0}
 * @param remaining       estimated time left, empty when unknown
 * @param openEnded       whether refinement iterations of unknown count are still to come
 * @param extraIterations refinement iterations run after the schedule so far
 */
public record ProgressReport(Phase phase, String label, int step, int steps, double eps,
                             double blur, Duration elapsed, Optional<Duration> remaining,
                             boolean openEnded, int extraIterations) {

    /** What a Sinkhorn run is doing. */
    public enum Phase {
        /** One step of the temperature schedule (GeomLoss's epsilon-scaling) is done. */
        ANNEALING,
        /** The schedule is done; iterations at the final temperature run until a tolerance holds. */
        REFINING,
        /** The run is over and its result computed. */
        FINISHED
    }

    /** Checks the counts and the non-null components. */
    public ProgressReport {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(remaining, "remaining");
        if (steps < 0 || step < 0 || step > steps) {
            throw new IllegalArgumentException("step must be in [0, steps], got step " + step
                    + " of " + steps);
        }
        if (extraIterations < 0) {
            throw new IllegalArgumentException("extraIterations must be >= 0, got "
                    + extraIterations);
        }
    }

    /**
     * The estimate of the time left after {@code done} of {@code total} equal pieces of work took
     * {@code elapsed}: {@code elapsed / done * (total - done)}, empty before the first piece.
     */
    public static Optional<Duration> remainingAfter(Duration elapsed, long done, long total) {
        if (done <= 0) {
            return Optional.empty();
        }
        double perPiece = (double) elapsed.toNanos() / done;
        return Optional.of(Duration.ofNanos(Math.round(perPiece * Math.max(0, total - done))));
    }
}
