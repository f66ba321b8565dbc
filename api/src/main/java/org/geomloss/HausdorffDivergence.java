package org.geomloss;

import org.geomloss.kernels.CostFunction;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.LogWeights;
import org.geomloss.sinkhorn.Refinement;
import org.geomloss.sinkhorn.SingleScale;
import org.geomloss.sinkhorn.SymmetricSinkhorn;

/**
 * The soft Hausdorff divergence of Feydy and Trouv&eacute; (2018, "Global divergences between
 * measures: from Hausdorff distance to Optimal Transport"), which GeomLoss advertises but does not
 * implement ({@code loss="hausdorff"} raises {@code KeyError} upstream).
 *
 * <p>With {@code f_aa}, {@code g_bb} the self-transport potentials of alpha and beta (the annealed
 * symmetric loop restricted to the self problems), their extrapolations {@code b(x_i) = lambda
 * softmin_eps(c(x_i, y), l_b + g_bb/eps)} and {@code a(y_j) = lambda softmin_eps(c(y_j, x),
 * l_a + f_aa/eps)}, and the final self potentials {@code F_aa}, {@code G_bb}:
 * <pre>  H(a, b) = (<a, b(x) - F_aa> + <b, a(y) - G_bb>) / 2</pre>
 * {@code H(a, a) = 0}; as blur goes to 0, H tends to the symmetric chamfer distance
 * {@code (<a, min_j c(x, y_j)> + <b, min_i c(x_i, y)>) / 2}.
 *
 * <p>Gradients hold the pre-final self potentials fixed (GeomLoss's envelope convention): the weight
 * gradients are the potentials {@code (b(x) - F_aa)/2} and {@code (a(y) - G_bb)/2}; the position
 * gradients differentiate every cost of the final step, including the second argument of the cross
 * costs (the pull of each y_j on its soft nearest neighbours x_i). They are exact in the limit
 * blur -&gt; 0 and an approximation otherwise.
 *
 * <p>With a {@link Refinement}, the self problems continue at the last temperature until their
 * marginal errors meet the tolerance ({@link AnnealingDriver}) before the final step.
 */
final class HausdorffDivergence {

    private final CostFunction cost;
    private final AnnealingDriver.Settings annealing;

    HausdorffDivergence(CostFunction cost, AnnealingDriver.Settings annealing) {
        this.cost = cost;
        this.annealing = annealing;
    }

    Outcome evaluate(Pair pair) {
        SingleScale plan = SingleScale.of(SoftminStrategy.operators(pair, cost, false, true),
                pair.a(), pair.b());
        AnnealingDriver.Result run = AnnealingDriver.run(plan, annealing, pair.progress());
        Refinement.Outcome refined = run.refinement();
        SymmetricSinkhorn loop = run.loop();
        double[] logA = plan.logA();
        double[] logB = plan.logB();
        double eps = annealing.finalEps();
        FinalStep self = run.finalStep();
        FinalStep.Direction bOnX = loop.extrapolate(
                SoftminStrategy.operator(pair, cost, pair.x(), pair.y()), eps, logB, loop.gBB());
        FinalStep.Direction aOnY = loop.extrapolate(
                SoftminStrategy.operator(pair, cost, pair.y(), pair.x()), eps, logA, loop.fAA());
        double[] f = halfDifference(bOnX.potential(), self.fAA().potential());
        double[] g = halfDifference(aOnY.potential(), self.gBB().potential());
        double value = Pair.dot(pair.a(), f) + Pair.dot(pair.b(), g);
        if (!pair.gradients()) {
            return new Outcome(value, f, g, null, null, null, null, pair.backend(), refined);
        }
        int d = pair.dimension();
        double[] gradX = positionGradient(self, bOnX, self.fAA(), aOnY, pair.a(), pair.b(), d);
        double[] gradY = positionGradient(self, aOnY, self.gBB(), bOnX, pair.b(), pair.a(), d);
        return new Outcome(value, f, g, gradX, gradY, f.clone(), g.clone(), pair.backend(),
                refined);
    }

    /**
     * {@code (a_i (grad b(x)_i - grad F_aa_i) + lambda sum_j b_j Q_ji grad_1 c(x_i, y_j)) / 2}, where
     * {@code Q_ji} are the soft-max weights of the extrapolation {@code a(y_j)}.
     */
    private double[] positionGradient(FinalStep step, FinalStep.Direction extrapolation,
                                      FinalStep.Direction self, FinalStep.Direction reverse,
                                      double[] weights, double[] otherWeights, int d) {
        double[] gradient = step.gradient(extrapolation, d);
        double[] selfGradient = step.gradient(self, d);
        double lambda = step.lambda();
        double eps = step.eps();
        // sum_j b_j Q_ji grad_1 c(x_i, y_j) is a soft-min gradient over the same pairs as b(x), with
        // source log-vector l_b + a(y)/(lambda eps) and row shift eps * h_i of a(y)'s own sources.
        double[] otherLog = LogWeights.of(otherWeights);
        double[] sourceLog = new double[otherLog.length];
        for (int j = 0; j < sourceLog.length; j++) {
            sourceLog[j] = otherLog[j] + reverse.potential()[j] / (lambda * eps);
        }
        double[] rowShift = new double[weights.length];
        for (int i = 0; i < rowShift.length; i++) {
            rowShift[i] = eps * reverse.h()[i];
        }
        double[] pull = new double[gradient.length];
        extrapolation.operator().softminGradient(eps, sourceLog, rowShift, pull);
        for (int i = 0; i < weights.length; i++) {
            for (int k = 0; k < d; k++) {
                int index = i * d + k;
                gradient[index] = 0.5 * (weights[i] * (gradient[index] - selfGradient[index])
                        + lambda * pull[index]);
            }
        }
        return gradient;
    }

    private static double[] halfDifference(double[] u, double[] v) {
        double[] out = new double[u.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.5 * (u[i] - v[i]);
        }
        return out;
    }
}
