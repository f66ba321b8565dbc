package org.geomloss.images;

import java.util.Arrays;
import java.util.Objects;

/**
 * A regular grid of cubic pixels (voxels) in dimension {@code d}: {@code shape[0] x ... x
 * shape[d-1]} cells of side {@code spacing}, stored row-major (the last axis is contiguous). Cell
 * {@code k} along an axis is the interval {@code [k h, (k+1) h)} and is represented by its centre
 * {@code u_k = (k + 1/2) h}; costs only ever depend on differences of centres, so this is the same as
 * GeomLoss's convention {@code u_k = k / n} on its finest grid.
 *
 * <p>{@link #unit(int...)} builds the grid of an image or a volume: the pixel size is
 * {@code 1 / max(shape)}, so a square {@code n x n} image covers the unit square {@code [0,1)^2} as in
 * GeomLoss, and a rectangular one covers {@code [0, shape_k / n)} along each axis with square pixels.
 *
 * <p>{@link #coarser()} is the next level of a pyramid: {@code ceil(n_k / 2)} cells of twice the
 * size, cell {@code k} covering fine cells {@code 2k} and {@code 2k+1} (an odd axis is padded with an
 * empty cell, so coarse centres stay exactly between their fine cells).
 *
 * <p>Immutable and thread-safe.
 */
public final class RegularGrid {

    private final int[] shape;
    private final double spacing;

    /**
     * @param shape   the number of cells along each axis, each at least 1
     * @param spacing the side of a cell, positive and finite
     * @throws IllegalArgumentException on an empty shape, a size below 1 or a bad spacing
     */
    public RegularGrid(int[] shape, double spacing) {
        if (Objects.requireNonNull(shape, "shape").length == 0) {
            throw new IllegalArgumentException("shape must have at least one axis, got []");
        }
        long count = 1;
        for (int size : shape) {
            if (size < 1) {
                throw new IllegalArgumentException("shape sizes must be >= 1, got "
                        + Arrays.toString(shape));
            }
            count *= size;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                    + " has more than 2^31 cells");
        }
        if (!(spacing > 0) || Double.isInfinite(spacing)) {
            throw new IllegalArgumentException("spacing must be > 0 and finite, got " + spacing);
        }
        this.shape = shape.clone();
        this.spacing = spacing;
    }

    /** The grid of an image or volume of this shape: pixel size {@code 1 / max(shape)}. */
    public static RegularGrid unit(int... shape) {
        int largest = Arrays.stream(shape).max().orElse(1);
        return new RegularGrid(shape, 1.0 / Math.max(1, largest));
    }

    /** The number of axes d. */
    public int dimension() {
        return shape.length;
    }

    /** The number of cells along {@code axis}. */
    public int size(int axis) {
        return shape[axis];
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The side of a cell. */
    public double spacing() {
        return spacing;
    }

    /** The total number of cells, the product of the shape. */
    public int count() {
        int count = 1;
        for (int size : shape) {
            count *= size;
        }
        return count;
    }

    /** The centre {@code (k + 1/2) * spacing} of cell {@code k} along any axis. */
    public double position(int k) {
        return (k + 0.5) * spacing;
    }

    /** The diagonal of the covered box, {@code sqrt(sum_k (n_k h)^2)}: an upper bound on distances. */
    public double diagonal() {
        double sum = 0.0;
        for (int size : shape) {
            sum += (size * spacing) * (size * spacing);
        }
        return Math.sqrt(sum);
    }

    /** The next pyramid level: {@code ceil(n_k / 2)} cells of side {@code 2 h}. */
    public RegularGrid coarser() {
        int[] coarse = new int[shape.length];
        for (int k = 0; k < shape.length; k++) {
            coarse[k] = (shape[k] + 1) / 2;
        }
        return new RegularGrid(coarse, 2.0 * spacing);
    }

    /** Whether some axis has more than one cell, so that coarsening still shrinks the grid. */
    public boolean canCoarsen() {
        return Arrays.stream(shape).anyMatch(size -> size > 1);
    }

    /**
     * Checks that {@code values} has one entry per cell.
     *
     * @throws IllegalArgumentException naming {@code parameter} otherwise
     */
    void requireLength(String parameter, double[] values) {
        if (values.length != count()) {
            throw new IllegalArgumentException(parameter + " has length " + values.length
                    + ", expected " + count() + " for shape " + Arrays.toString(shape));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegularGrid grid && grid.spacing == spacing
                && Arrays.equals(grid.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Double.hashCode(spacing);
    }

    @Override
    public String toString() {
        return "RegularGrid" + Arrays.toString(shape) + " spacing " + spacing;
    }
}
