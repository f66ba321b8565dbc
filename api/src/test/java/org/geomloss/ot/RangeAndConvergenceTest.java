package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The valid ranges of the ot solvers' parameters (the temperature against the float64 rounding of
 * the costs, the marginal penalty, the masses), the messages that name the argument and its value,
 * and {@link OTResult#convergence()} agreeing with {@link OTResult#marginalError()}.
 */
class RangeAndConvergenceTest {

    private static final double[][] C = {{0, 1, 4}, {2, 1, 0}};

    @Test
    void aTemperatureBelowTheRoundingOfTheCostsIsRefused() {
        assertRefused(() -> OT.solve(C, SolveOptions.reg(1e-300)), "'reg'", "1e-300",
                "valid: reg > 8.88e-16");
        double[][] huge = {{1e300, -1e300, 0}, {-1e300, 1e300, 0}};
        assertRefused(() -> OT.solve(huge, SolveOptions.reg(1)), "'reg'", "1.0",
                "largest cost 1.00e+300");
        assertRefused(() -> OT.solveBatch(new double[][][] {C, huge}, BatchSolveOptions.reg(1)),
                "'reg'", "1.0", "valid: reg >");
        double[][] far = {{0, 0}, {1e9, 0}};
        assertRefused(() -> OT.solveSample(far, far, SampleOptions.blur(1e-10)), "'reg'", "2e-20",
                "largest cost 1.00e+18");
    }

    @Test
    void theSmallestValidTemperatureIsAccepted() {
        OTResultMatrix result = OT.solve(C, SolveOptions.reg(Math.ulp(4.0) * 2).maxIter(5));
        assertTrue(Double.isFinite(result.potentialA()[0]));
    }

    @Test
    void penaltiesOutsideFloat64AreRefused() {
        assertRefused(() -> OT.solve(C, SolveOptions.reg(1).unbalanced(1e-310)), "unbalanced",
                "1.0E-310", "[2.23e-308, 1.80e+308]");
        assertRefused(() -> OT.solveSample(new double[][] {{0}}, new double[][] {{1}},
                SampleOptions.blur(1).reach(1e-200)), "'reach'", "1e-200", "valid: reach in");
        assertRefused(() -> OT.solveSample(new double[][] {{0}}, new double[][] {{1}},
                SampleOptions.blur(1e200)), "'blur'", "1e+200", "valid: blur in");
    }

    @Test
    void massesOutsideTheirRangeAreRefusedWithTheirSum() {
        assertRefused(() -> OT.solve(C, SolveOptions.reg(1).a(new double[] {1e308, 1e308})
                .unbalanced(1)), "'a'", "Infinity", "1.00e+134");
        assertRefused(() -> OT.solveBatch(new double[][][] {C, C}, BatchSolveOptions.reg(1)
                .b(new double[][] {{1, 1, 1}, {0, 0, 0}}).unbalanced(1)), "'b[1]'", "0.0",
                "0 < mass");
    }

    @Test
    void nullArgumentsAreNamed() {
        assertEquals("C", assertThrows(NullPointerException.class,
                () -> OT.solve((double[][]) null, SolveOptions.reg(1))).getMessage());
        assertEquals("C", assertThrows(NullPointerException.class,
                () -> OT.solve((float[][]) null, SolveOptions.reg(1))).getMessage());
        assertEquals("C", assertThrows(NullPointerException.class,
                () -> OT.solveBatch(null, BatchSolveOptions.reg(1))).getMessage());
        assertEquals("X_b", assertThrows(NullPointerException.class,
                () -> OT.solveSample(new double[][] {{0}}, null, SampleOptions.blur(1)))
                .getMessage());
        assertEquals("X_a", assertThrows(NullPointerException.class,
                () -> OT.solveSample(null, new float[][] {{0}}, SampleOptions.blur(1)))
                .getMessage());
        assertEquals("x", assertThrows(NullPointerException.class,
                () -> LinearOperator.fromDense(C).apply((double[]) null)).getMessage());
        assertEquals("W", assertThrows(NullPointerException.class,
                () -> LinearOperator.fromDense(C).apply((double[][]) null)).getMessage());
        assertEquals("cost", assertThrows(NullPointerException.class,
                () -> SampleOptions.blur(1).cost(null)).getMessage());
        assertEquals("method", assertThrows(NullPointerException.class,
                () -> SolveOptions.reg(1).method(null)).getMessage());
    }

    /**
     * Far-apart float32 points: the loop's stopping test runs on float32 soft-mins, the plan is
     * computed in float64; a tolerance the plan misses must not be reported as reached.
     */
    @Test
    void convergedAlwaysMeansTheMarginalErrorIsWithinTol() {
        float[][] xa = {{-10f, 10f}, {-9.7f, 10.1f}};
        float[][] xb = {{10f, -10f}, {9.9f, -9.6f}, {10.2f, -10.3f}};
        int compared = 0;
        for (double reg : new double[] {0.01, 0.1, 1}) {
            for (double tol : new double[] {1e-3, 1e-6, 1e-9}) {
                OTResultSample result = OT.solveSample(xa, xb, SampleOptions.reg(reg).tol(tol));
                assertEquals(result.marginalError() <= tol,
                        result.convergence() == Convergence.CONVERGED,
                        "reg " + reg + ", tol " + tol + ": marginal error "
                                + result.marginalError() + ", " + result.convergence());
                assertEquals(result.convergence() == Convergence.CONVERGED, result.converged());
                compared++;
            }
        }
        assertEquals(9, compared);
    }

    private static void assertRefused(Executable call, String... named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : named) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }
}
