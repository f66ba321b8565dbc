package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Exact properties of upstream's solvers (its own test suite checks the same ones): symmetry under
 * transposition, scale covariance, one point on each side, planted permutations, small assignment
 * problems against a brute-force exact solver, and Brenier maps.
 */
class OTPropertiesTest {

    private static final Random RANDOM = new Random(20260505);

    @Test
    void transposingTheProblemSwapsThePotentialsExactly() {
        for (Double rho : new Double[] {null, 0.7}) {
            double[][] c = randomMatrix(5, 7);
            double[] a = randomWeights(5, 1.0);
            double[] b = randomWeights(7, 1.0);
            SolveOptions forward = SolveOptions.reg(0.05).a(a).b(b).maxIter(30);
            SolveOptions backward = SolveOptions.reg(0.05).a(b).b(a).maxIter(30);
            if (rho != null) {
                forward = forward.unbalanced(rho);
                backward = backward.unbalanced(rho);
            }
            OTResultMatrix ab = OT.solve(c, forward);
            OTResultMatrix ba = OT.solve(transpose(c), backward);
            assertArrayEquals(ab.potentialA(), ba.potentialB(), 0.0);
            assertArrayEquals(ab.potentialB(), ba.potentialA(), 0.0);
            assertEquals(ab.value(), ba.value(), 1e-14 * Math.abs(ab.value()));
            assertArrayEquals(Tolerance.flatten(ab.plan()), Tolerance.flatten(transpose(ba.plan())),
                    0.0);
        }
    }

    @Test
    void swappingTheCloudsSwapsThePotentialsExactly() {
        double[][] x = randomPoints(9, 2);
        double[][] y = randomPoints(6, 2);
        SampleOptions options = SampleOptions.blur(0.2).debias(true).maxIter(20);
        OTResultSample xy = OT.solveSample(x, y, options);
        OTResultSample yx = OT.solveSample(y, x, options);
        assertArrayEquals(xy.potentialA(), yx.potentialB(), 0.0);
        assertArrayEquals(xy.potentialB(), yx.potentialA(), 0.0);
        assertArrayEquals(xy.potentialAA(), yx.potentialBB(), 0.0);
        assertEquals(xy.value(), yx.value(), 1e-14 * Math.abs(xy.value()));
    }

    @Test
    void scalingCostAndTemperatureScalesPotentialsAndKeepsThePlan() {
        double[][] c = randomMatrix(6, 4);
        double s = 3.7;
        double[][] scaled = new double[6][4];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                scaled[i][j] = s * c[i][j];
            }
        }
        OTResultMatrix base = OT.solve(c, SolveOptions.reg(0.1).unbalanced(0.5).maxIter(40));
        OTResultMatrix big = OT.solve(scaled, SolveOptions.reg(0.1 * s).unbalanced(0.5 * s)
                .maxIter(40));
        Tolerance tight = new Tolerance(1e-12, 0);
        tight.check("f", times(base.potentialA(), s), big.potentialA());
        tight.check("g", times(base.potentialB(), s), big.potentialB());
        tight.check("value", base.value() * s, big.value());
        tight.check("plan", base.plan(), big.plan());
    }

    @Test
    void onePointOnEachSide() {
        double mass = 2.5;
        double cost = 1.3;
        double eps = 0.2;
        OTResultMatrix balanced = OT.solve(new double[][] {{cost}}, SolveOptions.reg(eps)
                .a(new double[] {mass}).b(new double[] {mass}).maxIter(3));
        // One averaged step and the final step solve it exactly: pi = m, f + g = C - eps ln m.
        assertEquals(mass, balanced.plan()[0][0], 1e-14);
        assertEquals(mass * (cost - eps * Math.log(mass)), balanced.value(), 1e-14);

        double ma = 2.0;
        double mb = 0.5;
        double rho = 0.3;
        OTResultMatrix unbalanced = OT.solve(new double[][] {{cost}}, SolveOptions.reg(eps)
                .a(new double[] {ma}).b(new double[] {mb}).unbalanced(rho).maxIter(5).tol(1e-13));
        // d/dpi [pi C + eps KL(pi|ab) + rho KL(pi|a) + rho KL(pi|b)] = 0:
        double pi = Math.pow(ma * mb, (eps + rho) / (eps + 2 * rho))
                * Math.exp(-cost / (eps + 2 * rho));
        double primal = pi * cost + eps * kl(pi, ma * mb) + rho * kl(pi, ma) + rho * kl(pi, mb);
        assertEquals(pi, unbalanced.plan()[0][0], 1e-12);
        assertEquals(primal, unbalanced.value(), 1e-12);
    }

    @Test
    void plantedPermutationsAreRecovered() {
        int n = 12;
        double[][] x = randomPoints(n, 3);
        int[] permutation = randomPermutation(n);
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            y[permutation[i]] = x[i].clone();
        }
        OTResultSample result = OT.solveSample(x, y, SampleOptions.blur(0.01).tol(1e-9));
        assertTrue(result.converged());
        double[][] plan = result.plan();
        double[][] displacement = result.aToB();
        for (int i = 0; i < n; i++) {
            assertEquals(1.0 / n, plan[i][permutation[i]], 1e-8);
            assertArrayEquals(new double[] {0, 0, 0}, displacement[i], 1e-8);
        }
    }

    @Test
    void smallAssignmentProblemsMatchABruteForceSolver() {
        int compared = 0;
        for (int trial = 0; trial < 30; trial++) {
            int n = 2 + trial % 6;
            double[][] c = randomMatrix(n, n);
            int[] best = BruteForceAssignment.solve(c);
            double optimum = BruteForceAssignment.cost(c, best) / n;
            double eps = 1e-4;
            OTResultMatrix result = OT.solve(c, SolveOptions.reg(eps).maxIter(200).tol(1e-10));
            assertTrue(result.converged(), "trial " + trial);
            double[][] plan = result.plan();
            double linear = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    linear += plan[i][j] * c[i][j];
                }
            }
            // Entropic bias: 0 <= <pi_eps, C> - OT <= eps log(n), value within eps log n too.
            assertTrue(linear >= optimum - 1e-9 && linear <= optimum + eps * Math.log(n) + 1e-9,
                    "trial " + trial + ": " + linear + " vs " + optimum);
            assertEquals(optimum, result.value(), eps * Math.log(n) + 1e-9);
            if (BruteForceAssignment.gap(c) > 20 * eps * Math.log(n)) {
                for (int i = 0; i < n; i++) {
                    assertEquals(1.0 / n, plan[i][best[i]], 1e-6, "trial " + trial);
                }
                compared++;
            }
        }
        assertTrue(compared >= 20, "only " + compared + " problems had a unique optimum");
    }

    @Test
    void brenierMapOfAnAffineMonotoneTransform() {
        // y = A x + t with A symmetric positive definite is the gradient of a convex function, so the
        // optimal matching pairs x_i with y_i and the displacement is (A - I) x_i + t.
        int n = 40;
        double[][] x = randomPoints(n, 2);
        double[][] matrix = {{1.5, 0.3}, {0.3, 0.8}};
        double[] shift = {0.4, -0.2};
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                y[i][k] = matrix[k][0] * x[i][0] + matrix[k][1] * x[i][1] + shift[k];
            }
        }
        OTResultSample result = OT.solveSample(x, y, SampleOptions.blur(0.005).tol(1e-9));
        assertTrue(result.converged());
        double[][] forward = result.aToB();
        double[][] backward = result.bToA();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(y[i][k] - x[i][k], forward[i][k], 1e-6);
                assertEquals(x[i][k] - y[i][k], backward[i][k], 1e-6);
            }
        }
    }

    // ---- helpers ----

    static double kl(double p, double q) {
        return p * Math.log(p / q) - p + q;
    }

    private static double[][] randomMatrix(int n, int m) {
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                c[i][j] = RANDOM.nextDouble();
            }
        }
        return c;
    }

    private static double[][] randomPoints(int n, int d) {
        double[][] points = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                points[i][k] = RANDOM.nextGaussian();
            }
        }
        return points;
    }

    private static double[] randomWeights(int n, double mass) {
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.1 + RANDOM.nextDouble();
            total += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] *= mass / total;
        }
        return w;
    }

    private static int[] randomPermutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static double[] times(double[] v, double s) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i] * s;
        }
        return r;
    }
}
