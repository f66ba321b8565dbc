package org.geomloss.ot;

import org.geomloss.kernels.GroundCost;

/**
 * Where the costs {@code C_ij} of a solved problem come from when a result needs them again: a
 * stored matrix, or squared distances recomputed between points (so that sample results never hold
 * an N x M array unless asked). Implementations are immutable and thread-safe.
 */
interface CostSource {

    /** N. */
    int rows();

    /** M. */
    int columns();

    /** {@code C_ij}. */
    double cost(int i, int j);

    /** A row-major {@code rows x columns} cost matrix (not copied). */
    record Matrix(double[] costs, int rows, int columns) implements CostSource {
        @Override
        public double cost(int i, int j) {
            return costs[i * columns + j];
        }
    }

    /**
     * {@code C_ij = |x_i - y_j|^2} between two float64 clouds (flat row-major), as sums of squared
     * coordinate differences.
     */
    record SquaredDistances(double[] x, double[] y, int dimension) implements CostSource {
        @Override
        public int rows() {
            return x.length / dimension;
        }

        @Override
        public int columns() {
            return y.length / dimension;
        }

        @Override
        public double cost(int i, int j) {
            return GroundCost.squaredDistance(x, i, y, j, dimension);
        }
    }
}
