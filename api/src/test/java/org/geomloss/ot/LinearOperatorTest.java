package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link LinearOperator}: products, adjoints for N != M, rescaling, shapes and shape errors. */
class LinearOperatorTest {

    private static final double[][] K = {{1, 2, 3}, {4, 5, 6}};

    @Test
    void denseProductsAndTranspose() {
        LinearOperator op = LinearOperator.fromDense(K);
        assertArrayEquals(new int[] {2, 3}, op.shape());
        assertArrayEquals(new double[] {1 * 1 + 2 * 0 - 3 * 1, 4 - 6},
                op.apply(new double[] {1, 0, -1}), 0);
        assertArrayEquals(new double[] {1 + 8, 2 + 10, 3 + 12},
                op.transpose().apply(new double[] {1, 2}), 0);
        assertArrayEquals(new int[] {3, 2}, op.transpose().shape());
        double[][] w = {{1, 0}, {0, 1}, {1, 1}};
        double[][] kw = op.apply(w);
        assertArrayEquals(new double[] {4, 5}, kw[0], 0);
        assertArrayEquals(new double[] {10, 11}, kw[1], 0);
    }

    @Test
    void rescaledOperatorAndItsAdjointForNonSquareShapes() {
        double[] u = {2, -1, 0.5};
        double[] v = {3, 0.25};
        LinearOperator op = LinearOperator.fromDense(K).rescale(u, v);
        double[][] dense = new double[2][3];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                dense[i][j] = v[i] * K[i][j] * u[j];
            }
        }
        double[] x = {1, 2, 3};
        double[] y = {-1, 4};
        assertArrayEquals(LinearOperator.fromDense(dense).apply(x), op.apply(x), 1e-15);
        assertArrayEquals(LinearOperator.fromDense(OTPropertiesTest.transpose(dense)).apply(y),
                op.transpose().apply(y), 1e-15);
        // <K x, y> = <x, K^T y>
        double left = dot(op.apply(x), y);
        double right = dot(x, op.transpose().apply(y));
        assertEquals(left, right, 1e-14);
    }

    @Test
    void planOperatorTransposeOfARectangularResult() {
        OTResultMatrix result = OT.solve(new double[][] {{0, 1, 4}, {2, 1, 0}},
                SolveOptions.reg(0.5).maxIter(5));
        double[][] plan = result.plan();
        double[] u = {1, -2};
        double[] expected = new double[3];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                expected[j] += plan[i][j] * u[i];
            }
        }
        assertArrayEquals(expected, result.planOperator().transpose().apply(u), 1e-15);
    }

    @Test
    void shapeErrorsNameTheExpectedShape() {
        LinearOperator op = LinearOperator.fromDense(K);
        assertEquals("Expects an input of shape (3,) with, maybe, additional trailing dimensions, "
                + "but found an array of shape (2,).", assertThrows(IllegalArgumentException.class,
                        () -> op.apply(new double[] {1, 2})).getMessage());
        assertEquals("Expects an input of shape (3,) with, maybe, additional trailing dimensions, "
                + "but found an array of shape (2, 1).", assertThrows(IllegalArgumentException.class,
                        () -> op.apply(new double[][] {{1}, {2}})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> op.rescale(new double[2],
                new double[2]));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
