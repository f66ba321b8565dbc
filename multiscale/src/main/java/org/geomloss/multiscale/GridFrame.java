package org.geomloss.multiscale;

import org.geomloss.kernels.PointArray;

/**
 * The root cell of the {@link PointPyramid}s of one problem: the smallest cube anchored at the
 * componentwise minimum of both clouds that contains them, slightly enlarged so that the largest
 * coordinate falls inside. Both clouds share it, so their cells at a level are the same cubes.
 *
 * <p>Grid level {@code l} cuts the cube into {@code 2^l} cells per axis, of side
 * {@code side / 2^l}. A point's Morton key at {@code bits} bits per axis interleaves the bits of
 * its cell coordinates {@code floor((x_d - origin_d) / side * 2^bits)} (clamped to the grid), most
 * significant first, so that sorting by key makes every cell of every level contiguous. When all
 * points coincide, the side is 1. Coordinates are read as the kernels read them
 * ({@link KernelCoordinates}: float64 in a float64 run).
 *
 * @param origin the componentwise minimum of both clouds
 * @param side   the side of the root cube, {@code > 0}
 */
record GridFrame(double[] origin, double side) {

    /** The most bits per axis of a Morton key (3 x 21 bits fill a long). */
    static final int MAX_BITS = 21;
    /** Relative enlargement of the root cube, so that the maxima fall inside the last cell. */
    private static final double ENLARGEMENT = 1e-6;

    /** The root cube of two clouds of the same dimension. */
    static GridFrame of(PointArray x, PointArray y) {
        int d = x.dimension();
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (PointArray cloud : new PointArray[] {x, y}) {
            for (int i = 0; i < cloud.count(); i++) {
                for (int axis = 0; axis < d; axis++) {
                    double value = KernelCoordinates.at(cloud, i * d + axis);
                    min[axis] = Math.min(min[axis], value);
                    max[axis] = Math.max(max[axis], value);
                }
            }
        }
        double extent = 0;
        for (int axis = 0; axis < d; axis++) {
            extent = Math.max(extent, max[axis] - min[axis]);
        }
        return new GridFrame(min, extent > 0 ? extent * (1 + ENLARGEMENT) : 1.0);
    }

    /** The dimension D. */
    int dimension() {
        return origin.length;
    }

    /** The side of the cells of grid level {@code level}. */
    double cellSide(int level) {
        return side / Math.pow(2, level);
    }

    /** The Morton key of point {@code i} of {@code points}, {@code bits} bits per axis. */
    long mortonKey(PointArray points, int i, int bits) {
        int d = origin.length;
        long cells = 1L << bits;
        long key = 0;
        long[] q = new long[d];
        for (int axis = 0; axis < d; axis++) {
            long cell = (long) Math.floor((KernelCoordinates.at(points, i * d + axis)
                    - origin[axis]) / side * cells);
            q[axis] = Math.max(0, Math.min(cells - 1, cell));
        }
        for (int bit = bits - 1; bit >= 0; bit--) {
            for (int axis = 0; axis < d; axis++) {
                key = (key << 1) | ((q[axis] >>> bit) & 1);
            }
        }
        return key;
    }
}
