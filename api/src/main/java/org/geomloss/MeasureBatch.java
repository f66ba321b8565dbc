package org.geomloss;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * B measures with the same number of points N and dimension D: GeomLoss's batched inputs
 * {@code (B, N, D)} with weights {@code (B, N)}. A batch shares one diameter and one epsilon
 * schedule, computed from all its points, as in GeomLoss.
 *
 * <p>Immutable and thread-safe.
 */
public final class MeasureBatch {

    private final List<Measure> measures;

    private MeasureBatch(List<Measure> measures) {
        this.measures = measures;
    }

    /** A batch of measures of equal N and D. */
    public static MeasureBatch of(Measure... measures) {
        return of(Arrays.asList(Objects.requireNonNull(measures, "measures")));
    }

    /** A batch of measures of equal N and D. */
    public static MeasureBatch of(List<Measure> measures) {
        if (Objects.requireNonNull(measures, "measures").isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one measure, got 0");
        }
        for (int b = 0; b < measures.size(); b++) {
            int index = b;
            Objects.requireNonNull(measures.get(b), () -> "measures[" + index + "]");
        }
        Measure first = measures.get(0);
        for (int b = 1; b < measures.size(); b++) {
            Measure m = measures.get(b);
            if (m.count() != first.count() || m.dimension() != first.dimension()) {
                throw new IllegalArgumentException("measures[" + b + "] has N=" + m.count() + ", D="
                        + m.dimension() + " but measures[0] has N=" + first.count() + ", D="
                        + first.dimension());
            }
        }
        return new MeasureBatch(List.copyOf(measures));
    }

    /** B, the number of measures. */
    public int size() {
        return measures.size();
    }

    /** Measure {@code b}. */
    public Measure get(int b) {
        return measures.get(b);
    }

    /** The measures, in order (unmodifiable). */
    public List<Measure> measures() {
        return measures;
    }
}
