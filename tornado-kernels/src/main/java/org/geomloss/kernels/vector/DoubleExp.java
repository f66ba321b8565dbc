package org.geomloss.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A float64 polynomial {@code exp(t)} on whole vectors, for the float64 kernels.
 *
 * <p>Method: {@code t = n ln 2 + r} with {@code n = rint(t log2 e)} (the "magic number"
 * {@code 1.5 * 2^52}: after {@code t log2 e + 1.5*2^52} the integer {@code n} sits in the low
 * mantissa bits) and {@code r = t - n ln2_hi - n ln2_lo} (Cody and Waite's split of {@code ln 2}, so
 * that {@code n ln2_hi} is exact), {@code |r| <= ln(2)/2}; {@code exp(r)} is its Taylor polynomial of
 * degree 13 (truncation error below {@code 5e-18}) in Horner form with FMAs, and {@code 2^n} is
 * applied by adding {@code n << 52} to its bits. Inputs below -708 (including {@code -infinity})
 * give 0, so a result is always 0 or a normal number; inputs above 709 are clamped there (callers
 * keep their arguments below 1).
 *
 * <p>Accuracy: within 2 ulp of {@code exp(t)} on {@code [-708, 709]} ({@code DoubleExpTest}). The
 * same operations run in every JIT tier, so the bits do not depend on compilation (unlike
 * {@code lanewise(EXP)}, which C2 maps to a vendor library). Stateless and thread-safe; the method is
 * small so that C2 inlines it (a vector passed to a method that is not inlined is boxed).
 */
final class DoubleExp {

    /** The preferred double species of this CPU (8 lanes with AVX-512). */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector. */
    static final int LANES = SPECIES.length();

    private static final double MIN_ARGUMENT = -708.0;
    private static final double MAX_ARGUMENT = 709.0;
    private static final double LOG2_E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double ROUNDING_MAGIC = 6755399441055744.0; // 1.5 * 2^52
    private static final long MAGIC_BITS = Double.doubleToRawLongBits(ROUNDING_MAGIC);
    private static final double[] INVERSE_FACTORIALS = inverseFactorials(13);

    private DoubleExp() {
    }

    /** {@code exp(t)} lane-wise; 0 below -708, clamped above 709. */
    static DoubleVector exp(DoubleVector t) {
        VectorMask<Double> underflow = t.compare(VectorOperators.LT, MIN_ARGUMENT);
        DoubleVector u = t.blend(0.0, underflow).min(MAX_ARGUMENT);
        DoubleVector shifted = u.fma(LOG2_E, ROUNDING_MAGIC);
        DoubleVector n = shifted.sub(ROUNDING_MAGIC);
        DoubleVector r = n.fma(DoubleVector.broadcast(SPECIES, -LN2_HI), u);
        r = n.fma(DoubleVector.broadcast(SPECIES, -LN2_LO), r);
        DoubleVector p = DoubleVector.broadcast(SPECIES, INVERSE_FACTORIALS[13]);
        for (int k = 12; k >= 0; k--) {
            p = p.fma(r, DoubleVector.broadcast(SPECIES, INVERSE_FACTORIALS[k]));
        }
        return p.reinterpretAsLongs()
                .add(shifted.reinterpretAsLongs().sub(MAGIC_BITS).lanewise(VectorOperators.LSHL, 52))
                .reinterpretAsDoubles().blend(0.0, underflow);
    }

    private static double[] inverseFactorials(int degree) {
        double[] coefficients = new double[degree + 1];
        double factorial = 1.0;
        for (int k = 0; k <= degree; k++) {
            factorial *= Math.max(k, 1);
            coefficients[k] = 1.0 / factorial;
        }
        return coefficients;
    }
}
