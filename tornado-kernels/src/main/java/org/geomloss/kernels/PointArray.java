package org.geomloss.kernels;

/**
 * A flat, row-major array of {@code count} points in dimension {@code dimension}: point {@code i} is
 * {@code coords[i*dimension .. (i+1)*dimension)}. This is the layout every kernel works on.
 *
 * <p>The record does not copy {@code coords}; callers own it and must not mutate it while a kernel
 * runs. Thread-safe for concurrent reads.
 *
 * @param coords    flat coordinates, length {@code count * dimension}
 * @param count     number of points, N
 * @param dimension dimension of the ambient space, D
 */
public record PointArray(float[] coords, int count, int dimension) {

    /** Checks that the array length matches {@code count * dimension}. */
    public PointArray {
        if (count < 0 || dimension <= 0 || (long) count * dimension != coords.length) {
            throw new IllegalArgumentException("coords has length " + coords.length
                    + ", expected count*dimension = " + count + "*" + dimension);
        }
    }
}
