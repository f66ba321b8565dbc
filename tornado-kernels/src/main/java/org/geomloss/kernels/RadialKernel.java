package org.geomloss.kernels;

/**
 * The kernels of GeomLoss's kernel losses ({@code "gaussian"}, {@code "laplacian"}, {@code "energy"}),
 * as functions of {@code r2 = |u - v|^2 / sigma^2} with {@code sigma = blur} (energy ignores blur: its
 * scale is 1).
 *
 * <ul>
 *   <li>{@link #GAUSSIAN}: {@code k = exp(-r2 / 2)}, {@code grad_u k = -(u - v) k / sigma^2}.</li>
 *   <li>{@link #LAPLACIAN}: {@code k = exp(-sqrt(max(r2, 1e-8)))},
 *       {@code grad_u k = -(u - v) k / (sigma^2 sqrt(r2))}, 0 where the clamp is active.</li>
 *   <li>{@link #ENERGY}: {@code k = -sqrt(max(|u - v|^2, 1e-8))},
 *       {@code grad_u k = -(u - v) / |u - v|}, 0 where the clamp is active.</li>
 * </ul>
 * The clamps are GeomLoss's tensorized conventions, used by every backend here.
 */
public enum RadialKernel {
    /** Gaussian kernel {@code exp(-|u-v|^2 / (2 sigma^2))}. */
    GAUSSIAN {
        @Override
        public double value(double r2) {
            return Math.exp(-0.5 * r2);
        }

        @Override
        public double gradientFactor(double r2) {
            return -Math.exp(-0.5 * r2);
        }
    },
    /** Laplacian kernel {@code exp(-|u-v| / sigma)}. */
    LAPLACIAN {
        @Override
        public double value(double r2) {
            return Math.exp(-Math.sqrt(Math.max(r2, GroundCost.SQUARED_DISTANCE_FLOOR)));
        }

        @Override
        public double gradientFactor(double r2) {
            if (r2 < GroundCost.SQUARED_DISTANCE_FLOOR) {
                return 0.0;
            }
            double r = Math.sqrt(r2);
            return -Math.exp(-r) / r;
        }
    },
    /** Energy distance kernel {@code -|u - v|}. */
    ENERGY {
        @Override
        public double value(double r2) {
            return -Math.sqrt(Math.max(r2, GroundCost.SQUARED_DISTANCE_FLOOR));
        }

        @Override
        public double gradientFactor(double r2) {
            return r2 < GroundCost.SQUARED_DISTANCE_FLOOR ? 0.0 : -1.0 / Math.sqrt(r2);
        }
    };

    /** {@code k} as a function of the scaled squared distance {@code r2 = |u - v|^2 / sigma^2}. */
    public abstract double value(double r2);

    /**
     * The scalar {@code s(r2)} such that {@code grad_u k(u, v) = s(r2) * (u - v) / sigma^2}.
     */
    public abstract double gradientFactor(double r2);
}
