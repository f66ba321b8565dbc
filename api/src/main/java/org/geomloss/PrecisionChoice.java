package org.geomloss;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.geomloss.kernels.Precision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@link Precision} a Sinkhorn or Hausdorff call runs in, given the precision asked for and
 * the temperature against the problem's diameter. Every backend runs in both precisions; the
 * backend chosen is kept.
 *
 * <p>Float32 kernels round every exponent {@code h_j - c_ij / eps} to a relative {@code 2^-24}, and
 * costs reach {@code diameter^p}: once {@code (diameter / blur)^p} exceeds
 * {@link #FLOAT32_COST_OVER_TEMPERATURE} ({@code 2^22}), the rounding of the largest exponents passes
 * 1/4 and the soft-max weights are wrong by tens of percent (NaN values and gradients of 1e15 were
 * seen at blur 1e-6). Then {@link Precision#FLOAT32} asked runs in {@link Precision#FLOAT64} on
 * the same backend ({@code ONLINE}, {@code TENSORIZED} or {@code MULTISCALE}), with one SLF4J
 * warning per JVM; results record the precision that ran. Stateless but for the once-per-JVM
 * warning flag; thread-safe.
 */
final class PrecisionChoice {

    /**
     * The largest {@code (diameter / blur)^p} the float32 kernels resolve: {@code 2^22}, where the
     * float32 rounding of the largest exponent {@code diameter^p / eps} reaches 1/4.
     */
    static final double FLOAT32_COST_OVER_TEMPERATURE = 0x1p22;

    private static final Logger LOG = LoggerFactory.getLogger(PrecisionChoice.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private PrecisionChoice() {
    }

    /**
     * The precision of one call asked in {@code precision}.
     *
     * @param temperature whether the loss runs at the temperature {@code blur^p}
     */
    static Precision resolve(Precision precision, boolean temperature, double blur, int p,
                             double diameter) {
        double ratio = Math.pow(diameter / blur, p);
        if (precision == Precision.FLOAT64 || !temperature
                || !(ratio > FLOAT32_COST_OVER_TEMPERATURE)) {
            return precision;
        }
        String why = String.format(Locale.ROOT, "blur = %s is below what float32 resolves for "
                + "clouds of diameter %.4g: (diameter / blur)^%d = %.3g > 2^22", blur, diameter, p,
                ratio);
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("{}: running the float64 kernels (set precision(Precision.FLOAT64) to choose "
                    + "them; this warning is logged once)", why);
        } else {
            LOG.debug("{}: running the float64 kernels", why);
        }
        return Precision.FLOAT64;
    }
}
