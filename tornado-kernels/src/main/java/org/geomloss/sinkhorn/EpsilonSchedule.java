package org.geomloss.sinkhorn;

import java.util.Arrays;

/**
 * GeomLoss's epsilon-scaling schedule for {@code SamplesLoss} (its {@code epsilon_schedule}): the
 * temperatures of the symmetric Sinkhorn loop, from {@code diameter^p} down to {@code blur^p}.
 *
 * <p>With {@code d} the diameter, {@code s} the scaling and {@code b} the blur, the middle terms are
 * {@code exp(p ln d + k p ln s)} for {@code k = 0 .. K-1}, with
 * {@code K = max(0, ceil((p ln b - p ln d) / (p ln s)))} (NumPy's {@code arange}), and the list is
 * <pre>  [d^p, exp(p ln d), exp(p ln d + p ln s), ..., b^p]</pre>
 * so {@code d^p} appears twice and the length is {@code K + 2}. When {@code b >= d} or {@code s > 1}
 * the list is {@code [d^p, b^p]}.
 *
 * <p>A zero diameter (all points equal) makes upstream fail; here it is replaced by the blur, giving
 * {@code [b^p, b^p]}.
 */
public final class EpsilonSchedule {

    private EpsilonSchedule() {
    }

    /**
     * The temperatures for exponent {@code p}, diameter, blur and scaling.
     *
     * @throws IllegalArgumentException if blur or scaling is not positive and finite, or scaling is 1
     */
    public static double[] geomloss(int p, double diameter, double blur, double scaling) {
        if (!(blur > 0) || Double.isInfinite(blur)) {
            throw new IllegalArgumentException("blur must be > 0 and finite, got " + blur);
        }
        if (!(scaling > 0) || Double.isInfinite(scaling) || scaling == 1.0) {
            throw new IllegalArgumentException(
                    "scaling must be in (0, 1) (1 would never reach the blur), got " + scaling);
        }
        if (!(diameter >= 0) || Double.isInfinite(diameter)) {
            throw new IllegalArgumentException("diameter must be >= 0 and finite, got " + diameter);
        }
        double d = diameter > 0 ? diameter : blur;
        double start = p * Math.log(d);
        double stop = p * Math.log(blur);
        double step = p * Math.log(scaling);
        int middle = (int) Math.max(0, Math.ceil((stop - start) / step));
        double[] schedule = new double[middle + 2];
        schedule[0] = Math.pow(d, p);
        for (int k = 0; k < middle; k++) {
            schedule[k + 1] = Math.exp(start + k * step);
        }
        schedule[middle + 1] = Math.pow(blur, p);
        return schedule;
    }

    /** The blur-like values {@code eps^(1/p)} of a schedule, for logs. */
    public static String describe(double[] schedule, int p) {
        return Arrays.stream(schedule).mapToObj(e -> String.format("%.3f", Math.pow(e, 1.0 / p)))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
