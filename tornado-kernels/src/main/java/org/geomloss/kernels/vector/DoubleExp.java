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
    // 1/k! for k = 0 .. 13 (the Taylor coefficients of exp), written out so that C2 folds them
    private static final double C2 = 1.0 / 2;
    private static final double C3 = 1.0 / 6;
    private static final double C4 = 1.0 / 24;
    private static final double C5 = 1.0 / 120;
    private static final double C6 = 1.0 / 720;
    private static final double C7 = 1.0 / 5040;
    private static final double C8 = 1.0 / 40320;
    private static final double C9 = 1.0 / 362880;
    private static final double C10 = 1.0 / 3628800;
    private static final double C11 = 1.0 / 39916800;
    private static final double C12 = 1.0 / 479001600;
    private static final double C13 = 1.0 / 6227020800L;

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
        DoubleVector p = r.fma(C13, C12).fma(r, broadcast(C11)).fma(r, broadcast(C10))
                .fma(r, broadcast(C9)).fma(r, broadcast(C8)).fma(r, broadcast(C7))
                .fma(r, broadcast(C6)).fma(r, broadcast(C5)).fma(r, broadcast(C4))
                .fma(r, broadcast(C3)).fma(r, broadcast(C2)).fma(r, broadcast(1.0))
                .fma(r, broadcast(1.0));
        return p.reinterpretAsLongs()
                .add(shifted.reinterpretAsLongs().sub(MAGIC_BITS).lanewise(VectorOperators.LSHL, 52))
                .reinterpretAsDoubles().blend(0.0, underflow);
    }

    private static DoubleVector broadcast(double value) {
        return DoubleVector.broadcast(SPECIES, value);
    }
}
