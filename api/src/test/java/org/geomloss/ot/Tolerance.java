package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A normwise tolerance, as in the golden README section 1:
 * {@code max_k |actual_k - expected_k| <= rtol * max_k |expected_k| + atol}; NaN matches NaN and
 * infinities must match exactly.
 *
 * @param rtol relative part
 * @param atol absolute part
 */
record Tolerance(double rtol, double atol) {

    /** The "float64 port" tolerance of golden README section 5. */
    static final Tolerance FLOAT64_PORT = new Tolerance(1e-9, 1e-12);

    void check(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        double error = 0;
        for (int k = 0; k < expected.length; k++) {
            double e = expected[k];
            double a = actual[k];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                if (!(Double.isNaN(e) && Double.isNaN(a)) && e != a) {
                    fail(what + "[" + k + "]: expected " + e + ", got " + a);
                }
                continue;
            }
            scale = Math.max(scale, Math.abs(e));
            error = Math.max(error, Math.abs(a - e));
        }
        double bound = rtol * scale + atol;
        if (!(error <= bound)) {
            fail(String.format("%s: normwise error %.3e > %.3e (rtol %.1e x max %.3e + atol %.1e)",
                    what, error, bound, rtol, scale, atol));
        }
    }

    void check(String what, double expected, double actual) {
        check(what, new double[] {expected}, new double[] {actual});
    }

    void check(String what, double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + ": length of row " + i);
        }
        check(what, flatten(expected), flatten(actual));
    }

    static double[] flatten(double[][] rows) {
        int total = 0;
        for (double[] row : rows) {
            total += row.length;
        }
        double[] flat = new double[total];
        int offset = 0;
        for (double[] row : rows) {
            System.arraycopy(row, 0, flat, offset, row.length);
            offset += row.length;
        }
        return flat;
    }
}
