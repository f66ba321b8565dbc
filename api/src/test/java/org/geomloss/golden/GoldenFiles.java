package org.geomloss.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads every {@code *.json} file of the test-resource folder {@code golden/}: reference cases computed
 * by GeomLoss 0.3.1 (float64, see {@code golden/README.md}). Adding a file there adds its cases.
 */
public final class GoldenFiles {

    /** The kinds the golden runners of this module handle. */
    public static final List<String> KNOWN_KINDS =
            List.of("samples_loss", "ot_solve", "ot_solve_batch", "ot_solve_sample");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoldenFiles() {
    }

    /** A parsed golden file. */
    public record GoldenFile(String name, JsonNode root) {
        /** The file's {@code kind}. */
        public String kind() {
            return root.path("kind").asText();
        }

        /** Its cases. */
        public JsonNode cases() {
            return root.path("cases");
        }
    }

    /** Every golden file, sorted by name. */
    public static List<GoldenFile> all() {
        Path folder = folder();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .map(GoldenFiles::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden files of one kind. */
    public static List<GoldenFile> ofKind(String kind) {
        return all().stream().filter(f -> f.kind().equals(kind)).toList();
    }

    private static GoldenFile read(Path file) {
        try {
            return new GoldenFile(file.getFileName().toString(), MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse golden file " + file, e);
        }
    }

    private static Path folder() {
        URL url = GoldenFiles.class.getClassLoader().getResource("golden");
        if (url == null) {
            throw new IllegalStateException("test resource folder golden/ is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON number, or one of the strings "NaN", "Infinity", "-Infinity". */
    public static double number(JsonNode node) {
        if (node.isTextual()) {
            return Double.parseDouble(node.asText());
        }
        return node.asDouble();
    }

    /** A flat copy of a nested numeric array, row-major. */
    public static double[] flatten(JsonNode node) {
        if (!node.isArray()) {
            return new double[] {number(node)};
        }
        java.util.ArrayList<Double> values = new java.util.ArrayList<>();
        collect(node, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode node, java.util.List<Double> values) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                collect(child, values);
            }
        } else {
            values.add(number(node));
        }
    }

    /** A 1-D array. */
    public static double[] vector(JsonNode node) {
        return flatten(node);
    }

    /** A 2-D array (rows). */
    public static double[][] matrix(JsonNode node) {
        double[][] rows = new double[node.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = vector(node.get(i));
        }
        return rows;
    }

    /** The depth of a nested array: 0 for a number. */
    public static int rank(JsonNode node) {
        int rank = 0;
        while (node.isArray() && !node.isEmpty()) {
            rank++;
            node = node.get(0);
        }
        return rank;
    }
}
