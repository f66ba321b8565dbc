package org.geomloss.examples.gallery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;

/**
 * A discrete (Lagrangian) Wasserstein gradient flow, as in GeomLoss's gallery "Gradient flows in 2D":
 * explicit Euler steps on the positions of the source points,
 * {@code x_i <- x_i - lr * (dL/dx_i) / a_i}, where {@code L} is an {@link Objective} of the source
 * {@code alpha} (by default {@code Loss(alpha, beta)} toward a fixed target {@code beta}; a weighted
 * sum of losses for Wasserstein barycenters) and {@code a_i} is the weight of {@code x_i} (the
 * gallery's {@code x -= lr * len(x) * grad} for uniform weights).
 *
 * <p>The gallery's schedule: time step {@code lr = 0.05}, {@code int(5 / lr) + 1 = 101} iterations,
 * snapshots before the updates of times {@code 0, 0.25, 0.5, 1, 2, 5}.
 *
 * <p>Immutable and thread-safe; {@link #run} allocates its own state.
 */
public final class GradientFlow {

    /** The gallery's time step. */
    public static final double GALLERY_LEARNING_RATE = 0.05;
    /** The gallery's snapshot times. */
    public static final double[] GALLERY_TIMES = {0.0, 0.25, 0.50, 1.0, 2.0, 5.0};

    private final double learningRate;
    private final int steps;
    private final int[] snapshotIterations;

    /**
     * A flow of {@code steps} Euler steps of size {@code learningRate}, keeping the positions at the
     * iterations listed (0 is the start).
     */
    public GradientFlow(double learningRate, int steps, int... snapshotIterations) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite, got "
                    + learningRate);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        for (int iteration : snapshotIterations) {
            if (iteration < 0 || iteration >= steps) {
                throw new IllegalArgumentException("snapshot iteration " + iteration
                        + " is outside [0, " + steps + ")");
            }
        }
        this.learningRate = learningRate;
        this.steps = steps;
        this.snapshotIterations = snapshotIterations.clone();
    }

    /** The gallery's flow: lr 0.05, 101 iterations, snapshots at t = 0, 0.25, 0.5, 1, 2, 5. */
    public static GradientFlow gallery() {
        double lr = GALLERY_LEARNING_RATE;
        int[] iterations = Arrays.stream(GALLERY_TIMES).mapToInt(t -> (int) Math.round(t / lr))
                .toArray();
        return new GradientFlow(lr, (int) (5 / lr) + 1, iterations);
    }

    /**
     * What a flow descends: a function of the source measure, with its gradient with respect to the
     * source coordinates.
     */
    @FunctionalInterface
    public interface Objective {

        /** The value at {@code x} and its gradient, flat row-major N x D. */
        Evaluation evaluate(Measure x);

        /** {@code loss(x, target)}: the gallery's flow toward a fixed target. */
        static Objective toward(SamplesLoss loss, Measure target) {
            return x -> {
                LossGradients result = loss.valueAndGradients(x, target);
                return new Evaluation(result.value(), result.gradX());
            };
        }
    }

    /** The value of an {@link Objective} and its gradient (flat N x D). */
    public record Evaluation(double value, double[] gradient) {
    }

    /** Positions of the source at one iteration. */
    public record Snapshot(int iteration, double time, double[] coords) {
    }

    /**
     * What a flow produced.
     *
     * @param snapshots           the positions at the requested iterations, in order
     * @param losses              the loss at each iteration, before its update
     * @param secondsPerIteration the mean wall time of one loss, gradient and update
     * @param end                 the positions after the last update, flat N x D
     */
    public record Result(List<Snapshot> snapshots, double[] losses, double secondsPerIteration,
                         double[] end) {
    }

    /** Flows the source {@code x} (weights kept) toward the fixed target {@code y}. */
    public Result run(SamplesLoss loss, Measure x, Measure y) {
        return run(Objective.toward(loss, y), x);
    }

    /** Flows the source {@code x} (weights kept) down {@code objective}. */
    public Result run(Objective objective, Measure x) {
        int n = x.count();
        int d = x.dimension();
        double[] weights = x.weights();
        double[] coords = new double[n * d];
        float[] start = x.coordinates();
        for (int k = 0; k < coords.length; k++) {
            coords[k] = start[k];
        }
        double[] measureWeights = x.hasUniformDefaultWeights() ? null : weights;
        boolean[] snapshot = new boolean[steps];
        for (int iteration : snapshotIterations) {
            snapshot[iteration] = true;
        }
        List<Snapshot> snapshots = new ArrayList<>();
        double[] losses = new double[steps];
        long elapsed = 0;
        for (int iteration = 0; iteration < steps; iteration++) {
            if (snapshot[iteration]) {
                snapshots.add(new Snapshot(iteration, learningRate * iteration, coords.clone()));
            }
            long begin = System.nanoTime();
            Evaluation result = objective.evaluate(Measure.ofFlat(coords, n, d, measureWeights));
            double[] gradient = result.gradient();
            for (int i = 0; i < n; i++) {
                double step = weights[i] > 0 ? learningRate / weights[i] : 0.0;
                for (int k = 0; k < d; k++) {
                    coords[i * d + k] -= step * gradient[i * d + k];
                }
            }
            elapsed += System.nanoTime() - begin;
            losses[iteration] = result.value();
        }
        return new Result(List.copyOf(snapshots), losses, elapsed / 1e9 / steps, coords);
    }

    /** The number of iterations. */
    public int steps() {
        return steps;
    }

    /** The time step. */
    public double learningRate() {
        return learningRate;
    }
}
