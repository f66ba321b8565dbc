package org.geomloss.ot;

import static org.geomloss.ot.PythonFormat.repr;
import static org.geomloss.ot.PythonFormat.shape;

import java.util.Objects;
import org.geomloss.NumericRange;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;

/**
 * The argument checks of GeomLoss's ot solvers, with upstream's messages ({@code ValueError} becomes
 * {@link IllegalArgumentException}, {@code NotImplementedError} becomes
 * {@link UnsupportedOperationException}). Checks that Java types make unnecessary (number of
 * dimensions, array library, dtype, device) are gone; checks upstream lacks (finite values,
 * rectangular arrays) are added after upstream's own. Stateless.
 */
final class Validation {

    /** Relative mass mismatch above which balanced OT is refused (inclusive threshold). */
    static final double MASS_TOLERANCE = 1e-3;

    private Validation() {
    }

    /**
     * Upstream's {@code check_regularization}, in its order. Where this port implements what upstream
     * refuses, the check is replaced: {@code max_iter} may be unset (a default applies) and
     * {@code tol} may be given (it must then be {@code > 0}).
     */
    static void regularization(double reg, Double unbalanced, SinkhornOptions<?> options) {
        if (reg < 0 || Double.isNaN(reg)) {
            throw new IllegalArgumentException(
                    "Parameter 'reg' should be >= 0. Received " + repr(reg) + ".");
        }
        if (reg == 0) {
            throw new UnsupportedOperationException("Currently, we require that reg > 0.");
        }
        if (Double.isInfinite(reg)) {
            throw new IllegalArgumentException(
                    "Parameter 'reg' should be finite. Received " + repr(reg) + ".");
        }
        NumericRange.power("reg", reg, 1);
        if (unbalanced != null && !(unbalanced > 0)) {
            throw new IllegalArgumentException("Parameter 'unbalanced' should be None (= +infty) "
                    + "or > 0. Received " + repr(unbalanced) + ".");
        }
        if (unbalanced != null) {
            NumericRange.power("unbalanced", unbalanced, 1);
        }
        if (!"KL".equals(options.unbalancedType)) {
            throw new UnsupportedOperationException("Currently, we only support unbalanced OT with "
                    + "a 'KL' penalty on the marginal constraints.");
        }
        if (!"auto".equals(options.method)) {
            throw new UnsupportedOperationException("Currently, we only support a single method.");
        }
        if (options.tol != null && !(options.tol > 0)) {
            throw new IllegalArgumentException(
                    "Parameter 'tol' should be > 0. Received " + repr(options.tol) + ".");
        }
        if (options.maxExtraIter < 0) {
            throw new IllegalArgumentException("Parameter 'maxExtraIter' should be >= 0. Received "
                    + options.maxExtraIter + ".");
        }
    }

    /**
     * Refuses a device other than the JVM for a solver that runs float64 soft-mins on the JVM only,
     * rather than moving it there silently.
     *
     * @throws UnsupportedOperationException naming the solver, the device and what runs on it
     */
    static void jvmOnly(Device device, String solver) {
        if (device != Devices.jvm()) {
            throw new UnsupportedOperationException("device: " + solver + " runs float64 soft-mins "
                    + "on the JVM only, not on " + device.description() + "; use Devices.jvm(), or "
                    + "OT.solveSample on float[][] clouds, which runs on any device");
        }
    }

    /** Upstream's schedule check, the last one it runs. */
    static void iterations(Integer maxIter) {
        if (maxIter != null && maxIter <= 0) {
            throw new IllegalArgumentException(
                    "The number of iterations should be >= 1. Received n_iter=" + maxIter + ".");
        }
    }

    /**
     * Upstream's marginal check: {@code null} gives uniform weights {@code 1/size}; a wrong length or
     * a negative entry is refused; non-finite entries are refused too (upstream lets NaN through).
     */
    static double[] marginal(double[] weights, String name, int size, int[] expectedShape) {
        return marginal(weights, name, name, size, expectedShape);
    }

    /**
     * As {@link #marginal(double[], String, int, int[])}, with {@code label} naming the weights in
     * the appended values ({@code a[2]} for row 2 of a batch); the total mass must be in
     * {@code (0, NumericRange.MAX_TOTAL_MASS]} (upstream divides by it).
     */
    static double[] marginal(double[] weights, String name, String label, int size,
                             int[] expectedShape) {
        if (weights == null) {
            double[] uniform = new double[size];
            java.util.Arrays.fill(uniform, 1.0 / size);
            return uniform;
        }
        if (weights.length != size) {
            throw new IllegalArgumentException("The marginal '" + name + "' should be of shape "
                    + shape(expectedShape) + ". Instead, received an array of shape "
                    + shape(weights.length) + ".");
        }
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("The marginal '" + name
                        + "' contains negative values. We require that " + name + " >= 0. Received "
                        + label + "[" + i + "] = " + repr(weights[i]) + ".");
            }
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("The marginal '" + name + "' should be finite: "
                        + label + "[" + i + "] = " + repr(weights[i]) + ".");
            }
        }
        NumericRange.totalMass("The marginal '" + label + "'", sum(weights));
        return weights.clone();
    }

    /**
     * Upstream's mass check of balanced OT: {@code |m_a - m_b| / (m_a + m_b) <= 1e-3} for every
     * problem (NaN, when both masses are 0, passes).
     */
    static void masses(double[][] a, double[][] b) {
        for (int k = 0; k < a.length; k++) {
            double ma = sum(a[k]);
            double mb = sum(b[k]);
            if (Math.abs(ma - mb) / (ma + mb) > MASS_TOLERANCE) {
                String row = a.length == 1 ? "" : "[" + k + "]";
                throw new IllegalArgumentException("The two arrays of marginal weights 'a' and 'b' "
                        + (a.length == 1 ? "do not sum up to the same value."
                                : "have rows that do not sum up to the same values.")
                        + " As a consequence, the balanced OT problem is not feasible. To fix "
                        + "this error, you may either normalize the two marginals to make sure "
                        + "that their weights sum up to compatible values (= 1 for probability "
                        + "distributions), or use UNbalanced optimal transport with the "
                        + "'unbalanced' keyword argument. Received sum(a" + row + ") = " + repr(ma)
                        + ", sum(b" + row + ") = " + repr(mb)
                        + (a.length == 1 ? "" : " (batch row " + k + ")") + ".");
            }
        }
    }

    /**
     * The temperature against the costs: {@code reg} must exceed the float64 rounding unit of the
     * largest cost, or {@code (f + g - C) / reg} carries rounding errors above 1 and the plan
     * {@code exp((f + g - C) / reg)} cannot be resolved (its marginal error cannot fall below tol,
     * and for {@code reg} far below, it overflows). The penalty {@code rho} must keep
     * {@code C / rho} finite.
     *
     * @param costMagnitude the largest {@code |C_ij|} of the problem
     */
    static void resolution(double reg, Double unbalanced, double costMagnitude) {
        double unit = Math.ulp(costMagnitude);
        if (!(reg > unit)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "Parameter 'reg' should exceed the float64 rounding unit %.3g of the largest cost"
                            + " %.3g: exp((f + g - C) / reg) cannot be resolved. Received %s; valid:"
                            + " reg > %.3g (or rescale the costs).", unit, costMagnitude, repr(reg),
                    unit));
        }
        if (unbalanced != null) {
            NumericRange.finiteCostRatio("unbalanced", unbalanced, 1, costMagnitude);
        }
    }

    /** Checks that {@code rows} is non-empty, rectangular and finite; returns it flat. */
    static double[] rectangular(double[][] rows, String name) {
        Objects.requireNonNull(rows, name);
        if (rows.length == 0 || rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException(
                    name + " should have at least one row and one column.");
        }
        int columns = rows[0].length;
        double[] flat = new double[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != columns) {
                throw new IllegalArgumentException(name + " should be rectangular: row " + i
                        + " has " + (rows[i] == null ? "no" : rows[i].length) + " entries, row 0 has "
                        + columns + ".");
            }
            for (int j = 0; j < columns; j++) {
                double value = rows[i][j];
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException(name + " should be finite: " + name + "[" + i
                            + "][" + j + "] = " + repr(value) + ".");
                }
                flat[i * columns + j] = value;
            }
        }
        return flat;
    }

    /** Widens a float array of rows exactly to double, then checks it like {@link #rectangular}. */
    static double[][] widen(float[][] rows, String name) {
        Objects.requireNonNull(rows, name);
        double[][] wide = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != null) {
                wide[i] = new double[rows[i].length];
                for (int j = 0; j < rows[i].length; j++) {
                    wide[i][j] = rows[i][j];
                }
            }
        }
        return wide;
    }

    static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
