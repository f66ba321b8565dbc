package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Upstream's argument checks, their order and messages (ALGORITHMS_OT section 1.4), and the checks
 * this port adds (finite and rectangular inputs).
 */
class ValidationTest {

    private static final double[][] C = {{0, 1, 4}, {2, 1, 0}};
    private static final double[][] XA = {{0, 0}, {0, 2}};
    private static final double[][] XB = {{2, 1}, {2, 2}, {1, 1}};

    @Test
    void regularisationChecksInUpstreamOrder() {
        assertIllegal("Parameter 'reg' should be >= 0. Received -1.0.",
                () -> OT.solve(C, SolveOptions.reg(-1).unbalanced(-1).maxIter(0)));
        assertUnsupported("Currently, we require that reg > 0.",
                () -> OT.solve(C, SolveOptions.reg(0).unbalanced(-1)));
        assertIllegal("Parameter 'unbalanced' should be None (= +infty) or > 0. Received -2.5.",
                () -> OT.solve(C, SolveOptions.reg(1).unbalanced(-2.5).method("exact")));
        assertUnsupported("Currently, we only support unbalanced OT with a 'KL' penalty on the "
                + "marginal constraints.", () -> OT.solve(C, SolveOptions.reg(1)
                        .unbalancedType("TV").method("exact")));
        assertUnsupported("Currently, we only support a single method.",
                () -> OT.solve(C, SolveOptions.reg(1).method("exact").maxIter(0)));
        assertIllegal("The number of iterations should be >= 1. Received n_iter=0.",
                () -> OT.solve(C, SolveOptions.reg(1).maxIter(0)));
        assertIllegal("Parameter 'tol' should be > 0. Received 0.0.",
                () -> OT.solve(C, SolveOptions.reg(1).tol(0)));
        assertIllegal("Parameter 'reg' should be >= 0. Received 1e-06.".replace("1e-06", "-1e-06"),
                () -> OT.solve(C, SolveOptions.reg(-1e-6)));
    }

    @Test
    void solveChecksMarginalsBeforeParameters() {
        assertIllegal("The marginal 'a' should be of shape (2,). Instead, received an array of "
                + "shape (3,).", () -> OT.solve(C, SolveOptions.reg(-1).a(new double[] {1, 1, 1})));
        assertIllegal("The marginal 'b' contains negative values. We require that b >= 0. "
                + "Received b[1] = -1.0.",
                () -> OT.solve(C, SolveOptions.reg(0).b(new double[] {1, -1, 1})));
        assertIllegal("The two arrays of marginal weights 'a' and 'b' do not sum up to the same "
                + "value. As a consequence, the balanced OT problem is not feasible. To fix this "
                + "error, you may either normalize the two marginals to make sure that their weights "
                + "sum up to compatible values (= 1 for probability distributions), or use "
                + "UNbalanced optimal transport with the 'unbalanced' keyword argument. "
                + "Received sum(a) = 2.0, sum(b) = 1.0.",
                () -> OT.solve(C, SolveOptions.reg(1).a(new double[] {1, 1})));
    }

    @Test
    void massCheckIsRelativeAndInclusive() {
        // r = |2 - 2.003| / 4.003 = 7.5e-4 <= 1e-3 passes.
        OT.solve(C, SolveOptions.reg(1).a(new double[] {1, 1}).b(new double[] {1, 1, 0.003})
                .maxIter(2));
        // Masses 0, which upstream lets through (r = NaN), are refused with the marginal's name.
        assertIllegal("The marginal 'a' has total mass 0.0; valid: 0 < mass <= 1.00e+134 (a "
                + "product of two masses times a cost must be finite); rescale the weights",
                () -> OT.solve(C, SolveOptions.reg(1).a(new double[] {0, 0})
                        .b(new double[] {0, 0, 0})));
        // Unbalanced OT accepts any masses.
        OT.solve(C, SolveOptions.reg(1).a(new double[] {5, 1}).unbalanced(1).maxIter(2));
    }

    @Test
    void batchChecksParametersFirstAndShapes() {
        double[][][] c = {C, C};
        assertUnsupported("Currently, we require that reg > 0.", () -> OT.solveBatch(c,
                BatchSolveOptions.reg(0).a(new double[][] {{1, 1}})));
        assertIllegal("The marginal 'a' should be of shape (2, 2). Instead, received an array of "
                + "shape (1, 2).", () -> OT.solveBatch(c, BatchSolveOptions.reg(1)
                        .a(new double[][] {{1, 1}})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OT.solveBatch(c, BatchSolveOptions.reg(1).a(new double[][] {{1, 1}, {1, 2}})
                        .b(new double[][] {{1, 0.5, 0.5}, {1, 0.5, 0.5}})));
        assertTrue(e.getMessage().contains("have rows that do not sum up to the same values."));
        assertTrue(e.getMessage().endsWith("Received sum(a[1]) = 3.0, sum(b[1]) = 2.0 (batch row "
                + "1)."), e.getMessage());
        assertIllegal("The marginal 'a' contains negative values. We require that a >= 0. "
                + "Received a[1][0] = -1.0.", () -> OT.solveBatch(c, BatchSolveOptions.reg(1)
                        .a(new double[][] {{1, 1}, {-1, 3}})));
        assertIllegal("C should hold matrices of one shape: C[1] is (1, 3), C[0] is (2, 3).",
                () -> OT.solveBatch(new double[][][] {C, {{1, 2, 3}}}, BatchSolveOptions.reg(1)));
    }

    @Test
    void sampleChecksInUpstreamOrder() {
        assertIllegal("Parameters 'reg' and 'blur' are redundant. Please specify only one of them.",
                () -> OT.solveSample(XA, new double[][] {{1}}, SampleOptions.reg(1).withBlur(1)));
        assertIllegal("Parameters 'unbalanced' and 'reach' are redundant. Please specify only one "
                + "of them.", () -> OT.solveSample(XA, XB, SampleOptions.reg(1).unbalanced(1)
                        .reach(1)));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> OT.solveSample(XA, XB, SampleOptions.defaults()));
        assertTrue(missing.getMessage().contains("'reg' (or 'blur') is required"));
        assertIllegal("Parameter 'blur' should be > 0 and finite. Received 0.0.",
                () -> OT.solveSample(XA, XB, SampleOptions.blur(0)));
        assertIllegal("Parameter 'reach' should be > 0 and finite. Received 0.0.",
                () -> OT.solveSample(XA, XB, SampleOptions.blur(1).reach(0)));
        assertIllegal("Expected X_a and X_b to have the same number of coordinates per sample. "
                + "Received D=2 for X_a and D=1 for X_b.",
                () -> OT.solveSample(XA, new double[][] {{1}}, SampleOptions.blur(1)));
        assertIllegal("The two arrays of marginal weights 'a' and 'b' do not sum up to the same "
                + "value. As a consequence, the balanced OT problem is not feasible. To fix this "
                + "error, you may either normalize the two marginals to make sure that their weights "
                + "sum up to compatible values (= 1 for probability distributions), or use "
                + "UNbalanced optimal transport with the 'unbalanced' keyword argument. "
                + "Received sum(a) = 3.0, sum(b) = 1.0.",
                () -> OT.solveSample(XA, XB, SampleOptions.blur(1).a(new double[] {1, 2})));
        UnsupportedOperationException cost = assertThrows(UnsupportedOperationException.class,
                () -> OT.solveSample(XA, XB, SampleOptions.blur(1).cost("euclidean")));
        assertTrue(cost.getMessage().contains("sqeuclidean"));
        assertIllegal("Parameter 'blur' should be > 0 and finite. Received -0.5.",
                () -> OT.solveSample(XA, XB, SampleOptions.blur(-0.5)));
    }

    @Test
    void blurAndReachAreSquaredAndDoubled() {
        OTResultSample result = OT.solveSample(XA, XB, SampleOptions.blur(0.5).reach(1)
                .maxIter(1));
        assertEquals(0.5, result.reg());
        assertEquals(2.0, result.unbalanced());
        assertEquals(Double.POSITIVE_INFINITY, OT.solveSample(XA, XB, SampleOptions.reg(1)
                .maxIter(1)).unbalanced());
    }

    @Test
    void inputsMustBeFiniteAndRectangular() {
        assertIllegal("C should be finite: C[1][2] = nan.",
                () -> OT.solve(new double[][] {{0, 1, 2}, {0, 1, Double.NaN}}, SolveOptions.reg(1)));
        assertIllegal("C should be rectangular: row 1 has 2 entries, row 0 has 3.",
                () -> OT.solve(new double[][] {{0, 1, 2}, {0, 1}}, SolveOptions.reg(1)));
        assertIllegal("C should have at least one row and one column.",
                () -> OT.solve(new double[0][], SolveOptions.reg(1)));
        assertIllegal("X_a should be finite: X_a[0][1] = inf.", () -> OT.solveSample(
                new double[][] {{0, Double.POSITIVE_INFINITY}}, XB, SampleOptions.blur(1)));
        assertIllegal("The marginal 'a' should be finite: a[0] = nan.", () -> OT.solve(C,
                SolveOptions.reg(1).a(new double[] {Double.NaN, 1})));
        assertEquals("options must not be null: start them with reg(eps)",
                assertThrows(NullPointerException.class, () -> OT.solve(C, null)).getMessage());
    }

    @Test
    void pythonReprOfFloats() {
        assertEquals("0.1", PythonFormat.repr(0.1));
        assertEquals("1e-06", PythonFormat.repr(1e-6));
        assertEquals("0.0001", PythonFormat.repr(1e-4));
        assertEquals("123.0", PythonFormat.repr(123));
        assertEquals("1e+16", PythonFormat.repr(1e16));
        assertEquals("1234567890123456.0", PythonFormat.repr(1234567890123456.0));
        assertEquals("-2.5e-07", PythonFormat.repr(-2.5e-7));
        assertEquals("nan", PythonFormat.repr(Double.NaN));
        assertEquals("(3,)", PythonFormat.shape(3));
        assertEquals("(1, 1, 1)", PythonFormat.shape(1, 1, 1));
    }

    @Test
    void optionsAreImmutable() {
        SolveOptions base = SolveOptions.reg(0.5);
        double[] a = {2, 2};
        SolveOptions weighted = base.a(a).b(new double[] {1, 1, 2}).maxIter(5);
        a[0] = -1;
        // The base options keep uniform weights (mass 1); the copy kept its own weights despite the
        // caller's later change (upstream trace T1: a = [2, 2], b = [1, 1, 2]).
        double baseMass = java.util.Arrays.stream(OT.solve(C, base.maxIter(5)).marginalA()).sum();
        assertEquals(1.0, baseMass, 0.05);
        OTResultMatrix result = OT.solve(C, weighted);
        assertEquals(-0.4073146801020401, result.value(), 1e-12);
    }

    private static void assertIllegal(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    private static void assertUnsupported(String message, Executable call) {
        assertEquals(message, assertThrows(UnsupportedOperationException.class, call).getMessage());
    }
}
