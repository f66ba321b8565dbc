package org.geomloss;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.geomloss.kernels.Precision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@link Precision} and backend a Sinkhorn or Hausdorff call runs in, given the precision and
 * backend asked for and the temperature against the problem's diameter.
 *
 * <p>Float32 kernels round every exponent {@code h_j - c_ij / eps} to a relative {@code 2^-24}, and
 * costs reach {@code diameter^p}: once {@code (diameter / blur)^p} exceeds
 * {@link #FLOAT32_COST_OVER_TEMPERATURE} ({@code 2^22}), the rounding of the largest exponents passes
 * 1/4 and the soft-max weights are wrong by tens of percent (NaN values and gradients of 1e15 were
 * seen at blur 1e-6). Then:
 * <ul>
 *   <li>{@link Precision#FLOAT32} asked with backend {@code ONLINE}, {@code TENSORIZED} or
 *       {@code AUTO}: the call runs in {@link Precision#FLOAT64} (on {@code ONLINE} when {@code AUTO}
 *       would have chosen multiscale), with one SLF4J warning per JVM; results record the precision
 *       that ran;</li>
 *   <li>with backend {@code MULTISCALE}, which computes in float32 only: an
 *       {@link IllegalArgumentException} naming blur, the diameter and the options that work.</li>
 * </ul>
 * {@link Precision#FLOAT64} with backend {@code MULTISCALE} is refused
 * ({@link UnsupportedOperationException}); with {@code AUTO} it runs {@code ONLINE}. Stateless but for
 * the once-per-JVM warning flag; thread-safe.
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
     * The precision and backend of one call.
     *
     * @param precision the precision that runs
     * @param backend   the backend that runs (never AUTO)
     */
    record Resolved(Precision precision, Backend backend) {
    }

    /**
     * Resolves the precision of a call whose backend resolved to {@code backend} from
     * {@code asked} (AUTO or an explicit one).
     *
     * @param temperature whether the loss runs at the temperature {@code blur^p}
     */
    static Resolved resolve(Precision precision, Backend asked, Backend backend, boolean temperature,
                            double blur, int p, double diameter) {
        if (precision == Precision.FLOAT64) {
            if (asked == Backend.MULTISCALE) {
                throw new UnsupportedOperationException("precision FLOAT64 runs on the ONLINE and "
                        + "TENSORIZED backends; the MULTISCALE backend computes in float32 only: use "
                        + "backend(Backend.ONLINE) or precision(Precision.FLOAT32)");
            }
            return new Resolved(precision, backend == Backend.MULTISCALE ? Backend.ONLINE : backend);
        }
        double ratio = Math.pow(diameter / blur, p);
        if (!temperature || !(ratio > FLOAT32_COST_OVER_TEMPERATURE)) {
            return new Resolved(precision, backend);
        }
        String why = String.format(Locale.ROOT, "blur = %s is below what float32 resolves for "
                + "clouds of diameter %.4g: (diameter / blur)^%d = %.3g > 2^22", blur, diameter, p,
                ratio);
        if (asked == Backend.MULTISCALE) {
            throw new IllegalArgumentException(why + "; the MULTISCALE backend computes in float32 "
                    + "only: use precision(Precision.FLOAT64) with backend(Backend.ONLINE) or "
                    + "TENSORIZED, or a larger blur");
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("{}: running the float64 kernels (set precision(Precision.FLOAT64) to choose "
                    + "them; this warning is logged once)", why);
        } else {
            LOG.debug("{}: running the float64 kernels", why);
        }
        return new Resolved(Precision.FLOAT64,
                backend == Backend.MULTISCALE ? Backend.ONLINE : backend);
    }
}
