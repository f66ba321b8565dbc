package org.geomloss.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.geomloss.kernels.Kernels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of the polynomial exponential against {@code Math.pow} in double: {@code exp2BiasedOrZero(u)}
 * must be within 2 ulp of {@code 2^(u + 1/2)} over its whole range (the kernels fold the half into
 * offsets, so this is the error of every exponential they take).
 */
class VectorExpTest {

    private static final double MAX_ULPS = 2.0;

    @BeforeAll
    static void requireVectorModule() {
        assumeTrue(Kernels.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
    }

    @Test
    void isWithinTwoUlpsOverItsWholeRange() {
        int evenlySpaced = 1 << 21;
        int random = 1 << 20;
        float[] t = new float[evenlySpaced + random + 2 * 253];
        int n = 0;
        for (int k = 0; k < evenlySpaced; k++) {
            t[n++] = (float) (-126.0 + 252.5 * k / evenlySpaced);
        }
        SplittableRandom rng = new SplittableRandom(7);
        for (int k = 0; k < random; k++) {
            t[n++] = (float) rng.nextDouble(-126.0, 126.5);
        }
        for (int k = -126; k < 126; k++) { // integers and half-integers: the rounding boundaries
            t[n++] = k;
            t[n++] = k + 0.5f;
        }
        float[] out = new float[n];
        VectorExp.exp2BiasedOrZero(java.util.Arrays.copyOf(t, n), out);
        double worst = 0.0;
        for (int k = 0; k < n; k++) {
            double exact = Math.pow(2.0, t[k] + 0.5);
            double ulps = Math.abs(out[k] - exact) / Math.ulp((float) exact);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= MAX_ULPS, "worst error " + worst + " ulp");
        assertTrue(worst > 0.0, "a polynomial cannot be exact everywhere: the sweep ran");
    }

    @Test
    void flushesToZeroBelowItsRangeAndNotAbove() {
        float[] t = {-126f, -126.1f, -200f, Float.NEGATIVE_INFINITY};
        float[] out = new float[t.length];
        VectorExp.exp2BiasedOrZero(t, out);
        assertEquals(Math.pow(2.0, -125.5), out[0], 2 * Math.ulp(out[0]));
        assertEquals(0f, out[1]);
        assertEquals(0f, out[2]);
        assertEquals(0f, out[3]);
    }
}
