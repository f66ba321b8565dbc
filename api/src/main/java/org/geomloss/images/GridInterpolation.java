package org.geomloss.images;

import org.geomloss.kernels.GridKernels;

/**
 * Multilinear interpolation of values from one regular grid to another, separable, sampling at the
 * target cell centres and clamping to the source's first and last centres: GeomLoss's bilinear
 * (trilinear) upsampling with half-pixel centres and edge clamping, for any pair of grids.
 */
final class GridInterpolation {

    private GridInterpolation() {
    }

    /** The values of {@code values} (on {@code source}) interpolated at the centres of {@code target}. */
    static double[] interpolate(double[] values, RegularGrid source, RegularGrid target) {
        int d = source.dimension();
        int[][] lower = new int[d][];
        double[][] weight = new double[d][];
        for (int axis = 0; axis < d; axis++) {
            int sources = source.size(axis);
            int targets = target.size(axis);
            lower[axis] = new int[targets];
            weight[axis] = new double[targets];
            for (int t = 0; t < targets; t++) {
                double x = target.position(t) / source.spacing() - 0.5;
                x = Math.max(0.0, Math.min(sources - 1.0, x));
                int below = Math.min((int) Math.floor(x), sources - 1);
                lower[axis][t] = below;
                weight[axis][t] = x - below;
            }
        }
        double[] out = new double[target.count()];
        new SeparablePasses(source.shape(), target.shape()).run(values, out,
                (axis, in, lines, result) -> GridKernels.interpolateAlongLastAxis(in, lines,
                        source.size(axis), lower[axis], weight[axis], result));
        return out;
    }
}
