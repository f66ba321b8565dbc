package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * float[][] clouds run on the float32 point kernels: they agree with the float64 path within the
 * "float32 port" tolerances of golden README section 5.
 */
class Float32Test {

    @Test
    void float32CloudsMatchTheFloat64Solution() {
        Random random = new Random(11);
        int n = 70;
        int m = 50;
        float[][] x = new float[n][3];
        float[][] y = new float[m][3];
        for (float[][] cloud : new float[][][] {x, y}) {
            for (float[] point : cloud) {
                for (int k = 0; k < 3; k++) {
                    point[k] = (float) random.nextGaussian();
                }
            }
        }
        SampleOptions options = SampleOptions.blur(0.3).reach(1.0).debias(true).maxIter(50);
        OTResultSample single = OT.solveSample(x, y, options);
        OTResultSample doubled = OT.solveSample(widen(x), widen(y), options);
        assertTrue(single.backendUsed().startsWith("online float32"), single.backendUsed());
        assertTrue(doubled.backendUsed().startsWith("online float64 on jvm"), doubled.backendUsed());
        Tolerance potentials = new Tolerance(1e-4, 1e-7);
        potentials.check("value", doubled.value(), single.value());
        potentials.check("f", doubled.potentialA(), single.potentialA());
        potentials.check("g", doubled.potentialB(), single.potentialB());
        potentials.check("f_aa", doubled.potentialAA(), single.potentialAA());
        new Tolerance(2e-3, 1e-9).check("plan", doubled.plan(), single.plan());
    }

    @Test
    void float32CostMatricesAreWidenedExactly() {
        float[][] c = {{0.1f, 1.7f, 4f}, {2.3f, 1f, 0.05f}};
        double[][] wide = widen(c);
        SolveOptions options = SolveOptions.reg(0.2).maxIter(30);
        OTResultMatrix single = OT.solve(c, options);
        OTResultMatrix doubled = OT.solve(wide, options);
        org.junit.jupiter.api.Assertions.assertArrayEquals(doubled.potentialA(),
                single.potentialA(), 0);
        org.junit.jupiter.api.Assertions.assertEquals(doubled.value(), single.value(), 0);
        assertTrue(single.backendUsed().startsWith("tensorized float64 on jvm"), single.backendUsed());
    }

    private static double[][] widen(float[][] points) {
        double[][] wide = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            wide[i] = new double[points[i].length];
            for (int k = 0; k < points[i].length; k++) {
                wide[i][k] = points[i][k];
            }
        }
        return wide;
    }
}
