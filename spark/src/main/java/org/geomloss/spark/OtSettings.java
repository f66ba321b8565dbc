package org.geomloss.spark;

import java.io.Serial;
import java.io.Serializable;
import org.geomloss.ot.OT;
import org.geomloss.ot.OTResultSample;
import org.geomloss.ot.SampleOptions;
import org.geomloss.ot.SinkhornOptions;

/**
 * A serializable description of {@link OT#solveSample}'s options ({@link SampleOptions}), with the
 * same names: {@code OtSettings.blur(0.05).reach(0.3).debias(true).tol(1e-6)}. The temperature is
 * {@code reg} ({@code eps}) or {@code blur} ({@code eps = 2 blur^2}); the marginal penalty
 * {@code unbalanced} ({@code rho}) or {@code reach} ({@code rho = 2 reach^2}); unset is balanced.
 *
 * <p>{@link #validate()} runs the solver's own checks on the driver (by solving a one-point problem,
 * so the rules and messages are exactly the solver's). Immutable and thread-safe.
 *
 * @param reg          the temperature {@code eps}, or null when {@code blur} is given
 * @param blur         the blur, or null when {@code reg} is given
 * @param unbalanced   the marginal penalty {@code rho}, or null
 * @param reach        the reach, or null
 * @param debias       whether the value is the debiased Sinkhorn divergence
 * @param maxIter      the annealing iterations, or null for the solver's default
 * @param tol          the marginal-error tolerance, or null for the solver's default
 * @param maxExtraIter the cap on the iterations a tolerance may add
 */
public record OtSettings(Double reg, Double blur, Double unbalanced, Double reach, boolean debias,
                         Integer maxIter, Double tol, int maxExtraIter) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Starts settings with the temperature {@code eps = reg}. */
    public static OtSettings reg(double reg) {
        return new OtSettings(reg, null, null, null, false, null, null,
                SinkhornOptions.DEFAULT_MAX_EXTRA_ITER);
    }

    /** Starts settings with the blur {@code sigma}: {@code eps = 2 sigma^2}. */
    public static OtSettings blur(double blur) {
        return new OtSettings(null, blur, null, null, false, null, null,
                SinkhornOptions.DEFAULT_MAX_EXTRA_ITER);
    }

    /** The reach {@code tau}: unbalanced OT with {@code rho = 2 tau^2}. */
    public OtSettings reach(double value) {
        return new OtSettings(reg, blur, unbalanced, value, debias, maxIter, tol, maxExtraIter);
    }

    /** The KL penalty {@code rho} on the marginals. */
    public OtSettings unbalanced(double value) {
        return new OtSettings(reg, blur, value, reach, debias, maxIter, tol, maxExtraIter);
    }

    /** Whether the value is the debiased Sinkhorn divergence. */
    public OtSettings debias(boolean value) {
        return new OtSettings(reg, blur, unbalanced, reach, value, maxIter, tol, maxExtraIter);
    }

    /** The number of annealing iterations. */
    public OtSettings maxIter(int value) {
        return new OtSettings(reg, blur, unbalanced, reach, debias, value, tol, maxExtraIter);
    }

    /** The marginal-error tolerance. */
    public OtSettings tol(double value) {
        return new OtSettings(reg, blur, unbalanced, reach, debias, maxIter, value, maxExtraIter);
    }

    /** The cap on the iterations a tolerance may add. */
    public OtSettings maxExtraIter(int value) {
        return new OtSettings(reg, blur, unbalanced, reach, debias, maxIter, tol, value);
    }

    /** The solver's options, for clouds with weights {@code a} and {@code b} (null: uniform). */
    public SampleOptions sampleOptions(double[] a, double[] b) {
        SampleOptions options = SampleOptions.defaults();
        if (reg != null) {
            options = options.withReg(reg);
        }
        if (blur != null) {
            options = options.withBlur(blur);
        }
        if (unbalanced != null) {
            options = options.unbalanced(unbalanced);
        }
        if (reach != null) {
            options = options.reach(reach);
        }
        if (maxIter != null) {
            options = options.maxIter(maxIter);
        }
        if (tol != null) {
            options = options.tol(tol);
        }
        return options.debias(debias).maxExtraIter(maxExtraIter).a(a).b(b);
    }

    /**
     * Checks every option with the solver's rules and messages.
     *
     * @throws IllegalArgumentException for a value the solver refuses
     */
    public void validate() {
        float[][] point = {{0f}};
        OTResultSample probe = OT.solveSample(point, point, sampleOptions(null, null));
        probe.value();
    }
}
