package org.geomloss.examples.cli;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Times a computation run {@code --repeat} times: the fastest run, and the first one, which
 * includes the JIT warm-up.
 */
final class RepeatTimer {

    private final int repeat;
    private double fastest = Double.POSITIVE_INFINITY;
    private double first = Double.NaN;

    /** A timer of {@code repeat} runs; fewer than one is an {@link IllegalArgumentException}. */
    RepeatTimer(int repeat) {
        InputChecks.atLeastOne("--repeat", repeat);
        this.repeat = repeat;
    }

    /** Runs {@code computation} the given number of times and returns the last result. */
    <T> T time(Supplier<T> computation) {
        T result = null;
        for (int r = 0; r < repeat; r++) {
            long start = System.nanoTime();
            result = computation.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            fastest = Math.min(fastest, seconds);
            first = r == 0 ? seconds : first;
        }
        return result;
    }

    /** Puts the fastest run's seconds, the first run's and the number of runs into {@code json}. */
    void report(Map<String, Object> json) {
        json.put("seconds", fastest);
        json.put("seconds_first", first);
        json.put("repeat", repeat);
    }
}
