package org.geomloss.spark;

import java.io.Serial;
import java.io.Serializable;
import org.geomloss.Measure;

/**
 * One cloud as it travels between Spark tasks: its id and its float32 coordinates (the precision of
 * {@link Measure}), or the reason it is malformed.
 *
 * @param id        the cloud's id (never null)
 * @param coords    row-major N x D coordinates, or null when malformed
 * @param dimension D
 * @param weights   the N weights, or null for GeomLoss's uniform {@code 1/N}
 * @param error     why the cloud is malformed, or null
 */
record CloudRecord(String id, float[] coords, int dimension, double[] weights, String error)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A malformed cloud. */
    static CloudRecord malformed(String id, String error) {
        return new CloudRecord(id, null, 0, null, error);
    }

    /** The cloud as a measure, or the reason it is not one ({@link Measure}'s own checks). */
    ParsedCloud parse() {
        if (error != null) {
            return ParsedCloud.failed(id, error);
        }
        try {
            return ParsedCloud.of(id, Measure.ofFlat(coords, coords.length / dimension, dimension,
                    weights));
        } catch (IllegalArgumentException e) {
            return ParsedCloud.failed(id, e.getMessage());
        }
    }
}
