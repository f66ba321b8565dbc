package org.geomloss.examples.io;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes numeric arrays by file extension: {@code .npy} through {@link NpyFormat},
 * {@code .csv} and {@code .txt} through {@link CsvFormat}. Stateless and thread-safe.
 */
public final class ArrayFiles {

    private ArrayFiles() {
    }

    /** Reads a matrix (points) or a vector (weights). */
    public static NumericMatrix read(Path file) {
        return switch (extension(file)) {
            case "npy" -> NpyFormat.read(file);
            case "csv", "txt" -> CsvFormat.read(file);
            default -> throw new IllegalArgumentException(file + ": unknown file type; expected a "
                    + ".npy or .csv file");
        };
    }

    /** Writes a matrix; {@code .npy} files get {@code dtype}, text files full double precision. */
    public static void write(Path file, NumericMatrix matrix, NpyFormat.DType dtype) {
        switch (extension(file)) {
            case "npy" -> NpyFormat.write(file, matrix, dtype);
            case "csv", "txt" -> CsvFormat.write(file, matrix);
            default -> throw new IllegalArgumentException(file + ": unknown file type; expected a "
                    + ".npy or .csv file name");
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
