package org.geomloss.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads times measured with other tools from a CSV file with a header line: a {@code tool} column
 * (e.g. {@code GeomLoss}, {@code POT}), a {@code seconds} column, and any parameter columns (e.g.
 * {@code backend,loss,n}), one measurement per line:
 * <pre>  tool,backend,loss,n,seconds
 *  GeomLoss,tensorized,sinkhorn,1000,0.21</pre>
 * Fields are plain (no quoting); blank lines and lines starting with {@code #} are skipped; an empty
 * {@code seconds} field (not measured, out of memory) skips its line.
 *
 * <p>Stateless and thread-safe.
 */
public final class PeerTimings {

    private PeerTimings() {
    }

    /**
     * The timings in {@code file}.
     *
     * @throws IllegalArgumentException naming the file and line when a column is missing, a line
     *                                  has the wrong number of fields or a time is not a positive
     *                                  number
     */
    public static List<Timing> read(Path file) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such file");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        String[] header = null;
        int toolColumn = -1;
        int secondsColumn = -1;
        List<Timing> timings = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (header == null) {
                header = fields;
                toolColumn = column(header, "tool", file);
                secondsColumn = column(header, "seconds", file);
                continue;
            }
            if (fields.length != header.length) {
                throw new IllegalArgumentException(file + ": line " + (k + 1) + ": " + fields.length
                        + " fields but the header has " + header.length);
            }
            if (fields[secondsColumn].isBlank()) {
                continue;
            }
            double seconds;
            try {
                seconds = Double.parseDouble(fields[secondsColumn].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": line " + (k + 1) + ", field 'seconds': '"
                        + fields[secondsColumn] + "' is not a number", e);
            }
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException(file + ": line " + (k + 1) + ", field 'seconds': "
                        + "a time must be > 0 and finite, got " + seconds);
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                if (c != toolColumn && c != secondsColumn) {
                    parameters.put(header[c].strip(), fields[c].strip());
                }
            }
            timings.add(new Timing(fields[toolColumn].strip(), parameters, seconds));
        }
        if (header == null) {
            throw new IllegalArgumentException(file + ": empty (expected a header line with 'tool' "
                    + "and 'seconds' columns)");
        }
        return List.copyOf(timings);
    }

    private static int column(String[] header, String name, Path file) {
        for (int c = 0; c < header.length; c++) {
            if (header[c].strip().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(file + ": the header has no '" + name + "' column");
    }
}
