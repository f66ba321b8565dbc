package org.geomloss;

import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.sinkhorn.ProgressTracker;

/**
 * One problem of a {@link SamplesLoss} call: the two measures as the kernels see them, with what
 * the call resolved (diameter, backend, kernels).
 *
 * @param x         the N points of alpha
 * @param a         their weights
 * @param y         the M points of beta
 * @param b         their weights
 * @param diameter  the resolved diameter (given, or the bounding-box diagonal of the whole call)
 * @param backend   the resolved backend (never AUTO)
 * @param kernels   the device's kernels, in the precision of the call (the tensorized backend
 *                  reads the coordinates in their precision too)
 * @param gradients whether gradients are wanted
 * @param progress  the tracker the problem's Sinkhorn loop reports to
 */
record Pair(PointArray x, double[] a, PointArray y, double[] b, double diameter, Backend backend,
            PointKernels kernels, boolean gradients, ProgressTracker progress) {

    int dimension() {
        return x.dimension();
    }

    static double dot(double[] u, double[] v) {
        double sum = 0.0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }

    /** {@code weights_i * rows_i} for a row-major N x D array, in place. */
    static double[] scaleRows(double[] rows, double[] weights, int dimension) {
        for (int i = 0; i < weights.length; i++) {
            for (int k = 0; k < dimension; k++) {
                rows[i * dimension + k] *= weights[i];
            }
        }
        return rows;
    }
}
