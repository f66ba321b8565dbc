package org.geomloss.images;

/**
 * Runs a separable operator from a source grid to a target grid as one pass per axis, last axis
 * first, each pass moving its axis to the front ({@link org.geomloss.kernels.GridKernels}' layout),
 * so that after {@code d} passes the result is in the target's row-major order. Owns the two scratch
 * buffers the intermediate passes write to.
 *
 * <p>Not thread-safe: one caller at a time (the scratch buffers are shared between calls).
 */
final class SeparablePasses {

    /** One pass: transform the last axis ({@code axis} of the grid) of {@code lines} rows. */
    @FunctionalInterface
    interface AxisPass {
        void apply(int axis, double[] in, int lines, double[] out);
    }

    private final int[] sourceShape;
    private final int[] targetShape;
    private final double[] scratchA;
    private final double[] scratchB;

    SeparablePasses(int[] sourceShape, int[] targetShape) {
        this.sourceShape = sourceShape.clone();
        this.targetShape = targetShape.clone();
        long largest = 0;
        for (int axis = sourceShape.length - 1; axis > 0; axis--) {
            largest = Math.max(largest, intermediateCount(axis));
        }
        this.scratchA = new double[(int) largest];
        this.scratchB = new double[(int) largest];
    }

    /** Applies {@code pass} to every axis, reading {@code in} (source grid), writing {@code out}. */
    void run(double[] in, double[] out, AxisPass pass) {
        int d = sourceShape.length;
        double[] current = in;
        long currentCount = product(sourceShape);
        for (int axis = d - 1; axis >= 0; axis--) {
            int lines = (int) (currentCount / sourceShape[axis]);
            double[] next = axis == 0 ? out : ((d - 1 - axis) % 2 == 0 ? scratchA : scratchB);
            pass.apply(axis, current, lines, next);
            current = next;
            currentCount = (long) lines * targetShape[axis];
        }
    }

    /** Cells after the passes over axes {@code d-1 .. axis}: targets there, sources before. */
    private long intermediateCount(int axis) {
        long count = 1;
        for (int k = 0; k < sourceShape.length; k++) {
            count *= k >= axis ? targetShape[k] : sourceShape[k];
        }
        return count;
    }

    private static long product(int[] shape) {
        long count = 1;
        for (int size : shape) {
            count *= size;
        }
        return count;
    }
}
