package org.geomloss.examples.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes numeric tables as comma-separated text: one point per line, one coordinate per
 * field.
 *
 * <ul>
 *   <li>Fields are separated by commas (or, on a line without commas, by spaces or tabs); spaces
 *       around fields are ignored.</li>
 *   <li>Blank lines and lines starting with {@code #} are skipped. A first line whose fields are all
 *       non-numeric is a header and is skipped.</li>
 *   <li>Every data line must have as many fields as the first one, and every field must be a finite
 *       decimal number; otherwise the error names the file, the line (1-based) and the field
 *       (1-based).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class CsvFormat {

    private CsvFormat() {
    }

    /** Reads the table; a file with a single column gives an N x 1 matrix. */
    public static NumericMatrix read(Path file) {
        String text = new String(NpyFormat.readAll(file), StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n|\r", -1);
        List<double[]> rows = new ArrayList<>();
        int columns = -1;
        int firstDataLine = -1;
        boolean headerAllowed = true;
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = split(line);
            if (headerAllowed && allNonNumeric(fields)) {
                headerAllowed = false;
                continue;
            }
            headerAllowed = false;
            if (columns < 0) {
                columns = fields.length;
                firstDataLine = l + 1;
            } else if (fields.length != columns) {
                throw new IllegalArgumentException(file + ": line " + (l + 1) + " has "
                        + fields.length + " fields but line " + firstDataLine + " has " + columns
                        + " (every row must have the same number of coordinates)");
            }
            double[] row = new double[columns];
            for (int k = 0; k < columns; k++) {
                row[k] = parse(fields[k], file, l + 1, k + 1);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no data lines (the file is empty or holds "
                    + "only a header and comments)");
        }
        double[] values = new double[rows.size() * columns];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * columns, columns);
        }
        return NumericMatrix.of(rows.size(), columns, values);
    }

    /** Writes the table with full double precision, one row per line, atomically ({@link AtomicFiles}). */
    public static void write(Path file, NumericMatrix matrix) {
        AtomicFiles.write(file, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            for (int i = 0; i < matrix.rows(); i++) {
                StringBuilder line = new StringBuilder();
                for (int k = 0; k < matrix.columns(); k++) {
                    line.append(k > 0 ? "," : "").append(format(matrix.get(i, k)));
                }
                out.write(line.append('\n').toString());
            }
            out.flush();
        });
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.17g", value);
    }

    private static String[] split(String line) {
        String[] fields = line.contains(",") ? line.split(",", -1) : line.split("[ \t]+");
        for (int k = 0; k < fields.length; k++) {
            fields[k] = fields[k].strip();
        }
        return fields;
    }

    private static boolean allNonNumeric(String[] fields) {
        for (String field : fields) {
            if (isNumber(field)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String field) {
        try {
            Double.parseDouble(field);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double parse(String field, Path file, int line, int column) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException(file + ": line " + line + ", field " + column
                    + " is empty");
        }
        double value;
        try {
            value = Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": line " + line + ", field " + column + ": '"
                    + field + "' is not a number", e);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(file + ": line " + line + ", field " + column + ": '"
                    + field + "' is not finite");
        }
        return value;
    }
}
