package org.geomloss.examples.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geomloss.examples.io.ArrayFiles;
import org.geomloss.examples.io.NpyFormat;
import org.geomloss.examples.io.NumericMatrix;

/**
 * Writes a command's arrays to the files its options name (.npy in one element type, or .csv) and
 * remembers each file under its JSON key, for the {@code "written"} object of the command's output.
 */
final class ArrayWriter {

    private final NpyFormat.DType type;
    private final Map<String, Object> written = new LinkedHashMap<>();

    ArrayWriter(NpyFormat.DType type) {
        this.type = type;
    }

    /** Writes {@code matrix} to {@code file}, recorded under {@code key}; no file, no writing. */
    void write(String key, Path file, NumericMatrix matrix) {
        if (file != null) {
            ArrayFiles.write(file, matrix, type);
            written.put(key, file.toString());
        }
    }

    /** The files written so far, by key, in the order they were written. */
    Map<String, Object> written() {
        return written;
    }
}
