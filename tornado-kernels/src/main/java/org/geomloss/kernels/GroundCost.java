package org.geomloss.kernels;

/**
 * The two ground costs of GeomLoss's Sinkhorn, for {@code p = 1} and {@code p = 2}.
 *
 * <ul>
 *   <li>{@link #HALF_SQUARED_EUCLIDEAN} ({@code p = 2}): {@code c(u,v) = |u - v|^2 / 2},
 *       gradient {@code u - v}.</li>
 *   <li>{@link #EUCLIDEAN} ({@code p = 1}): {@code c(u,v) = sqrt(max(|u - v|^2, 1e-8))}, so
 *       {@code c(u,u) = 1e-4}; gradient {@code (u - v) / c(u,v)}, and 0 where the clamp is active.
 *       This is the convention of GeomLoss's tensorized backend, used here by every backend so that
 *       all of them agree with the reference values.</li>
 * </ul>
 * Squared distances are sums of squared coordinate differences, not the expansion
 * {@code |u|^2 - 2<u,v> + |v|^2} (which loses up to 30% on float32 gradients far from the origin);
 * the vector soft-min kernels use the expansion only on centred clouds and within a rounding budget
 * (see {@code org.geomloss.kernels.vector.VectorPointKernels}).
 */
public enum GroundCost implements CostFunction {
    /** {@code |u - v|^2 / 2}: GeomLoss's cost for {@code p = 2}. */
    HALF_SQUARED_EUCLIDEAN {
        @Override
        public double fromSquaredDistance(double squaredDistance) {
            return 0.5 * squaredDistance;
        }

        @Override
        public double gradientFactor(double squaredDistance) {
            return 1.0;
        }
    },
    /** {@code sqrt(max(|u - v|^2, 1e-8))}: GeomLoss's cost for {@code p = 1}. */
    EUCLIDEAN {
        @Override
        public double fromSquaredDistance(double squaredDistance) {
            return Math.sqrt(Math.max(squaredDistance, SQUARED_DISTANCE_FLOOR));
        }

        @Override
        public double gradientFactor(double squaredDistance) {
            return squaredDistance < SQUARED_DISTANCE_FLOOR ? 0.0 : 1.0 / Math.sqrt(squaredDistance);
        }
    };

    /** The clamp of GeomLoss's {@code p = 1} cost and of the Laplacian and energy kernels. */
    public static final double SQUARED_DISTANCE_FLOOR = 1e-8;

    /** Returns the GeomLoss cost for exponent {@code p}, which must be 1 or 2. */
    public static GroundCost forExponent(int p) {
        return switch (p) {
            case 1 -> EUCLIDEAN;
            case 2 -> HALF_SQUARED_EUCLIDEAN;
            default -> throw new IllegalArgumentException("p must be 1 or 2, got " + p);
        };
    }

    /** The cost as a function of the squared distance {@code |u - v|^2}. */
    public abstract double fromSquaredDistance(double squaredDistance);

    /** The scalar {@code s} such that {@code grad_u c(u, v) = s * (u - v)}. */
    public abstract double gradientFactor(double squaredDistance);

    @Override
    public double cost(float[] x, int i, float[] y, int j, int dimension) {
        return fromSquaredDistance(squaredDistance(x, i, y, j, dimension));
    }

    @Override
    public void addGradient(float[] x, int i, float[] y, int j, int dimension,
                            double weight, double[] out, int offset) {
        double factor = weight * gradientFactor(squaredDistance(x, i, y, j, dimension));
        if (factor == 0.0) {
            return;
        }
        int xi = i * dimension;
        int yj = j * dimension;
        for (int k = 0; k < dimension; k++) {
            out[offset + k] += factor * ((double) x[xi + k] - y[yj + k]);
        }
    }

    @Override
    public double cost(double[] x, int i, double[] y, int j, int dimension) {
        return fromSquaredDistance(squaredDistance(x, i, y, j, dimension));
    }

    @Override
    public void addGradient(double[] x, int i, double[] y, int j, int dimension,
                            double weight, double[] out, int offset) {
        double factor = weight * gradientFactor(squaredDistance(x, i, y, j, dimension));
        if (factor == 0.0) {
            return;
        }
        int xi = i * dimension;
        int yj = j * dimension;
        for (int k = 0; k < dimension; k++) {
            out[offset + k] += factor * (x[xi + k] - y[yj + k]);
        }
    }

    /** {@code |x_i - y_j|^2} as a sum of squared coordinate differences, in float64. */
    public static double squaredDistance(double[] x, int i, double[] y, int j, int dimension) {
        int xi = i * dimension;
        int yj = j * dimension;
        double sum = 0.0;
        for (int k = 0; k < dimension; k++) {
            double diff = x[xi + k] - y[yj + k];
            sum += diff * diff;
        }
        return sum;
    }

    /** {@code |x_i - y_j|^2} as a sum of squared differences, accumulated in double. */
    public static double squaredDistance(float[] x, int i, float[] y, int j, int dimension) {
        int xi = i * dimension;
        int yj = j * dimension;
        double sum = 0.0;
        for (int k = 0; k < dimension; k++) {
            double diff = (double) x[xi + k] - y[yj + k];
            sum += diff * diff;
        }
        return sum;
    }
}
