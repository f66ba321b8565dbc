package org.geomloss.ot;

/**
 * The optimal potentials of entropic OT between 1D Gaussian measures {@code m N(mu, v)} for the
 * cost {@code |x - y|^2}: quadratics {@code f(x) = -P x^2/2 + Q x + R}. One soft-min of a quadratic
 * {@code g} against {@code beta = m_b N(mu_b, v_b)}:
 * <pre>
 *   K = P_g/eps + 2/eps + 1/v_b,   L0 = Q_g/eps + mu_b/v_b
 *   log int e^{(g(y) - (x-y)^2)/eps} dbeta(y) = x^2 (2/(eps^2 K) - 1/eps) + x 2 L0/(eps K) + k
 *   k = log m_b - log(2 pi v_b)/2 + log(2 pi / K)/2 + L0^2/(2K) + R_g/eps - mu_b^2/(2 v_b)
 * </pre>
 * so {@code f = -lambda eps log(...)} has {@code P_f = 2 lambda (2/(eps K) - 1)},
 * {@code Q_f = -2 lambda L0 / K}, {@code R_f = -lambda eps k}. Alternating updates converge to the
 * fixed point.
 */
record GaussianPotentials(double[] f, double[] g, double massA, double meanA, double varA,
                          double massB, double meanB, double varB, double eps, double rho) {

    static GaussianPotentials solve(double massA, double meanA, double varA, double massB,
                                    double meanB, double varB, double eps, double rho) {
        double lambda = Double.isInfinite(rho) ? 1 : rho / (rho + eps);
        double[] f = new double[3];
        double[] g = new double[3];
        for (int iteration = 0; iteration < 100_000; iteration++) {
            double[] nextF = softmin(g, massB, meanB, varB, eps, lambda);
            double[] nextG = softmin(nextF, massA, meanA, varA, eps, lambda);
            double change = 0;
            for (int k = 0; k < 3; k++) {
                change = Math.max(change, Math.abs(nextF[k] - f[k]) + Math.abs(nextG[k] - g[k]));
            }
            f = nextF;
            g = nextG;
            if (change < 1e-15) {
                break;
            }
        }
        return new GaussianPotentials(f, g, massA, meanA, varA, massB, meanB, varB, eps, rho);
    }

    private static double[] softmin(double[] g, double mass, double mean, double var, double eps,
                                    double lambda) {
        double k = g[0] / eps + 2 / eps + 1 / var;
        double l0 = g[1] / eps + mean / var;
        double constant = Math.log(mass) - 0.5 * Math.log(2 * Math.PI * var)
                + 0.5 * Math.log(2 * Math.PI / k) + l0 * l0 / (2 * k) + g[2] / eps
                - mean * mean / (2 * var);
        return new double[] {2 * lambda * (2 / (eps * k) - 1), -2 * lambda * l0 / k,
            -lambda * eps * constant};
    }

    /** {@code <a, f> + <b, g>}: upstream's balanced value. */
    double balancedValue() {
        return massA * expectation(f, meanA, varA) + massB * expectation(g, meanB, varB);
    }

    /**
     * {@code rho (m_a + m_b) + eps m_a m_b - (rho + eps/2)(int e^{-f/rho} dalpha
     * + int e^{-g/rho} dbeta)}: upstream's unbalanced value.
     */
    double unbalancedValue() {
        return rho * (massA + massB) + eps * massA * massB
                - (rho + eps / 2) * (massA * dampedIntegral(f, meanA, varA)
                + massB * dampedIntegral(g, meanB, varB));
    }

    private static double expectation(double[] p, double mean, double var) {
        return -0.5 * p[0] * (var + mean * mean) + p[1] * mean + p[2];
    }

    /** {@code int e^{-f(x)/rho} N(x; mean, var) dx}. */
    private double dampedIntegral(double[] p, double mean, double var) {
        double k = 1 / var - p[0] / rho;
        double l = mean / var - p[1] / rho;
        return Math.sqrt(1 / (var * k)) * Math.exp(l * l / (2 * k) - p[2] / rho
                - mean * mean / (2 * var));
    }
}
