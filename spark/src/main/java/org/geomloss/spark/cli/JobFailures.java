package org.geomloss.spark.cli;

/**
 * Finds the input error behind a failure: Spark reports a task's exception wrapped in its own, with
 * the original as a cause (locally) or only in its message (from a remote executor).
 */
final class JobFailures {

    private static final String MARKER = IllegalArgumentException.class.getName() + ": ";

    private JobFailures() {
    }

    /**
     * The message of the first {@link IllegalArgumentException} (or unsupported operation) in the
     * chain of {@code failure}, or null when it was not caused by bad input.
     */
    static String inputError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof UnsupportedOperationException) {
                return t.getMessage();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            int at = message == null ? -1 : message.indexOf(MARKER);
            if (at >= 0) {
                String rest = message.substring(at + MARKER.length());
                int end = rest.indexOf('\n');
                return end < 0 ? rest : rest.substring(0, end);
            }
        }
        return null;
    }
}
