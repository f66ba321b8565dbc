package org.geomloss.sinkhorn;

/**
 * The plan of the tensorized and online backends and of the ot solvers: every temperature, the
 * refinement and the final step run on the measures themselves.
 *
 * @param operators the soft-min directions between the points
 * @param a         the weights of alpha
 * @param b         the weights of beta
 * @param logA      their safe log-weights ({@link LogWeights})
 * @param logB      the safe log-weights of beta
 */
public record SingleScale(SymmetricSinkhorn.Operators operators, double[] a, double[] b,
                          double[] logA, double[] logB) implements SinkhornScale, ScalePlan {

    /** The plan for the measures {@code (a, .)} and {@code (b, .)} behind {@code operators}. */
    public static SingleScale of(SymmetricSinkhorn.Operators operators, double[] a, double[] b) {
        return new SingleScale(operators, a, b, LogWeights.of(a), LogWeights.of(b));
    }

    @Override
    public SinkhornScale scaleAt(int t) {
        return this;
    }

    @Override
    public SinkhornScale finest() {
        return this;
    }

    /** @throws IllegalStateException always: there is no other representation to move to */
    @Override
    public FinalStep transfer(SymmetricSinkhorn loop, SinkhornScale coarse, SinkhornScale fine,
                              double eps) {
        throw new IllegalStateException("a single-scale plan has no other scale");
    }

    @Override
    public String describe() {
        return "points: " + a.length + "x" + b.length;
    }
}
