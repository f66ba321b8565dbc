package org.geomloss.spark;

import org.geomloss.Measure;

/**
 * A cloud inside a task: a validated {@link Measure}, or the reason it could not be one.
 *
 * @param id      the cloud's id
 * @param measure the measure, or null when malformed
 * @param error   the reason, prefixed with the cloud's id, or null
 */
record ParsedCloud(String id, Measure measure, String error) {

    static ParsedCloud of(String id, Measure measure) {
        return new ParsedCloud(id, measure, null);
    }

    static ParsedCloud failed(String id, String reason) {
        return new ParsedCloud(id, null, "cloud '" + id + "': " + reason);
    }
}
