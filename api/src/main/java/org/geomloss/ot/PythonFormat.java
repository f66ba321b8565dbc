package org.geomloss.ot;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Formats numbers and shapes the way upstream's error messages show them (Python's {@code repr} of a
 * float, shapes as tuples), so that messages read the same in both libraries. Stateless.
 */
final class PythonFormat {

    private PythonFormat() {
    }

    /**
     * Python's {@code repr(float)}: the shortest round-trip digits, positional for decimal exponents
     * in {@code [-4, 16)} ({@code 0.1}, {@code 123.0}), scientific otherwise ({@code 1e-06},
     * {@code 1e+16}); {@code nan}, {@code inf}, {@code -inf}.
     */
    static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0.0" : "0.0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = x < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = decimal.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits
                : digits.charAt(0) + "." + digits.substring(1);
        return String.format("%s%se%s%02d", sign, mantissa, exponent < 0 ? "-" : "+",
                Math.abs(exponent));
    }

    /** A shape as a Python tuple: {@code (3,)}, {@code (2, 3)}. */
    static String shape(int... dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        return Arrays.stream(dims).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
