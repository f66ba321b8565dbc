package org.geomloss.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints arrays the way NumPy does with {@code np.set_printoptions(precision=3)} (the seed pages'
 * output): each value rounded to 3 decimals, trailing zeros dropped, then all values of one array
 * padded to a common width (integer part right-aligned, fraction left-aligned with spaces).
 */
final class NumpyPrint {

    private NumpyPrint() {
    }

    static String array(double[] values) {
        return render(values, new int[] {values.length});
    }

    static String array(double[][] values) {
        int n = values.length;
        int m = values[0].length;
        double[] flat = new double[n * m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(values[i], 0, flat, i * m, m);
        }
        return render(flat, new int[] {n, m});
    }

    static String array(double[][][] values) {
        int b = values.length;
        int n = values[0].length;
        int m = values[0][0].length;
        double[] flat = new double[b * n * m];
        for (int k = 0; k < b; k++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(values[k][i], 0, flat, (k * n + i) * m, m);
            }
        }
        return render(flat, new int[] {b, n, m});
    }

    private static String render(double[] flat, int[] shape) {
        List<String> integer = new ArrayList<>();
        List<String> fraction = new ArrayList<>();
        int intWidth = 0;
        int fracWidth = 0;
        for (double v : flat) {
            String s = String.format(java.util.Locale.ROOT, "%.3f", v);
            if (s.equals("-0.000")) {
                s = "-0.000";
            }
            s = s.replaceAll("0+$", "");
            int dot = s.indexOf('.');
            integer.add(s.substring(0, dot));
            fraction.add(s.substring(dot + 1));
            intWidth = Math.max(intWidth, dot);
            fracWidth = Math.max(fracWidth, s.length() - dot - 1);
        }
        String[] cells = new String[flat.length];
        for (int k = 0; k < flat.length; k++) {
            cells[k] = " ".repeat(intWidth - integer.get(k).length()) + integer.get(k) + "."
                    + fraction.get(k) + " ".repeat(fracWidth - fraction.get(k).length());
        }
        return nest(cells, shape, 0, 0);
    }

    private static String nest(String[] cells, int[] shape, int axis, int offset) {
        if (axis == shape.length - 1) {
            return "[" + String.join(" ", java.util.Arrays.copyOfRange(cells, offset,
                    offset + shape[axis])) + "]";
        }
        int stride = 1;
        for (int k = axis + 1; k < shape.length; k++) {
            stride *= shape[k];
        }
        String separator = "\n".repeat(shape.length - axis - 1) + " ".repeat(axis + 1);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < shape[axis]; i++) {
            parts.add(nest(cells, shape, axis + 1, offset + i * stride));
        }
        return "[" + String.join(separator, parts) + "]";
    }
}
