package org.geomloss.examples.registration;

import java.util.function.Consumer;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.data.Coordinates;

/**
 * Registers a 3D source cloud onto a target by gradient descent on {@code L(alpha, beta)} (any
 * {@link SamplesLoss}), with the gradient {@code g_i = dL/dx_i}:
 *
 * <ul>
 *   <li>{@link Mode#RIGID}: the source moves by a {@link RigidMotion} about its centroid c. With
 *       {@code x_i} the moved points, the gradients of the loss with respect to a translation and
 *       an infinitesimal rotation {@code w} are {@code sum_i g_i} and {@code sum_i (x_i - c') x g_i}
 *       ({@code c'} the moved centroid). Each step divides them by the total mass and by the inertia
 *       {@code sum_i a_i |x_i - c'|^2}, so that {@code lr = 1} is a Gauss-Newton step for
 *       {@code p = 2} Sinkhorn (where {@code g_i = a_i (x_i - T(x_i))}).</li>
 *   <li>{@link Mode#FREE_FORM}: every point moves, {@code x_i <- x_i - lr * g_i / a_i} (the gallery's
 *       flow).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class Registration3D {

    /** What may move. */
    public enum Mode {
        /** A rotation and a translation of the whole cloud. */
        RIGID,
        /** Every point independently. */
        FREE_FORM
    }

    private final SamplesLoss loss;
    private final Mode mode;
    private final double learningRate;

    /** A registration minimising {@code loss} with steps of size {@code learningRate}. */
    public Registration3D(SamplesLoss loss, Mode mode, double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite, got "
                    + learningRate);
        }
        this.loss = loss;
        this.mode = mode;
        this.learningRate = learningRate;
    }

    /** One step: the loss before it, and the positions after it. */
    public record Step(int index, double loss, double seconds) {
    }

    /**
     * The outcome.
     *
     * @param start  the source points, flat N x 3
     * @param end    the registered points, flat N x 3
     * @param losses the loss before each step, then after the last one
     * @param motion the rigid motion found ({@link Mode#RIGID}), or {@code null}
     */
    public record Result(double[] start, double[] end, double[] losses, RigidMotion motion) {
    }

    /** Runs {@code steps} steps from {@code source} toward {@code target}, reporting each one. */
    public Result run(Measure source, Measure target, int steps, Consumer<Step> report) {
        if (source.dimension() != 3 || target.dimension() != 3) {
            throw new IllegalArgumentException("registration is in 3D, got dimensions "
                    + source.dimension() + " and " + target.dimension());
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        int n = source.count();
        double[] weights = source.weights();
        double[] start = Coordinates.of(source);
        RigidMotion motion = RigidMotion.identity(centroid(start, weights));
        double[] current = start.clone();
        double[] losses = new double[steps + 1];
        for (int s = 0; s <= steps; s++) {
            long begin = System.nanoTime();
            Measure moved = Measure.ofFlat(current, n, 3,
                    source.hasUniformDefaultWeights() ? null : weights);
            if (s == steps) {
                losses[s] = loss.value(moved, target);
                break;
            }
            LossGradients result = loss.valueAndGradients(moved, target);
            losses[s] = result.value();
            if (mode == Mode.RIGID) {
                motion = rigidStep(motion, current, weights, result.gradX());
                current = motion.apply(start);
            } else {
                for (int i = 0; i < n; i++) {
                    double step = weights[i] > 0 ? learningRate / weights[i] : 0.0;
                    for (int k = 0; k < 3; k++) {
                        current[3 * i + k] -= step * result.gradX()[3 * i + k];
                    }
                }
            }
            report.accept(new Step(s, losses[s], (System.nanoTime() - begin) / 1e9));
        }
        return new Result(start, current, losses, mode == Mode.RIGID ? motion : null);
    }

    private RigidMotion rigidStep(RigidMotion motion, double[] points, double[] weights,
                                  double[] gradient) {
        double[] centre = centroid(points, weights);
        double mass = 0.0;
        double inertia = 0.0;
        double[] force = new double[3];
        double[] torque = new double[3];
        for (int i = 0; i < weights.length; i++) {
            double rx = points[3 * i] - centre[0];
            double ry = points[3 * i + 1] - centre[1];
            double rz = points[3 * i + 2] - centre[2];
            double gx = gradient[3 * i];
            double gy = gradient[3 * i + 1];
            double gz = gradient[3 * i + 2];
            force[0] += gx;
            force[1] += gy;
            force[2] += gz;
            torque[0] += ry * gz - rz * gy;
            torque[1] += rz * gx - rx * gz;
            torque[2] += rx * gy - ry * gx;
            mass += weights[i];
            inertia += weights[i] * (rx * rx + ry * ry + rz * rz);
        }
        double[] w = new double[3];
        double[] shift = new double[3];
        for (int k = 0; k < 3; k++) {
            w[k] = inertia > 0 ? -learningRate * torque[k] / inertia : 0.0;
            shift[k] = -learningRate * force[k] / mass;
        }
        return motion.then(w, shift);
    }

    static double[] centroid(double[] points, double[] weights) {
        double[] centre = new double[3];
        double mass = 0.0;
        for (int i = 0; i < weights.length; i++) {
            for (int k = 0; k < 3; k++) {
                centre[k] += weights[i] * points[3 * i + k];
            }
            mass += weights[i];
        }
        for (int k = 0; k < 3; k++) {
            centre[k] /= mass;
        }
        return centre;
    }

}
