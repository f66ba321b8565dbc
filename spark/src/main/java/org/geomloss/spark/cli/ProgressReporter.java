package org.geomloss.spark.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.util.LongAccumulator;

/**
 * Prints a job's progress on the terminal every few seconds while it runs: items done out of the
 * total, the rate and the time left at that rate. The counter is a Spark accumulator, which grows as
 * tasks finish. Closing it prints the final line. Thread-safe.
 */
final class ProgressReporter implements AutoCloseable {

    private static final long PERIOD_SECONDS = 5;

    private final LongAccumulator done;
    private final long total;
    private final String unit;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;

    ProgressReporter(LongAccumulator done, long total, String unit, PrintWriter err) {
        this.done = done;
        this.total = total;
        this.unit = unit;
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "geomloss-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::report, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /** Seconds since the job started. */
    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        report();
    }

    private synchronized void report() {
        long count = done.value();
        double seconds = seconds();
        double rate = count / Math.max(seconds, 1e-9);
        String left = count == 0 ? "unknown" : duration((total - count) / rate);
        err.println(String.format(Locale.ROOT, "%,d / %,d %s (%.1f%%), %.1f %s/s, %s left, %s "
                        + "elapsed", count, total, unit, total == 0 ? 100.0 : 100.0 * count / total,
                rate, unit, left, duration(seconds)));
        err.flush();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
