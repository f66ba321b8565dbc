package org.geomloss;

import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.RadialKernel;

/**
 * The kernel losses of GeomLoss ({@code kernel_loss}): for a kernel {@code k},
 * <pre>  L(a, b) = a'K_xx a / 2 + b'K_yy b / 2 - a'K_xy b = |a - b|_k^2 / 2</pre>
 * with potentials {@code F = K_xx a - K_xy b}, {@code G = K_yy b - K_yx a}, so that
 * {@code L = (<a, F> + <b, G>) / 2}. Gradients: {@code dL/da = F}, {@code dL/db = G},
 * {@code dL/dx_i = a_i (sum_k a_k grad_1 k(x_i, x_k) - sum_j b_j grad_1 k(x_i, y_j))}, and
 * symmetrically for y. Masses need not be equal; {@code L(a, a) = 0}.
 */
final class KernelNorm {

    private final RadialKernel kernel;
    private final double sigma;

    /** {@code sigma} is the blur, or 1 for the scale-free energy kernel. */
    KernelNorm(RadialKernel kernel, double sigma) {
        this.kernel = kernel;
        this.sigma = sigma;
    }

    Outcome evaluate(Pair pair) {
        PointKernels kernels = pair.kernels();
        int n = pair.x().count();
        int m = pair.y().count();
        double[] f = new double[n];
        double[] g = new double[m];
        double[] scratchX = new double[n];
        double[] scratchY = new double[m];
        kernels.kernelSum(kernel, sigma, pair.x(), pair.x(), pair.a(), f);
        kernels.kernelSum(kernel, sigma, pair.x(), pair.y(), pair.b(), scratchX);
        kernels.kernelSum(kernel, sigma, pair.y(), pair.y(), pair.b(), g);
        kernels.kernelSum(kernel, sigma, pair.y(), pair.x(), pair.a(), scratchY);
        for (int i = 0; i < n; i++) {
            f[i] -= scratchX[i];
        }
        for (int j = 0; j < m; j++) {
            g[j] -= scratchY[j];
        }
        double value = 0.5 * (Pair.dot(pair.a(), f) + Pair.dot(pair.b(), g));
        if (!pair.gradients()) {
            return new Outcome(value, f, g, null, null, null, null, pair.backend(), null);
        }
        double[] gradX = positionGradient(kernels, pair.x(), pair.a(), pair.y(), pair.b());
        double[] gradY = positionGradient(kernels, pair.y(), pair.b(), pair.x(), pair.a());
        return new Outcome(value, f, g, gradX, gradY, f.clone(), g.clone(), pair.backend(), null);
    }

    private double[] positionGradient(PointKernels kernels, PointArray self,
                                      double[] selfWeights, PointArray other,
                                      double[] otherWeights) {
        int d = self.dimension();
        double[] attraction = new double[self.count() * d];
        double[] repulsion = new double[self.count() * d];
        kernels.kernelGradient(kernel, sigma, self, self, selfWeights, repulsion);
        kernels.kernelGradient(kernel, sigma, self, other, otherWeights, attraction);
        for (int k = 0; k < repulsion.length; k++) {
            repulsion[k] -= attraction[k];
        }
        return Pair.scaleRows(repulsion, selfWeights, d);
    }
}
