package org.geomloss.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The coordinates past the third, for D > 3: the kernels hoist coordinates 0 to 2 of {@code x_i} into
 * registers and handle the rest here, one coordinate at a time over a whole piece of columns, so that
 * their main loops keep no inner loop (an inner loop over {@code k} in the main loop cost about a third
 * of the soft-min's speed at D = 5). Both methods take arrays only: no vector crosses a call.
 * Stateless and thread-safe.
 */
final class HighDimensions {

    private static final VectorSpecies<Float> SPECIES = VectorExp.SPECIES;

    private HighDimensions() {
    }

    /**
     * Writes {@code sum_{k >= 3} (x_k - y_jk)^2} into {@code out[j - from]} for the columns
     * {@code [from, to)} of a layout ({@code to - from} a multiple of the lane count).
     */
    static void squaredDistances(float[] columns, int stride, int from, int to, float[] x,
                                 int xOffset, int d, float[] out) {
        for (int k = 3; k < d; k++) {
            FloatVector xk = FloatVector.broadcast(SPECIES, x[xOffset + k]);
            for (int j = from; j < to; j += SPECIES.length()) {
                FloatVector e = xk.sub(FloatVector.fromArray(SPECIES, columns, k * stride + j));
                FloatVector sum = k == 3 ? e.mul(e)
                        : e.fma(e, FloatVector.fromArray(SPECIES, out, j - from));
                sum.intoArray(out, j - from);
            }
        }
    }

    /**
     * Writes {@code sum_j weights[j - from] (x_k - y_jk)} into {@code partial[k]} for every
     * {@code k >= 3}, over the columns {@code [from, to)} of a layout.
     */
    static void weightedDifferences(float[] columns, int stride, int from, int to, float[] x,
                                    int xOffset, int d, float[] weights, float[] partial) {
        for (int k = 3; k < d; k++) {
            FloatVector xk = FloatVector.broadcast(SPECIES, x[xOffset + k]);
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int j = from; j < to; j += SPECIES.length()) {
                FloatVector e = xk.sub(FloatVector.fromArray(SPECIES, columns, k * stride + j));
                sum = e.fma(FloatVector.fromArray(SPECIES, weights, j - from), sum);
            }
            partial[k] = (float) Lanes.sum(sum.toArray());
        }
    }
}
