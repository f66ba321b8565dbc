package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What this port adds where upstream is unfinished: the tolerance, the default iteration budget,
 * the reported iterations and convergence; and the shared schedule of batches (upstream behaviour).
 */
class ConvergenceTest {

    private static final double[][] C = {{0, 1, 4}, {2, 1, 0}};

    @Test
    void withoutToleranceTheScheduleIsFixed() {
        OTResultMatrix result = OT.solve(C, SolveOptions.reg(0.5).maxIter(5));
        assertEquals(Convergence.FIXED_SCHEDULE, result.convergence());
        assertEquals(5, result.iterations());
        assertFalse(result.converged());
        // Upstream's trace T1: marginal_a = [2.0026..., 2.0170...] for a = [2, 2] (not converged).
        assertEquals(Math.abs(2.0026109310487135 - 2) + Math.abs(2.0170584184176032 - 2),
                OT.solve(C, SolveOptions.reg(0.5).a(new double[] {2, 2})
                        .b(new double[] {1, 1, 2}).maxIter(5)).marginalError(), 0.04);
    }

    @Test
    void toleranceIsReachedAndReported() {
        for (double tol : new double[] {1e-3, 1e-8, 1e-12}) {
            OTResultMatrix result = OT.solve(C, SolveOptions.reg(0.5).a(new double[] {2, 2})
                    .b(new double[] {1, 1, 2}).maxIter(5).tol(tol));
            assertEquals(Convergence.CONVERGED, result.convergence());
            assertTrue(result.marginalError() <= tol * 1.01, result.marginalError() + " > " + tol);
            assertTrue(result.iterations() > 5);
            assertArrayEquals(new double[] {2, 2}, result.marginalA(), 2 * tol);
        }
    }

    @Test
    void unbalancedToleranceUsesTheKlOptimalityCondition() {
        OTResultMatrix result = OT.solve(C, SolveOptions.reg(0.1).unbalanced(0.5)
                .a(new double[] {1, 3}).tol(1e-10));
        assertTrue(result.converged());
        double[] f = result.potentialA();
        double[] marginal = result.marginalA();
        double[] a = {1, 3};
        for (int i = 0; i < 2; i++) {
            assertEquals(a[i] * Math.exp(-f[i] / 0.5), marginal[i], 1e-9);
        }
    }

    @Test
    void iterationCapReportsNotConverged() {
        OTResultMatrix result = OT.solve(C, SolveOptions.reg(0.001).maxIter(2).tol(1e-14)
                .maxExtraIter(3));
        assertEquals(Convergence.NOT_CONVERGED, result.convergence());
        assertEquals(5, result.iterations());
        assertTrue(result.marginalError() > 1e-14);
    }

    @Test
    void neitherMaxIterNorTolUsesTheDefaults() {
        OTResultMatrix result = OT.solve(C, SolveOptions.reg(0.01));
        assertEquals(Convergence.CONVERGED, result.convergence());
        assertTrue(result.iterations() >= SinkhornOptions.DEFAULT_MAX_ITER);
        assertTrue(result.marginalError() <= SinkhornOptions.DEFAULT_RELATIVE_TOL * 1.01);
        OTBatchResult batch = OT.solveBatch(new double[][][] {C, C}, BatchSolveOptions.reg(0.01));
        assertTrue(batch.converged());
    }

    @Test
    void debiasedToleranceConvergesTheSelfProblemsToo() {
        Random random = new Random(3);
        double[][] x = new double[30][2];
        double[][] y = new double[20][2];
        for (double[][] cloud : new double[][][] {x, y}) {
            for (double[] point : cloud) {
                point[0] = random.nextGaussian();
                point[1] = random.nextGaussian();
            }
        }
        OTResultSample result = OT.solveSample(x, y, SampleOptions.blur(0.3).debias(true)
                .tol(1e-10));
        assertTrue(result.converged());
        // Converged self potential: f_aa = -eps log sum_k a_k exp((f_aa_k - |x_i - x_k|^2)/eps).
        double[] faa = result.potentialAA();
        double eps = result.reg();
        for (int i = 0; i < 30; i++) {
            double sum = 0;
            for (int k = 0; k < 30; k++) {
                double d2 = Math.pow(x[i][0] - x[k][0], 2) + Math.pow(x[i][1] - x[k][1], 2);
                sum += Math.exp((faa[k] - d2) / eps) / 30;
            }
            assertEquals(faa[i], -eps * Math.log(sum), 1e-9);
        }
        // The divergence of a measure with itself is 0.
        OTResultSample self = OT.solveSample(x, x, SampleOptions.blur(0.3).debias(true)
                .tol(1e-12));
        assertEquals(0, self.value(), 1e-10);
    }

    @Test
    void batchesShareOneSchedule() {
        // ALGORITHMS_OT section 1.2 (weights of the solve_batch documentation example): problem 2
        // gives -0.39550 in the batch but -0.39082 alone.
        double[][] second = {{0, 2, 3}, {1, 0, 1}};
        OTBatchResult batch = OT.solveBatch(new double[][][] {C, second},
                BatchSolveOptions.reg(0.5).a(new double[][] {{2, 2}, {1, 3}})
                        .b(new double[][] {{1, 1, 2}, {2, 1, 1}}).maxIter(5));
        assertEquals(-0.39550, batch.value()[1], 5e-6);
        assertEquals(-0.39082, OT.solve(second, SolveOptions.reg(0.5).a(new double[] {1, 3})
                .b(new double[] {2, 1, 1}).maxIter(5)).value(), 5e-6);
        // Problem 1 holds the batch's cost range, so it is the same alone.
        assertEquals(OT.solve(C, SolveOptions.reg(0.5).a(new double[] {2, 2})
                .b(new double[] {1, 1, 2}).maxIter(5)).value(), batch.value()[0], 0);
    }

    @Test
    void selfPotentialsOnlyWhenDebiased() {
        OTResultSample plain = OT.solveSample(new double[][] {{0}, {1}}, new double[][] {{2}},
                SampleOptions.blur(1).maxIter(3));
        assertThrows(IllegalStateException.class, plain::potentialAA);
        assertThrows(IllegalStateException.class, plain::potentialBB);
        assertFalse(plain.debiased());
    }
}
