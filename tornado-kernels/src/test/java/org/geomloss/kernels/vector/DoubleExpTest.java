package org.geomloss.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.geomloss.kernels.Kernels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accuracy of the float64 polynomial exponential against {@link StrictMath#exp}. */
class DoubleExpTest {

    @BeforeAll
    static void requireVectorModule() {
        assumeTrue(Kernels.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
    }

    @Test
    void isWithinTwoUlpsOnItsRange() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] t = new double[1 << 18];
        for (int k = 0; k < t.length; k++) {
            t[k] = k < 4096 ? -708.0 + 1417.0 * k / 4096 : rng.nextDouble(-708.0, 709.0);
        }
        double[] out = exp(t);
        double worst = 0.0;
        for (int k = 0; k < t.length; k++) {
            double exact = StrictMath.exp(t[k]);
            worst = Math.max(worst, Math.abs(out[k] - exact) / Math.ulp(exact));
        }
        assertTrue(worst <= 2.0, "worst error " + worst + " ulp");
        assertTrue(worst > 0.0, "the sweep ran");
    }

    @Test
    void givesZeroBelowItsRangeAndOneAtZero() {
        double[] out = exp(new double[] {-708.5, -1e6, Double.NEGATIVE_INFINITY, 0.0, -0.0});
        assertEquals(0.0, out[0]);
        assertEquals(0.0, out[1]);
        assertEquals(0.0, out[2]);
        assertEquals(1.0, out[3]);
        assertEquals(1.0, out[4]);
    }

    private static double[] exp(double[] t) {
        int lanes = DoubleExp.LANES;
        double[] padded = java.util.Arrays.copyOf(t, (t.length + lanes - 1) / lanes * lanes);
        double[] out = new double[padded.length];
        for (int k = 0; k < padded.length; k += lanes) {
            DoubleExp.exp(DoubleVector.fromArray(DoubleExp.SPECIES, padded, k)).intoArray(out, k);
        }
        return java.util.Arrays.copyOf(out, t.length);
    }
}
