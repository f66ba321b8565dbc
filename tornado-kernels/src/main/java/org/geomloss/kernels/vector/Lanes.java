package org.geomloss.kernels.vector;

import jdk.incubator.vector.FloatVector;

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

    /** {@code v[0] + v[1] + ... + v[L-1]} in double, in lane order. */
    static double sum(FloatVector v) {
        double sum = 0.0;
        for (float lane : v.toArray()) {
            sum += lane;
        }
        return sum;
    }
}
