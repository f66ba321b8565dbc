package org.geomloss.examples.bench;

import java.util.Map;

/**
 * One measured time: which tool ran, with which parameters (e.g. {@code n=10000},
 * {@code backend=online}), and how many seconds one call took. Immutable and thread-safe.
 *
 * @param tool       who was timed: {@code "geomloss-java"} for JMH results, the {@code tool} column
 *                   of a peer file (e.g. {@code GeomLoss}, {@code POT})
 * @param parameters the parameters, by name (JMH's {@code @Param}s, the peer file's other columns)
 * @param seconds    seconds per call, {@code > 0}
 */
public record Timing(String tool, Map<String, String> parameters, double seconds) {

    /** The tool of the JMH results. */
    public static final String THIS_LIBRARY = "geomloss-java";

    /** Copies the parameters and checks the time. */
    public Timing {
        parameters = Map.copyOf(parameters);
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("a time must be > 0 seconds and finite, got "
                    + seconds + " for " + tool + " " + parameters);
        }
    }
}
