package org.geomloss.examples.transport;

import org.geomloss.Loss;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;

/**
 * The barycentric (entropic Brenier) map of the transport from {@code alpha = sum a_i delta_{x_i}}
 * to {@code beta}, read from the gradient of the entropic transport cost as GeomLoss's examples
 * do: with {@link SamplesLoss} (Sinkhorn, {@code p = 2}, cost {@code |x - y|^2 / 2},
 * {@code eps = blur^2}, {@code debias = false}),
 * <pre>  dOT_eps/dx_i = a_i (x_i - T(x_i)),   T(x_i) = sum_j pi_ij y_j / a_i</pre>
 * so {@code T(x_i) = x_i - (dOT_eps/dx_i) / a_i}. The plan is the one of GeomLoss's annealing with
 * {@code scaling = 0.9} (about 40 Sinkhorn iterations from the diameter down to the blur), not
 * solved to a marginal tolerance: close enough for pictures, seconds instead of minutes at a small
 * blur. Points of zero weight keep their position.
 *
 * <p>Immutable and thread-safe.
 */
public final class BarycentricMap {

    private static final double SCALING = 0.9;

    private final SamplesLoss loss;

    /** The map at {@code blur}. */
    public BarycentricMap(double blur) {
        this.loss = SamplesLoss.builder().loss(Loss.SINKHORN).p(2).blur(blur).scaling(SCALING)
                .debias(false).build();
    }

    /**
     * The images {@code T(x_i)}, flat row-major N x D, and {@code OT_eps(alpha, beta)}.
     *
     * @param images the images
     * @param value  the entropic transport cost
     */
    public record Images(double[] images, double value) {
    }

    /** {@code T(x_i)} for every point of {@code x}, toward {@code y}. */
    public Images apply(Measure x, Measure y) {
        LossGradients result = loss.valueAndGradients(x, y);
        double[] gradient = result.gradX();
        float[] coordinates = x.coordinates();
        int d = x.dimension();
        double[] images = new double[coordinates.length];
        for (int i = 0; i < x.count(); i++) {
            double weight = x.weight(i);
            for (int k = 0; k < d; k++) {
                images[i * d + k] = coordinates[i * d + k]
                        - (weight > 0 ? gradient[i * d + k] / weight : 0.0);
            }
        }
        return new Images(images, result.value());
    }
}
