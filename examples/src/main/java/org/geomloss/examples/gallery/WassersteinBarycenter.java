package org.geomloss.examples.gallery;

import java.util.List;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;

/**
 * A Wasserstein barycenter of point clouds by gradient descent on the support positions
 * (GeomLoss's {@code plot_wasserstein_barycenters_1D/2D}): the positions {@code x_i} of
 * {@code alpha} (weights fixed) descend
 * <pre>  F(alpha) = sum_k lambda_k Loss(alpha, beta_k)</pre>
 * by the {@link GradientFlow} steps {@code x_i <- x_i - lr (dF/dx_i) / a_i}. With the Sinkhorn
 * divergence for {@code p = 2} and {@code lr = 1}, a step sends each point to the
 * {@code lambda}-average of its barycentric images toward the {@code beta_k} (up to the debiasing
 * term): the fixed-point iteration of free-support barycenters, which settles in a few steps.
 * The weights are normalised to sum to 1; inputs of weight 0 are skipped.
 *
 * <p>Immutable and thread-safe.
 */
public final class WassersteinBarycenter {

    private final SamplesLoss loss;
    private final GradientFlow flow;

    /** Barycenters for {@code loss}, descended by {@code flow}. */
    public WassersteinBarycenter(SamplesLoss loss, GradientFlow flow) {
        this.loss = loss;
        this.flow = flow;
    }

    /**
     * The barycenter of {@code inputs} with weights {@code lambdas} (non-negative, not all zero),
     * starting from {@code start}.
     */
    public GradientFlow.Result run(Measure start, List<Measure> inputs, double[] lambdas) {
        if (inputs.size() != lambdas.length) {
            throw new IllegalArgumentException(lambdas.length + " weights for " + inputs.size()
                    + " inputs");
        }
        double total = 0;
        for (double lambda : lambdas) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("barycenter weights must be >= 0 and finite, "
                        + "got " + lambda);
            }
            total += lambda;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("barycenter weights must not all be 0");
        }
        double sum = total;
        return flow.run(x -> {
            double value = 0;
            double[] gradient = new double[x.count() * x.dimension()];
            for (int k = 0; k < lambdas.length; k++) {
                if (lambdas[k] == 0) {
                    continue;
                }
                LossGradients result = loss.valueAndGradients(x, inputs.get(k));
                double lambda = lambdas[k] / sum;
                value += lambda * result.value();
                double[] g = result.gradX();
                for (int c = 0; c < gradient.length; c++) {
                    gradient[c] += lambda * g[c];
                }
            }
            return new GradientFlow.Evaluation(value, gradient);
        }, start);
    }
}
