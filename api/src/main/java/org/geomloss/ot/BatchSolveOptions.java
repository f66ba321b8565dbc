package org.geomloss.ot;

/**
 * Options of {@link OT#solveBatch}: GeomLoss's {@code ot.solve_batch} keyword arguments, with
 * weights of shape {@code (B, N)} and {@code (B, M)} (uniform when absent). A separate type from
 * {@link SolveOptions} because the weights have one more dimension. Immutable; arrays are copied.
 */
public final class BatchSolveOptions extends SinkhornOptions<BatchSolveOptions> {

    final double reg;
    double[][] a;
    double[][] b;

    private BatchSolveOptions(double reg) {
        this.reg = reg;
    }

    private BatchSolveOptions(BatchSolveOptions other) {
        super(other);
        reg = other.reg;
        a = other.a;
        b = other.b;
    }

    /** Starts options with the temperature {@code eps = reg}, which must be {@code > 0}. */
    public static BatchSolveOptions reg(double reg) {
        return new BatchSolveOptions(reg);
    }

    /** The source weights, one row of N per problem. */
    public BatchSolveOptions a(double[][] weights) {
        BatchSolveOptions copy = copy();
        copy.a = deepCopy(weights);
        return copy;
    }

    /** The target weights, one row of M per problem. */
    public BatchSolveOptions b(double[][] weights) {
        BatchSolveOptions copy = copy();
        copy.b = deepCopy(weights);
        return copy;
    }

    private static double[][] deepCopy(double[][] rows) {
        if (rows == null) {
            return null;
        }
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i] == null ? null : rows[i].clone();
        }
        return copy;
    }

    @Override
    BatchSolveOptions copy() {
        return new BatchSolveOptions(this);
    }
}
