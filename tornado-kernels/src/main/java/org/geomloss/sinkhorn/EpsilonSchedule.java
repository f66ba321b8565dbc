package org.geomloss.sinkhorn;

import java.util.Arrays;

/**
 * GeomLoss's epsilon-scaling schedules: {@link #geomspace} for the {@code geomloss.ot} solvers, and
 * {@link #geomloss} for {@code SamplesLoss} (its {@code epsilon_schedule}), the
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

    /**
     * The schedule of GeomLoss's {@code geomloss.ot} solvers ({@code annealing_parameters} with
     * {@code n_iter} given): {@code n} temperatures in geometric progression from
     * {@code R' = max(maxMinCost, eps)} down to {@code eps}, both endpoints exact,
     * <pre>  eps_k = 10^(log10 R' + k (log10 eps - log10 R') / (n - 1)),  k = 0 .. n-1</pre>
     * (NumPy's {@code geomspace}); {@code [eps]} when {@code n = 1}, and constant when
     * {@code R' = eps}.
     *
     * @param maxMinCost the cost range {@code max C - min C} (or the squared diameter of the clouds)
     * @param eps        the final temperature, {@code > 0}
     * @param n          the number of temperatures, {@code >= 1}
     * @throws IllegalArgumentException if {@code n < 1}, {@code eps} is not positive and finite or
     *                                  {@code maxMinCost} is not finite
     */
    public static double[] geomspace(double maxMinCost, double eps, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be > 0 and finite, got " + eps);
        }
        if (!Double.isFinite(maxMinCost)) {
            throw new IllegalArgumentException("maxMinCost must be finite, got " + maxMinCost);
        }
        double start = Math.max(maxMinCost, eps);
        double[] schedule = new double[n];
        schedule[0] = start;
        if (n == 1) {
            schedule[0] = eps;
            return schedule;
        }
        double logStart = Math.log10(start);
        double step = (Math.log10(eps) - logStart) / (n - 1);
        for (int k = 1; k < n - 1; k++) {
            schedule[k] = Math.pow(10.0, k * step + logStart);
        }
        schedule[n - 1] = eps;
        return schedule;
    }

    /** The blur-like values {@code eps^(1/p)} of a schedule, for logs. */
    public static String describe(double[] schedule, int p) {
        return Arrays.stream(schedule).mapToObj(e -> String.format("%.3f", Math.pow(e, 1.0 / p)))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
