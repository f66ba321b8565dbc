package org.geomloss;

import java.util.Locale;

/**
 * The valid ranges of the parameters and data, decided from the arithmetic that computes with
 * them. Values outside are refused with an {@link IllegalArgumentException} naming the parameter,
 * the value and the valid range, because no precision could compute with them (the result would be
 * NaN, infinite or meaningless):
 * <ul>
 *   <li>Temperatures and penalties {@code length^p} (blur, reach; eps of a Gaussian kernel): a
 *       normal float64 number, {@code 2.2e-308 <= length^p <= 1.8e308}; below, {@code eps} is
 *       subnormal or 0 and {@code cost / eps} overflows.</li>
 *   <li>The temperature against the problem's diameter: {@code (diameter / blur)^p <= 2^52}, so that
 *       float64's rounding of the largest cost stays below {@code eps} (the plan and the gradients
 *       are resolved); the penalty: {@code (diameter / reach)^p} finite, so that
 *       {@code cost / rho} is.</li>
 *   <li>Points: Euclidean norm {@code |x| <= } {@link #MAX_POINT_NORM} (about 9.2e18): coordinates
 *       are stored in float32, where {@code |x - y|^2 <= 2|x|^2 + 2|y|^2} must stay below
 *       {@link Float#MAX_VALUE}.</li>
 *   <li>Total mass of a measure: at most {@link #MAX_TOTAL_MASS} (1e134), so that a product of two
 *       masses times a float32 cost, {@code m_a m_b C}, is finite in float64.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class NumericRange {

    /** The largest norm of a point: {@code sqrt(Float.MAX_VALUE / 4)}, about 9.2e18. */
    public static final double MAX_POINT_NORM = Math.sqrt(Float.MAX_VALUE / 4.0);

    /**
     * The largest total mass, 1e134: the largest power of ten below
     * {@code sqrt(Double.MAX_VALUE / Float.MAX_VALUE)} (about 7.3e134), so that
     * {@code m_a m_b C} stays finite for any float32 cost {@code C}.
     */
    public static final double MAX_TOTAL_MASS = 1e134;

    /**
     * The largest ratio of the largest cost to the temperature, {@code 2^52 = 1 / ulp(1)}: float64
     * resolves {@code eps} next to costs up to {@code 2^52 eps}.
     */
    public static final double MAX_COST_OVER_TEMPERATURE = 0x1p52;

    private NumericRange() {
    }

    /**
     * Returns {@code length^p} after checking that it is a normal float64 number.
     *
     * @param name   the parameter, for the message
     * @param length the parameter's value, {@code > 0}
     * @param p      the exponent
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public static double power(String name, double length, int p) {
        double power = Math.pow(length, p);
        if (!(power >= Double.MIN_NORMAL) || Double.isInfinite(power)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s = %s gives %s^%d = %s, outside float64's normal range; valid: %s in "
                            + "[%.3g, %.3g] for p = %d", name, length, name, p, power, name,
                    Math.pow(Double.MIN_NORMAL, 1.0 / p), Math.pow(Double.MAX_VALUE, 1.0 / p), p));
        }
        return power;
    }

    /**
     * Checks that the temperature {@code eps = blur^p} is resolved by float64 next to the largest
     * cost {@code diameter^p}: {@code (diameter / blur)^p <= }{@link #MAX_COST_OVER_TEMPERATURE}.
     * Below, the rounding error of a cost ({@code ulp(diameter^p)}) exceeds {@code eps}, so the
     * exponents {@code (f + g - C) / eps} carry errors above 1: the transport plan, and the
     * gradients drawn from it, cannot be computed in any precision this library has.
     *
     * @throws IllegalArgumentException naming the parameter, its value, the diameter and the valid
     *                                  range
     */
    public static void resolvedTemperature(String name, double blur, int p, double diameter) {
        if (!(Math.pow(diameter / blur, p) <= MAX_COST_OVER_TEMPERATURE)) {
            double factor = Math.pow(MAX_COST_OVER_TEMPERATURE, -1.0 / p);
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s = %s is too small for the diameter %s of the problem: (diameter / %s)^%d = "
                            + "%.3g exceeds 2^52, so float64 cannot resolve the temperature next to "
                            + "the costs; valid: %s >= %.3g (diameter * %.3g)", name, blur, diameter,
                    name, p, Math.pow(diameter / blur, p), name, diameter * factor, factor));
        }
    }

    /**
     * Checks that {@code (diameter / length)^p} is finite: costs of the problem divided by
     * {@code length^p} (a marginal penalty {@code rho = reach^p}) do not overflow float64.
     *
     * @throws IllegalArgumentException naming the parameter, its value, the diameter and the valid
     *                                  range
     */
    public static void finiteCostRatio(String name, double length, int p, double diameter) {
        if (Double.isInfinite(Math.pow(diameter / length, p))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s = %s is too small for the diameter %s of the problem: (diameter / %s)^%d "
                            + "overflows float64; valid: %s >= %.3g (diameter * %.3g)", name, length,
                    diameter, name, p, name, diameter * Math.pow(Double.MAX_VALUE, -1.0 / p),
                    Math.pow(Double.MAX_VALUE, -1.0 / p)));
        }
    }

    /**
     * Checks the norm of point {@code i}.
     *
     * @param name        the argument, for the message
     * @param i           the point's index
     * @param squaredNorm {@code |x_i|^2}, computed in float64
     * @throws IllegalArgumentException naming the point, its norm and the valid range
     */
    static void pointNorm(String name, int i, double squaredNorm) {
        if (!(squaredNorm <= MAX_POINT_NORM * MAX_POINT_NORM)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s[%d] has norm %s, above the largest valid norm %.3g: float32 coordinates "
                            + "could not hold its squared distances; translate or rescale the points",
                    name, i, Math.sqrt(squaredNorm), MAX_POINT_NORM));
        }
    }

    /**
     * Checks a total mass.
     *
     * @throws IllegalArgumentException naming the argument, the mass and the valid range
     */
    public static void totalMass(String name, double mass) {
        if (!(mass > 0) || !(mass <= MAX_TOTAL_MASS)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s has total mass %s; valid: 0 < mass <= %.3g (a product of two masses times a "
                            + "cost must be finite); rescale the weights", name, mass,
                    MAX_TOTAL_MASS));
        }
    }
}
