package org.geomloss.sinkhorn;

/**
 * GeomLoss's "safe" log-weights: {@code log w_i} where {@code w_i > 0}, and exactly
 * {@code -100000} elsewhere, so a zero-weight point contributes {@code exp(-100000) = 0} to every
 * soft-min without producing {@code -infinity}.
 */
public final class LogWeights {

    /** The log-weight of a point of zero (or negative) mass, as in GeomLoss. */
    public static final double ZERO_WEIGHT_LOG = -100000.0;

    private LogWeights() {
    }

    /** Returns the safe logarithms of {@code weights}. */
    public static double[] of(double[] weights) {
        double[] logs = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            logs[i] = weights[i] > 0 ? Math.log(weights[i]) : ZERO_WEIGHT_LOG;
        }
        return logs;
    }
}
