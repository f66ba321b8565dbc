package org.geomloss.images;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad inputs give an IllegalArgumentException that names the parameter and the value. */
class GridLossInputTest {

    private static final ImagesLoss LOSS = ImagesLoss.builder().build();
    private static final double[] UNIFORM = GridReference.density(16, 30, 0);

    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' lacks '"
                    + fragment + "'");
        }
    }

    @Test
    void negativeOrNonFiniteDensities() {
        double[] negative = UNIFORM.clone();
        negative[5] = -0.25;
        assertRejected(() -> LOSS.value(negative, UNIFORM, 4, 4), "a[5]", "-0.25");
        double[] nan = UNIFORM.clone();
        nan[3] = Double.NaN;
        assertRejected(() -> LOSS.value(UNIFORM, nan, 4, 4), "b[3]", "NaN");
        double[] infinite = UNIFORM.clone();
        infinite[0] = Double.POSITIVE_INFINITY;
        assertRejected(() -> LOSS.value(infinite, UNIFORM, 4, 4), "a[0]", "Infinity");
    }

    @Test
    void zeroMassAndUnequalBalancedMasses() {
        assertRejected(() -> LOSS.value(new double[16], UNIFORM, 4, 4), "a", "mass 0");
        double[] heavier = UNIFORM.clone();
        heavier[0] += 0.5;
        assertRejected(() -> LOSS.value(UNIFORM, heavier, 4, 4), "equal masses", "1.49", "reach");
    }

    @Test
    void mismatchedShapes() {
        assertRejected(() -> LOSS.value(UNIFORM, new double[15], 4, 4), "b", "15", "16");
        assertRejected(() -> LOSS.value(UNIFORM, UNIFORM, 4, 5), "a", "16", "20");
        assertRejected(() -> LOSS.value(UNIFORM, UNIFORM, 0, 16), "height", "0");
        assertRejected(() -> VolumesLoss.builder().build().value(UNIFORM, UNIFORM, 2, 2, 2), "a",
                "16", "8");
        assertRejected(() -> LOSS.values(new double[][] {UNIFORM}, new double[0][], 4, 4), "1",
                "0");
    }

    @Test
    void badParameters() {
        assertRejected(() -> ImagesLoss.builder().blur(0), "blur", "0");
        assertRejected(() -> ImagesLoss.builder().blur(-0.1), "blur", "-0.1");
        assertRejected(() -> ImagesLoss.builder().blur(Double.NaN), "blur", "NaN");
        assertRejected(() -> ImagesLoss.builder().reach(0), "reach", "0");
        assertRejected(() -> ImagesLoss.builder().scaling(1), "scaling", "1");
        assertRejected(() -> VolumesLoss.builder().p(3), "p", "3");
    }
}
