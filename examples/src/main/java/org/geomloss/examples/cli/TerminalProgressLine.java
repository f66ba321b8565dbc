package org.geomloss.examples.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.geomloss.sinkhorn.ProgressListener;
import org.geomloss.sinkhorn.ProgressReport;

/**
 * One line of progress on a terminal, redrawn in place ({@code \r}) as work advances: what runs,
 * the step out of the total, the temperature of a Sinkhorn run, the elapsed time and the estimated
 * time left. It takes the library's {@link ProgressReport}s ({@link #onProgress}) and plain counts
 * of finished pieces of work ({@link #count}, for flows, frames or a job's pairs).
 *
 * <ul>
 *   <li>Nothing is drawn during the first {@link #DELAY} after the line was made, so quick commands
 *       print nothing; after that the line is redrawn at most every {@link #REDRAW_PERIOD}, and at
 *       once when a run starts refining or finishes.</li>
 *   <li>{@link #onStandardError()} draws only when the process runs on a terminal
 *       ({@link Console#isTerminal()}: standard input and output are a terminal), so pipes and
 *       redirected output never see it; the JSON a command prints on standard output is unchanged.</li>
 *   <li>{@link #erase()} (before printing other lines) and {@link #close()} erase the line,
 *       leaving the terminal as it was; the next report draws it again.</li>
 *   <li>The estimate of a count is {@link ProgressReport#remainingAfter}, the one the library uses;
 *       a Sinkhorn run whose refinement has not finished says its iteration count is unknown.</li>
 * </ul>
 * Thread-safe: reports from parallel runs are drawn one at a time (the last one wins).
 */
public final class TerminalProgressLine implements ProgressListener, AutoCloseable {

    /** How long a command runs before the line appears. */
    public static final Duration DELAY = Duration.ofSeconds(1);
    /** The shortest time between two redraws. */
    public static final Duration REDRAW_PERIOD = Duration.ofMillis(100);

    private final PrintWriter terminal;
    private final LongSupplier nanoClock;
    private final long start;
    private long lastDraw = Long.MIN_VALUE;
    private int drawnWidth;

    /**
     * A line drawn into {@code terminal}, timed by {@code nanoClock} (nanoseconds; tests pass a fake
     * terminal and a fake clock).
     */
    public TerminalProgressLine(PrintWriter terminal, LongSupplier nanoClock) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.start = nanoClock.getAsLong();
    }

    /**
     * A line on standard error when the process runs on a terminal; otherwise a line that draws
     * nothing.
     */
    public static TerminalProgressLine onStandardError() {
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        PrintWriter writer = terminal ? new PrintWriter(System.err, false)
                : new PrintWriter(PrintWriter.nullWriter());
        return new TerminalProgressLine(writer, System::nanoTime);
    }

    /** Draws where a Sinkhorn run stands. */
    @Override
    public void onProgress(ProgressReport report) {
        draw(describe(report), report.phase() != ProgressReport.Phase.ANNEALING);
    }

    /**
     * Draws {@code done} of {@code total} pieces of work named {@code unit} (for example
     * {@code "pairs"}), with the rate and the time left at that rate since this line was made.
     */
    public void count(String label, long done, long total, String unit) {
        Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
        double rate = done / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        draw(String.format(Locale.ROOT, "%s: %,d/%,d %s (%.0f%%), %.1f %s/s, %s elapsed, %s left",
                label, done, total, unit, total == 0 ? 100.0 : 100.0 * done / total, rate, unit,
                duration(elapsed), remaining(ProgressReport.remainingAfter(elapsed, done, total))),
                done == total);
    }

    /** Erases the line, if one was drawn. */
    @Override
    public void close() {
        erase();
    }

    /** Erases the line, if one is drawn, so that other output may follow on the terminal. */
    public synchronized void erase() {
        if (drawnWidth > 0) {
            terminal.print("\r" + " ".repeat(drawnWidth) + "\r");
            terminal.flush();
            drawnWidth = 0;
        }
    }

    /** The text of a report: label, step, temperature, times. */
    static String describe(ProgressReport report) {
        String temperature = Double.isNaN(report.eps()) ? ""
                : String.format(Locale.ROOT, ", blur %.3g (eps %.3g)", report.blur(), report.eps());
        return switch (report.phase()) {
            case ANNEALING -> String.format(Locale.ROOT, "%s: step %d/%d%s, %s elapsed, %s left%s",
                    report.label(), report.step(), report.steps(), temperature,
                    duration(report.elapsed()), remaining(report.remaining()),
                    report.openEnded() ? " + refinement (iterations unknown)" : "");
            case REFINING -> String.format(Locale.ROOT,
                    "%s: schedule done (%d steps), refining to the tolerance%s, iteration count "
                            + "unknown, %s elapsed", report.label(), report.steps(), temperature,
                    duration(report.elapsed()));
            case FINISHED -> String.format(Locale.ROOT, "%s: done in %s (%d steps%s)",
                    report.label(), duration(report.elapsed()), report.steps(),
                    report.extraIterations() == 0 ? ""
                            : " + " + report.extraIterations() + " refinement iterations");
        };
    }

    private synchronized void draw(String text, boolean now) {
        long time = nanoClock.getAsLong();
        if (time - start < DELAY.toNanos()
                || (!now && lastDraw != Long.MIN_VALUE && time - lastDraw < REDRAW_PERIOD.toNanos())) {
            return;
        }
        lastDraw = time;
        String padding = " ".repeat(Math.max(0, drawnWidth - text.length()));
        terminal.print("\r" + text + padding);
        terminal.flush();
        drawnWidth = text.length();
    }

    private static String remaining(Optional<Duration> remaining) {
        return remaining.map(TerminalProgressLine::duration).orElse("unknown time");
    }

    /** {@code 0.4 s}, {@code 12 s}, {@code 3m05s}, {@code 1h02m}. */
    static String duration(Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        long whole = Math.round(seconds);
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return whole >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", whole / 3600, whole % 3600 / 60)
                : whole >= 60 ? String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60)
                : whole + " s";
    }
}
