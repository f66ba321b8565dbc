package org.geomloss.kernels;

/**
 * The pairs {@code (x_i, y_j)} of two point arrays in one {@link Precision}: their cost, its gradient,
 * their squared distance and coordinate differences, computed from the float32 coordinates
 * ({@link PointArray#coords()}) or the float64 ones ({@link PointArray#doubleCoordinates()}). It lets
 * the scalar kernels and the dense cost matrices be written once for both precisions; the arithmetic
 * is float64 in both (float32 coordinates are widened exactly).
 *
 * <p>Immutable; thread-safe as long as the arrays are not changed.
 */
public sealed interface PairCosts {

    /**
     * The pairs of {@code x} and {@code y} under {@code cost}, read in {@code precision}.
     *
     * @throws UnsupportedOperationException later, from {@link #cost}, for a custom cost without a
     *                                       float64 form asked in {@link Precision#FLOAT64}
     */
    static PairCosts of(CostFunction cost, PointArray x, PointArray y, Precision precision) {
        return precision == Precision.FLOAT64
                ? new Float64(cost, x.doubleCoordinates(), y.doubleCoordinates(), x.dimension())
                : new Float32(cost, x.coords(), y.coords(), x.dimension());
    }

    /** {@code c(x_i, y_j)}. */
    double cost(int i, int j);

    /** Adds {@code weight * grad_1 c(x_i, y_j)} into {@code out[offset .. offset + D)}. */
    void addGradient(int i, int j, double weight, double[] out, int offset);

    /** {@code |x_i - y_j|^2}. */
    double squaredDistance(int i, int j);

    /** {@code x_ik - y_jk}. */
    double difference(int i, int j, int k);

    /** Float32 coordinates. */
    record Float32(CostFunction function, float[] x, float[] y, int dimension) implements PairCosts {

        @Override
        public double cost(int i, int j) {
            return function.cost(x, i, y, j, dimension);
        }

        @Override
        public void addGradient(int i, int j, double weight, double[] out, int offset) {
            function.addGradient(x, i, y, j, dimension, weight, out, offset);
        }

        @Override
        public double squaredDistance(int i, int j) {
            return GroundCost.squaredDistance(x, i, y, j, dimension);
        }

        @Override
        public double difference(int i, int j, int k) {
            return (double) x[i * dimension + k] - y[j * dimension + k];
        }
    }

    /** Float64 coordinates. */
    record Float64(CostFunction function, double[] x, double[] y, int dimension)
            implements PairCosts {

        @Override
        public double cost(int i, int j) {
            return function.cost(x, i, y, j, dimension);
        }

        @Override
        public void addGradient(int i, int j, double weight, double[] out, int offset) {
            function.addGradient(x, i, y, j, dimension, weight, out, offset);
        }

        @Override
        public double squaredDistance(int i, int j) {
            return GroundCost.squaredDistance(x, i, y, j, dimension);
        }

        @Override
        public double difference(int i, int j, int k) {
            return x[i * dimension + k] - y[j * dimension + k];
        }
    }
}
