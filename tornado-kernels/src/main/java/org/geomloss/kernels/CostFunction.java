package org.geomloss.kernels;

/**
 * A ground cost {@code c(u, v)} between two points, with its gradient in the first argument.
 * GeomLoss's {@code cost} parameter of {@code SamplesLoss}.
 *
 * <p>Built-in costs are the constants of {@link GroundCost}; kernels recognise them and run their
 * fast paths. Any other implementation runs on the scalar path: it must be thread-safe, since kernels
 * call it from several threads at once. The {@code float[]} methods serve {@link Precision#FLOAT32},
 * the {@code double[]} ones {@link Precision#FLOAT64}; a custom cost that does not override the
 * latter is refused with {@link UnsupportedOperationException} when float64 is asked for.
 */
public interface CostFunction {

    /**
     * Returns {@code c(x_i, y_j)}.
     *
     * @param x         flat coordinates of the first cloud
     * @param i         index of the point in {@code x}
     * @param y         flat coordinates of the second cloud
     * @param j         index of the point in {@code y}
     * @param dimension D
     */
    double cost(float[] x, int i, float[] y, int j, int dimension);

    /**
     * Adds {@code weight * grad_u c(u, v)} at {@code u = x_i, v = y_j} into
     * {@code out[offset .. offset + dimension)}.
     *
     * <p>The default refuses: a custom cost without a gradient supports values and potentials only.
     */
    default void addGradient(float[] x, int i, float[] y, int j, int dimension,
                             double weight, double[] out, int offset) {
        throw new UnsupportedOperationException(
                "this custom cost does not implement addGradient: values and potentials only");
    }

    /**
     * Returns {@code c(x_i, y_j)} for float64 coordinates ({@link Precision#FLOAT64}).
     *
     * <p>The default refuses: a custom cost written for float32 coordinates only.
     */
    default double cost(double[] x, int i, double[] y, int j, int dimension) {
        throw new UnsupportedOperationException(FLOAT32_ONLY);
    }

    /**
     * Adds {@code weight * grad_u c(u, v)} for float64 coordinates ({@link Precision#FLOAT64}).
     *
     * <p>The default refuses, as {@link #cost(double[], int, double[], int, int)}.
     */
    default void addGradient(double[] x, int i, double[] y, int j, int dimension,
                             double weight, double[] out, int offset) {
        throw new UnsupportedOperationException(FLOAT32_ONLY);
    }

    /** Why a custom cost cannot run in float64. */
    String FLOAT32_ONLY = "this custom cost implements the float[] methods only: override "
            + "cost(double[], ...) and addGradient(double[], ...) to run it with Precision.FLOAT64, "
            + "or use Precision.FLOAT32";
}
