package org.geomloss.ot;

import java.util.Objects;

/**
 * One problem of {@link OT#solveSampleBatch}: the clouds {@code X_a} (N x D) and {@code X_b}
 * (M x D) with optional weights {@code a} (length N) and {@code b} (length M), uniform when absent.
 * The problems of a batch may have any sizes and dimensions. Validation happens when solving, with
 * the messages of {@link OT#solveSample}. Arrays are kept by reference: do not change them before
 * the batch is solved.
 *
 * @param xa the source points, N x D
 * @param xb the target points, M x D
 * @param a  the source weights, or null for {@code 1/N}
 * @param b  the target weights, or null for {@code 1/M}
 */
public record SampleProblem(double[][] xa, double[][] xb, double[] a, double[] b) {

    /** @throws NullPointerException if a cloud is null */
    public SampleProblem {
        Objects.requireNonNull(xa, "xa");
        Objects.requireNonNull(xb, "xb");
    }

    /** The clouds {@code X_a} and {@code X_b} with uniform weights. */
    public static SampleProblem of(double[][] xa, double[][] xb) {
        return new SampleProblem(xa, xb, null, null);
    }

    /** This problem with the weights {@code a} and {@code b} (null for uniform). */
    public SampleProblem withWeights(double[] a, double[] b) {
        return new SampleProblem(xa, xb, a, b);
    }

    /** {@code N M}, the number of point pairs. */
    long pointPairs() {
        return (long) xa.length * xb.length;
    }
}
