package org.geomloss.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the JSON file that JMH writes with {@code -rf json}: one {@link Timing} per benchmark and
 * parameter combination, tool {@link Timing#THIS_LIBRARY}.
 *
 * <ul>
 *   <li>The time is the median of the measured iterations (JMH's 50th percentile), else the
 *       score, converted to seconds from the score unit ({@code s/op}, {@code ms/op},
 *       {@code us/op}, {@code ns/op}, or the inverse of {@code ops/s}-style throughputs).</li>
 *   <li>The parameters are the benchmark's {@code @Param}s plus {@code benchmark}, the method's
 *       simple name (e.g. {@code SamplesLossBenchmark.valueAndGradients}).</li>
 *   <li>Combinations that failed are absent from JMH's file, so from the result.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class JmhResults {

    private JmhResults() {
    }

    /**
     * The timings in {@code file}.
     *
     * @throws IllegalArgumentException naming the file when it is missing, not JSON or not JMH's
     */
    public static List<Timing> read(Path file) {
        JsonNode root;
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such file");
            }
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a JSON file: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + ": not a JMH result file (expected a JSON "
                    + "array of benchmarks, as written by -rf json)");
        }
        List<Timing> timings = new ArrayList<>();
        for (int k = 0; k < root.size(); k++) {
            JsonNode entry = root.get(k);
            JsonNode metric = entry.path("primaryMetric");
            if (!entry.path("benchmark").isTextual() || !metric.path("scoreUnit").isTextual()) {
                throw new IllegalArgumentException(file + ": entry " + k + " has no benchmark name "
                        + "or primaryMetric.scoreUnit: not a JMH result file");
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            String name = entry.get("benchmark").asText();
            int method = name.lastIndexOf('.');
            int type = name.lastIndexOf('.', method - 1);
            parameters.put("benchmark", name.substring(type + 1));
            entry.path("params").properties()
                    .forEach(p -> parameters.put(p.getKey(), p.getValue().asText()));
            JsonNode median = metric.path("scorePercentiles").path("50.0");
            double score = median.isNumber() ? median.asDouble() : metric.path("score").asDouble();
            double seconds = toSeconds(score, metric.get("scoreUnit").asText(), file, k);
            timings.add(new Timing(Timing.THIS_LIBRARY, parameters, seconds));
        }
        return List.copyOf(timings);
    }

    private static double toSeconds(double score, String unit, Path file, int entry) {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException(file + ": entry " + entry + ": unknown score unit '"
                    + unit + "'");
        }
        boolean throughput = parts[0].equals("ops");
        double scale = seconds(throughput ? parts[1] : parts[0], file, entry, unit);
        return throughput ? scale / score : score * scale;
    }

    private static double seconds(String unit, Path file, int entry, String whole) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "s" -> 1.0;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            case "min" -> 60.0;
            default -> throw new IllegalArgumentException(file + ": entry " + entry
                    + ": unknown score unit '" + whole + "'");
        };
    }
}
