package org.geomloss.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A normwise tolerance, as in the golden README section 1:
 * {@code max_k |actual_k - expected_k| <= rtol * max_k |expected_k| + atol}.
 *
 * @param rtol relative tolerance, against the largest expected entry
 * @param atol absolute tolerance
 */
public record Tolerance(double rtol, double atol) {

    /** float32 port: values, potentials and weight gradients (golden README section 5). */
    public static final Tolerance FLOAT32_VALUES = new Tolerance(1e-4, 0);
    /** float32 port: position gradients. */
    public static final Tolerance FLOAT32_POSITION_GRADIENTS = new Tolerance(5e-4, 0);
    /** float32 port: plans, densities, marginals and operator outputs. */
    public static final Tolerance FLOAT32_PLANS = new Tolerance(2e-3, 0);
    /** float64 port: values, potentials, plans. */
    public static final Tolerance FLOAT64_VALUES = new Tolerance(1e-9, 1e-12);
    /** float64 port: position gradients. */
    public static final Tolerance FLOAT64_POSITION_GRADIENTS = new Tolerance(1e-7, 1e-12);

    /** The same tolerance with a larger absolute part. */
    public Tolerance plusAbsolute(double extra) {
        return new Tolerance(rtol, atol + extra);
    }

    /** The normwise relative difference {@code max_k |actual_k - expected_k| / max_k |expected_k|}. */
    public static double relativeDifference(double[] expected, double[] actual) {
        double diff = 0;
        double scale = 0;
        for (int k = 0; k < expected.length; k++) {
            diff = Math.max(diff, Math.abs(actual[k] - expected[k]));
            scale = Math.max(scale, Math.abs(expected[k]));
        }
        return diff / scale;
    }

    /** Asserts the normwise bound; the float32 tolerances add {@code 1e-7 * scale} of absolute slack. */
    public void check(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        double error = 0;
        for (int k = 0; k < expected.length; k++) {
            scale = Math.max(scale, Math.abs(expected[k]));
            if (!Double.isFinite(actual[k])) {
                throw new AssertionError(what + "[" + k + "] is " + actual[k]);
            }
            error = Math.max(error, Math.abs(actual[k] - expected[k]));
        }
        double bound = rtol * scale + atol + (rtol >= 1e-6 ? 1e-7 * scale : 0);
        if (!(error <= bound)) {
            throw new AssertionError(String.format(
                    "%s: max error %.3e > %.3e (rtol %.1e, scale %.3e); relative %.3e", what, error,
                    bound, rtol, scale, scale > 0 ? error / scale : error));
        }
    }
}
