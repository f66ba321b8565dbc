package org.geomloss.spark;

import java.util.Locale;

/**
 * What a job does with a malformed cloud (NaN or infinite coordinates, no points, a wrong
 * dimension, bad weights) or a pair the loss refuses (different dimensions, unequal masses in
 * balanced mode). Either way no row is dropped: the output has one row per pair or input row.
 */
public enum ErrorPolicy {
    /** The job fails; the message names the cloud's id (or the pair's ids) and the reason. */
    FAIL,
    /** Each result row carries an {@code error} column: null when the value was computed, else the
     * reason, with a null value. */
    COLUMN;

    /** The policy named {@code "fail"} or {@code "column"}, case-insensitive. */
    public static ErrorPolicy fromName(String name) {
        for (ErrorPolicy policy : values()) {
            if (policy.name().equalsIgnoreCase(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("errors must be 'fail' or 'column', got '" + name + "'");
    }

    /** The name used on the command line. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
