package org.geomloss.sinkhorn;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Turns the per-step calls of a Sinkhorn loop ({@link SinkhornProgress#onIteration}) into
 * {@link ProgressReport}s for a {@link ProgressListener}: it measures the time since the run
 * started, estimates the time left ({@link ProgressReport#remainingAfter}) and says when the
 * refinement of unknown length begins and when the run is {@link #finish finished}. The one place
 * where progress is measured; the loops only call {@link #onIteration}.
 *
 * <p>One tracker per run: the clock starts at construction. Not thread-safe (a run reports from one
 * thread).
 */
public final class ProgressTracker implements SinkhornProgress {

    private final ProgressListener listener;
    private final String label;
    private final DoubleUnaryOperator blurOfEps;
    private final boolean refines;
    private final LongSupplier nanoClock;
    private final long start;
    private int step;
    private int steps;
    private double eps = Double.NaN;

    /**
     * A tracker on the system clock ({@link System#nanoTime()}).
     *
     * @param listener  receives the reports
     * @param label     what runs, for people
     * @param blurOfEps the length of a temperature ({@code eps -> eps^(1/p)} for
     *                  {@code eps = blur^p})
     * @param refines   whether refinement iterations of unknown count follow the schedule
     */
    public ProgressTracker(ProgressListener listener, String label, DoubleUnaryOperator blurOfEps,
                           boolean refines) {
        this(listener, label, blurOfEps, refines, System::nanoTime);
    }

    /** A tracker on the given clock, in nanoseconds (tests pass a fake one). */
    public ProgressTracker(ProgressListener listener, String label, DoubleUnaryOperator blurOfEps,
                           boolean refines, LongSupplier nanoClock) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.label = Objects.requireNonNull(label, "label");
        this.blurOfEps = Objects.requireNonNull(blurOfEps, "blurOfEps");
        this.refines = refines;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.start = nanoClock.getAsLong();
    }

    /**
     * Reports step {@code iteration + 1} of {@code total} at temperature {@code eps}; after the last
     * one, when refining, also reports the start of the refinement.
     */
    @Override
    public void onIteration(int iteration, int total, double eps) {
        this.step = iteration + 1;
        this.steps = total;
        this.eps = eps;
        Duration elapsed = elapsed();
        listener.onProgress(report(ProgressReport.Phase.ANNEALING, elapsed,
                ProgressReport.remainingAfter(elapsed, step, steps), 0));
        if (refines && step == steps) {
            listener.onProgress(report(ProgressReport.Phase.REFINING, elapsed, Optional.empty(), 0));
        }
    }

    /** Reports that {@code iteration} refinement iterations ran (the phase {@code REFINING}). */
    @Override
    public void onRefinement(int iteration, double marginalError) {
        listener.onProgress(report(ProgressReport.Phase.REFINING, elapsed(), Optional.empty(),
                iteration));
    }

    /** Reports the end of the run, after {@code extraIterations} refinement iterations. */
    public void finish(int extraIterations) {
        listener.onProgress(report(ProgressReport.Phase.FINISHED, elapsed(),
                Optional.of(Duration.ZERO), extraIterations));
    }

    private ProgressReport report(ProgressReport.Phase phase, Duration elapsed,
                                  Optional<Duration> remaining, int extraIterations) {
        boolean openEnded = refines && phase != ProgressReport.Phase.FINISHED;
        return new ProgressReport(phase, label, step, steps, eps,
                Double.isNaN(eps) ? Double.NaN : blurOfEps.applyAsDouble(eps), elapsed, remaining,
                openEnded, extraIterations);
    }

    private Duration elapsed() {
        return Duration.ofNanos(Math.max(0, nanoClock.getAsLong() - start));
    }
}
