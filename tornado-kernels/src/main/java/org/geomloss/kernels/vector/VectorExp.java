package org.geomloss.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A float32 polynomial {@code 2^t} on whole vectors: the one transcendental function of the vector
 * kernels, which work in base 2 (they fold {@code log2(e)} into {@code h} and {@code 1/eps}, so that
 * {@code exp(a) = 2^(a log2 e)} costs no extra multiply per pair).
 *
 * <p>Method ({@link #exp2Biased}): {@code u = n + f} with {@code n = rint(u)} and
 * {@code f in [-1/2, 1/2]}; {@code 2^(f + 1/2)} is a degree-5 minimax polynomial, and {@code 2^n} is
 * applied by adding {@code n << 23} to the bits of the polynomial. The polynomial is evaluated as
 * {@code ((c5 f + c4) f^2 + (c3 f + c2)) f + c1) f + c0}: a dependency chain of four FMAs after
 * {@code f^2} instead of Horner's five (the kernels' loops are bound by that chain's latency on
 * AVX2), still within 2 ulp (full Estrin, three FMAs deep, reached 2.03 ulp). The rounding uses the "magic
 * number" {@code 1.5 * 2^23}: after {@code u + 1.5*2^23} the integer {@code n} sits in the low
 * mantissa bits, so the same sum gives both {@code rint(u)} and the exponent bits, with no conversion
 * instruction. Inputs below the range are clamped with a compare and a blend (Java's {@code max}
 * honours NaN and -0 and compiles to about five instructions).
 *
 * <p>Accuracy: within 2 ulp of {@code 2^t} on {@code [-125.5, 127)} (1.7 ulp at worst, measured by
 * {@code VectorExpTest}). Larger inputs overflow the exponent field and return garbage; callers keep
 * their arguments below that bound.
 *
 * <p>The vector methods must be inlined into their callers (they are small): a {@link FloatVector}
 * passed to a method that is not inlined is boxed on every call. Each kernel calls them at one place
 * only: C2 stops inlining Vector API calls in a method past a node budget
 * ({@code NodeCountInliningCutoff}, not settable in product JVMs), and a loop with two of these
 * exponentials (two vectors of rows per pass, tried for the lane kernels) exceeds it even with the
 * coefficients hoisted; every vector operation then allocates. Stateless and thread-safe.
 */
final class VectorExp {

    /** The preferred float species of this CPU (16 lanes with AVX-512). */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** Lanes per vector. */
    static final int LANES = SPECIES.length();

    /** Smallest argument of {@link #exp2Biased}: {@code 2^(-126 + 1/2)} is still a normal float. */
    static final float MIN_BIASED_EXPONENT = -126f;

    /** Smallest argument of {@link #exp2OrZero} with a nonzero result. */
    static final float MIN_EXPONENT = MIN_BIASED_EXPONENT + 0.5f;

    private static final float ROUNDING_MAGIC = 12582912f; // 1.5 * 2^23
    // minimax (Lawson) fit of 2^(f + 1/2) on [-1/2, 1/2] in absolute error: 1.07e-7, 0.9 ulp of [1, 2)
    private static final float C0 = 1.4142136573791504f;
    private static final float C1 = 0.9802582263946533f;
    private static final float C2 = 0.3397239148616791f;
    private static final float C3 = 0.07849305868148804f;
    private static final float C4 = 0.013683982193470001f;
    private static final float C5 = 0.0018964611226692796f;

    private VectorExp() {
    }

    /**
     * {@code 2^(u + 1/2)} lane-wise, for {@code u < 126.5}; inputs below -126 give {@code 2^-125.5}.
     * The half keeps the polynomial on one binade: with {@code n = rint(u)} and {@code f = u - n},
     * {@code 2^(f + 1/2)} lies in {@code [1, 2]}, where a float ulp is a fixed {@code 2^-23}, so a
     * minimax fit in absolute error (1.07e-7, 0.9 ulp) bounds the error in ulps everywhere; on
     * {@code [1/sqrt 2, sqrt 2]} the same polynomial error costs up to twice as many ulps in the lower
     * binade, and the result exceeded 2 ulp. Callers fold the {@code -1/2} into an offset they
     * subtract anyway.
     */
    static FloatVector exp2Biased(FloatVector u) {
        FloatVector clamped = u.blend(broadcast(MIN_BIASED_EXPONENT),
                u.compare(VectorOperators.LT, MIN_BIASED_EXPONENT));
        FloatVector magic = broadcast(ROUNDING_MAGIC);
        FloatVector shifted = clamped.add(magic);
        return exp2Referenced(clamped, shifted, shifted.reinterpretAsInts(), magic, coefficient(0),
                coefficient(1), coefficient(2), coefficient(3), coefficient(4), coefficient(5));
    }

    /**
     * {@code 2^(t - ref + 1/2)} lane-wise, with the integer reference {@code ref} of each lane folded
     * into the rounding constant. The caller passes {@code magicMinusRef = 1.5 * 2^23 - ref} (see
     * {@link #roundingConstant}) and {@code shifted = t + magicMinusRef}, whose bits, for
     * {@code |t - ref| < 2^22}, are {@code bits(1.5 * 2^23) + rint(t - ref)}: a positive float whose
     * bits grow with {@code t - ref}, so that a caller may take their integer maximum, or clamp them.
     * {@code exponentBits} are those bits, possibly clamped from below at
     * {@code bits(1.5 * 2^23) - 126} (which gives {@code 2^(f + 1/2 - 126)} for smaller exponents,
     * with {@code f = t - ref - rint(t - ref)}); the result is exact to the polynomial's accuracy for
     * {@code -126 <= t - ref < 126.5}. The polynomial's coefficients {@code c0 .. c5}
     * ({@link #coefficient}) are parameters so that callers broadcast them once, before their loop:
     * C2 stops inlining the Vector API in a method past a node budget, and a loop with two of these
     * exponentials fits only so.
     */
    static FloatVector exp2Referenced(FloatVector t, FloatVector shifted, IntVector exponentBits,
                                      FloatVector magicMinusRef, FloatVector c0, FloatVector c1,
                                      FloatVector c2, FloatVector c3, FloatVector c4,
                                      FloatVector c5) {
        FloatVector fraction = t.sub(shifted.sub(magicMinusRef));
        FloatVector square = fraction.mul(fraction);
        FloatVector high = fraction.fma(c5, c4).fma(square, fraction.fma(c3, c2));
        FloatVector p = high.fma(fraction, c1).fma(fraction, c0);
        return p.reinterpretAsInts().add(exponentBits.lanewise(VectorOperators.LSHL, 23))
                .reinterpretAsFloats();
    }

    /** The bits of {@code roundingConstant(0) - 126}: the smallest exponent bits a caller keeps. */
    static final int MIN_SHIFTED_BITS = Float.floatToIntBits(ROUNDING_MAGIC - 126f);

    /** Coefficient {@code k} (0 to 5) of the polynomial, broadcast. */
    static FloatVector coefficient(int k) {
        return broadcast(switch (k) {
            case 0 -> C0;
            case 1 -> C1;
            case 2 -> C2;
            case 3 -> C3;
            case 4 -> C4;
            case 5 -> C5;
            default -> throw new IllegalArgumentException("coefficient " + k + " of a degree-5 polynomial");
        });
    }

    /** {@code 1.5 * 2^23 - ref}: the rounding constant of {@link #exp2Referenced} for an integer {@code ref}. */
    static float roundingConstant(float ref) {
        return ROUNDING_MAGIC - ref;
    }

    /** {@code rint(t - ref)} from {@code shifted = t + roundingConstant(ref)} (see {@link #exp2Referenced}). */
    static float roundedOffset(float shifted) {
        return shifted - ROUNDING_MAGIC;
    }

    /** {@code 2^(u + 1/2)} lane-wise, for {@code u < 126.5}, with exactly 0 for {@code u < -126}. */
    static FloatVector exp2BiasedOrZero(FloatVector u) {
        VectorMask<Float> underflow = u.compare(VectorOperators.LT, MIN_BIASED_EXPONENT);
        return exp2Biased(u).blend(broadcast(0f), underflow);
    }

    /** {@code 2^t} lane-wise, for {@code t < 127}, with exactly 0 for {@code t < -125.5}. */
    static FloatVector exp2OrZero(FloatVector t) {
        return exp2BiasedOrZero(t.sub(0.5f));
    }

    /** Writes {@code 2^(u[j] + 1/2)} into {@code out[j]}: {@link #exp2BiasedOrZero} on arrays. */
    static void exp2BiasedOrZero(float[] u, float[] out) {
        if (out.length != u.length) {
            throw new IllegalArgumentException("out has length " + out.length + ", expected "
                    + u.length);
        }
        for (int j = 0; j < u.length; j += LANES) {
            VectorMask<Float> inRange = SPECIES.indexInRange(j, u.length);
            exp2BiasedOrZero(FloatVector.fromArray(SPECIES, u, j, inRange)).intoArray(out, j, inRange);
        }
    }

    private static FloatVector broadcast(float value) {
        return FloatVector.broadcast(SPECIES, value);
    }
}
