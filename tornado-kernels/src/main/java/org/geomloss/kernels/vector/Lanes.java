package org.geomloss.kernels.vector;

/**
 * Lane reductions in an explicit order. {@code FloatVector.reduceLanes(ADD)} leaves the order of its
 * additions to the implementation, and the interpreter, C1 and C2 choose different ones, so the same
 * call could give different bits before and after the JIT compiled it. Every sum of lanes in this
 * package goes through {@link #sum}, which gives the same bits in every tier and on every thread.
 * Stateless and thread-safe.
 */
final class Lanes {

    private Lanes() {
    }

    /**
     * {@code lanes[0] + lanes[1] + ...} in double, in index order: the lanes of a vector the caller
     * stored with {@code intoArray} (passing the vector itself to a method that C2 may not inline
     * would box it).
     */
    static double sum(float[] lanes) {
        double sum = 0.0;
        for (float lane : lanes) {
            sum += lane;
        }
        return sum;
    }
}
