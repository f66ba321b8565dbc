package org.geomloss.ot;

/**
 * Options of {@link OT#solve}: GeomLoss's {@code ot.solve(C, *, reg, a, b, unbalanced, ...)}
 * keyword arguments. {@code reg} (the temperature {@code eps}) is required, so it starts the chain:
 * {@code SolveOptions.reg(1e-3).a(a).b(b).maxIter(100)}. Weights default to uniform {@code 1/N},
 * {@code 1/M}. Immutable; arrays are copied.
 */
public final class SolveOptions extends SinkhornOptions<SolveOptions> {

    final double reg;
    double[] a;
    double[] b;

    private SolveOptions(double reg) {
        this.reg = reg;
    }

    private SolveOptions(SolveOptions other) {
        super(other);
        reg = other.reg;
        a = other.a;
        b = other.b;
    }

    /** Starts options with the temperature {@code eps = reg}, which must be {@code > 0}. */
    public static SolveOptions reg(double reg) {
        return new SolveOptions(reg);
    }

    /** The source weights {@code a} (length N, {@code >= 0}). */
    public SolveOptions a(double[] weights) {
        SolveOptions copy = copy();
        copy.a = weights == null ? null : weights.clone();
        return copy;
    }

    /** The target weights {@code b} (length M, {@code >= 0}). */
    public SolveOptions b(double[] weights) {
        SolveOptions copy = copy();
        copy.b = weights == null ? null : weights.clone();
        return copy;
    }

    @Override
    SolveOptions copy() {
        return new SolveOptions(this);
    }
}
