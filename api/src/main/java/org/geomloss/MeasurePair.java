package org.geomloss;

import java.util.Objects;

/**
 * One problem of a ragged batch: the two measures {@code alpha} (x) and {@code beta} (y) whose loss
 * {@code L(alpha, beta)} is wanted. Unlike a {@link MeasureBatch}, the pairs of a list may have any
 * numbers of points (and any dimension, the same within a pair): GeomLoss cannot batch such clouds.
 *
 * @param x the first measure (alpha)
 * @param y the second measure (beta)
 */
public record MeasurePair(Measure x, Measure y) {

    /** @throws NullPointerException if a measure is null */
    public MeasurePair {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
    }

    /** The pair {@code (x, y)}. */
    public static MeasurePair of(Measure x, Measure y) {
        return new MeasurePair(x, y);
    }
}
