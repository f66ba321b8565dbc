package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(doubled.backendUsed().startsWith("online float64") && doubled.backendUsed().contains(" on jvm"), doubled.backendUsed());
        Tolerance potentials = new Tolerance(1e-4, 1e-7);
        potentials.check("value", doubled.value(), single.value());
        potentials.check("f", doubled.potentialA(), single.potentialA());
        potentials.check("g", doubled.potentialB(), single.potentialB());
        potentials.check("f_aa", doubled.potentialAA(), single.potentialAA());
        new Tolerance(2e-3, 1e-9).check("plan", doubled.plan(), single.plan());
    }

    @Test
    void farApartPointsGiveAPlanOfTheirWholeMass() {
        // issue 15: potentials from float32 costs and a plan from float64 costs gave 0.96, not 1
        float[][] x = {{-10.3f, 9.7f}};
        float[][] y = {{10.1f, -9.9f}};
        for (Double tol : new Double[] {null, 1e-9}) {
            SampleOptions options = SampleOptions.reg(0.01);
            OTResultSample result = OT.solveSample(x, y, tol == null ? options : options.tol(tol));
            assertEquals(org.geomloss.kernels.Precision.FLOAT32, result.precision());
            assertEquals(1.0, result.plan()[0][0], 1e-9, "plan with tol " + tol);
        }
    }

    @Test
    void precisionOptionOverridesTheArrayType() {
        float[][] x = {{0.1f, 0.2f}, {0.7f, 0.4f}, {0.3f, 0.9f}};
        float[][] y = {{0.5f, 0.5f}, {0.2f, 0.8f}};
        SampleOptions options = SampleOptions.blur(0.1).maxIter(40);
        OTResultSample wide = OT.solveSample(widen(x), widen(y), options);
        OTResultSample asked = OT.solveSample(x, y,
                options.precision(org.geomloss.kernels.Precision.FLOAT64));
        assertEquals(org.geomloss.kernels.Precision.FLOAT64, asked.precision());
        assertEquals(wide.value(), asked.value(), 0.0, "float32 clouds widened exactly");
        OTResultSample narrowed = OT.solveSample(widen(x), widen(y),
                options.precision(org.geomloss.kernels.Precision.FLOAT32));
        assertTrue(narrowed.backendUsed().startsWith("online float32"), narrowed.backendUsed());
        new Tolerance(1e-4, 1e-7).check("value", wide.value(), narrowed.value());
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
