package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Entropic OT between 1D Gaussians in closed form (Janati, Cuturi, Gramfort, NeurIPS 2020, "Entropic
 * optimal transport between unbalanced Gaussian measures has a closed form"), for upstream's
 * convention: cost {@code |x - y|^2}, {@code eps KL(pi | alpha x beta)}, and for unbalanced OT
 * {@code rho KL} on both marginals (generalised KL).
 *
 * <p>Balanced, derived here: the optimal plan is the Gaussian coupling of covariance
 * {@code [[A, c], [c, B]]} maximising {@code 2c + (eps/2) log(1 - c^2/(AB))} (the mutual information
 * is {@code -1/2 log(1 - rho^2)}), so {@code 2c^2 + eps c - 2AB = 0},
 * <pre>  c = (sqrt(eps^2 + 16 AB) - eps) / 4,
 *   OT = (m_a - m_b)^2 + A + B - 2c - (eps/2) log(1 - c^2/(AB)),</pre>
 * which tends to {@code W2^2 = (m_a - m_b)^2 + (sqrt A - sqrt B)^2} as eps -> 0.
 *
 * <p>Unbalanced: the potentials stay quadratic, {@code f(x) = -P x^2/2 + Q x + R}, and the soft-min
 * of a quadratic against a Gaussian is a Gaussian integral, so the optimality equations
 * {@code f = lambda Smin(g)}, {@code g = lambda Smin(f)} ({@code lambda = rho/(rho + eps)}) become a
 * map on six numbers ({@link GaussianPotentials}), iterated here to its fixed point; the value then
 * follows from upstream's formula with Gaussian integrals of {@code e^{-f/rho}}. This is the same
 * solution as the paper's explicit formulas, computed without the library.
 *
 * <p>The measures are discretised by N = 300 quantiles, rescaled to the exact mean and variance.
 * The remaining discretisation error decays like 1/N (measured: 1.7e-4 relative at N = 300,
 * 5.6e-5 at N = 800), so a relative tolerance of 1e-3 leaves a margin of about 6 while a wrong
 * formula or solver (an error in eps, a missing factor 2 in the cost) is off by far more.
 */
class GaussianClosedFormTest {

    private static final int N = 300;

    @Test
    void balancedEntropicCostMatchesTheClosedForm() {
        double ma = 0.3;
        double va = 0.8;
        double mb = 1.1;
        double vb = 2.0;
        for (double eps : new double[] {0.1, 1.0}) {
            double c = (Math.sqrt(eps * eps + 16 * va * vb) - eps) / 4;
            double expected = (ma - mb) * (ma - mb) + va + vb - 2 * c
                    - eps / 2 * Math.log(1 - c * c / (va * vb));
            // The quadratic-potential fixed point must agree with the explicit formula.
            double fixedPoint = GaussianPotentials.solve(1, ma, va, 1, mb, vb, eps,
                    Double.POSITIVE_INFINITY).balancedValue();
            assertEquals(expected, fixedPoint, 1e-10 * expected);
            OTResultSample result = OT.solveSample(quantiles(ma, va), quantiles(mb, vb),
                    SampleOptions.reg(eps).tol(1e-8));
            assertTrue(result.converged());
            assertEquals(expected, result.value(), 1e-3 * expected, "eps " + eps);
        }
    }

    @Test
    void unbalancedEntropicCostMatchesTheGaussianFixedPoint() {
        double massA = 1.0;
        double massB = 1.6;
        double ma = -0.2;
        double va = 1.0;
        double mb = 0.9;
        double vb = 0.5;
        for (double[] parameters : new double[][] {{0.5, 2.0}, {1.0, 0.5}}) {
            double eps = parameters[0];
            double rho = parameters[1];
            double expected = GaussianPotentials.solve(massA, ma, va, massB, mb, vb, eps, rho)
                    .unbalancedValue();
            double[] a = new double[N];
            double[] b = new double[N];
            java.util.Arrays.fill(a, massA / N);
            java.util.Arrays.fill(b, massB / N);
            OTResultSample result = OT.solveSample(quantiles(ma, va), quantiles(mb, vb),
                    SampleOptions.reg(eps).unbalanced(rho).a(a).b(b).tol(1e-8));
            assertTrue(result.converged());
            assertEquals(expected, result.value(), 1e-3 * Math.abs(expected),
                    "eps " + eps + ", rho " + rho);
        }
    }

    /** N quantiles of N(mean, variance), rescaled to exactly that mean and variance. */
    static double[][] quantiles(double mean, double variance) {
        double[] z = new double[N];
        double sum = 0;
        for (int i = 0; i < N; i++) {
            z[i] = InverseNormal.quantile((i + 0.5) / N);
            sum += z[i];
        }
        double centre = sum / N;
        double squares = 0;
        for (int i = 0; i < N; i++) {
            z[i] -= centre;
            squares += z[i] * z[i];
        }
        double scale = Math.sqrt(variance / (squares / N));
        double[][] points = new double[N][1];
        for (int i = 0; i < N; i++) {
            points[i][0] = mean + scale * z[i];
        }
        return points;
    }
}
