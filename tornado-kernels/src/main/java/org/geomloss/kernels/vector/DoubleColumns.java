package org.geomloss.kernels.vector;

import org.geomloss.kernels.PointArray;

/**
 * The source points of a float64 reduction transposed for vector loads, with their per-column
 * values ({@code h} or {@code w}): coordinate {@code k} of column {@code j} at
 * {@code coords[k * stride + j]}, value at {@code values[j]}. Columns {@code [M, stride)} are padding
 * (zero coordinates and values), one whole vector at least, so that a vector loop over
 * {@code [from, to)} may read up to the next multiple of the lane count past {@code to}; the loops
 * neutralise the terms past {@code to} themselves.
 *
 * <p>Built once per call and then only read: safe to share between threads.
 *
 * @param coords    transposed float64 coordinates, {@code D * stride}
 * @param values    per-column values, {@code stride}
 * @param stride    {@code M + lanes}
 * @param dimension D
 */
record DoubleColumns(double[] coords, double[] values, int stride, int dimension) {

    /** Transposes {@code points} (their float64 coordinates) beside a copy of {@code values}. */
    static DoubleColumns of(PointArray points, double[] values) {
        int m = points.count();
        int d = points.dimension();
        int stride = m + DoubleExp.LANES;
        double[] source = points.doubleCoordinates();
        double[] coords = new double[d * stride];
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < d; k++) {
                coords[k * stride + j] = source[j * d + k];
            }
        }
        double[] padded = new double[stride];
        System.arraycopy(values, 0, padded, 0, m);
        return new DoubleColumns(coords, padded, stride, d);
    }
}
