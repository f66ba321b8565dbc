package org.geomloss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.geomloss.golden.GoldenFiles;
import org.geomloss.golden.Tolerance;
import org.geomloss.kernels.Devices;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.Precision;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden runner of {@link SamplesLoss}: every case of kind {@code samples_loss} in every file of
 * the test-resource folder {@code golden/} (reference: GeomLoss 0.3.1, float64, tensorized backend;
 * see {@code golden/README.md}), at the "float32 port" tolerances of that README, section 5.
 *
 * <p>Every field is honoured: {@code params} are passed one by one to {@link SamplesLoss.Builder#set}
 * (an unknown one fails the case), {@code inputs} may be batched and weights absent, every output is
 * compared, {@code unsupported} calls must raise the Java counterpart of the recorded error, and
 * {@code internals.eps_list} is compared with {@link EpsilonSchedule}. Two documented departures:
 * <ul>
 *   <li>{@code loss="hausdorff"} raises {@code KeyError} upstream; this library implements it, so
 *       those cases check that it runs and vanishes on identical inputs instead.</li>
 *   <li>Unbalanced gradients: upstream's are {@code (rho + eps/2)/(rho + eps)} times the true
 *       derivative of its value (a dead {@code backward}); this library returns the true derivative,
 *       so the reference gradients are rescaled by {@code (rho + eps)/(rho + eps/2)}; the raw
 *       cost's weight gradients also get the constant {@code -eps/2} that upstream's factor hides
 *       (derivation in {@code SinkhornDivergence}; both corrections are checked against finite
 *       differences in {@code SamplesLossPropertiesTest}).</li>
 * </ul>
 * Each case also runs on the online backend, which must agree with the same reference, and, with
 * {@link Precision#FLOAT64}, on the tensorized and online backends at the README's "float64 port"
 * tolerances (values, potentials and weight gradients {@code 1e-9}, position gradients
 * {@code 1e-7}).
 */
class SamplesLossGoldenTest {

    @TestFactory
    Stream<DynamicTest> everySamplesLossCase() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenFiles.GoldenFile file : GoldenFiles.ofKind("samples_loss")) {
            for (JsonNode c : file.cases()) {
                String name = file.name() + " / " + c.path("name").asText();
                tests.add(DynamicTest.dynamicTest(name, () -> runCase(c, null, Precision.FLOAT32)));
                if (c.path("outputs").size() > 0 && c.path("params").has("backend")
                        && !c.path("params").path("backend").asText().equals("online")) {
                    tests.add(DynamicTest.dynamicTest(name + " [online]",
                            () -> runCase(c, Backend.ONLINE, Precision.FLOAT32)));
                }
                if (c.path("outputs").size() > 0) {
                    for (Backend backend : new Backend[] {Backend.TENSORIZED, Backend.ONLINE}) {
                        tests.add(DynamicTest.dynamicTest(name + " [float64 " + backend.geomlossName()
                                + "]", () -> runCase(c, backend, Precision.FLOAT64)));
                    }
                }
            }
        }
        assertTrue(tests.size() >= 1, "no samples_loss golden case found");
        return tests.stream();
    }

    @Test
    void runsOnTheExpectedKernels() {
        // The scalar-fallback surefire execution starts the JVM without the Vector API module.
        String expected = System.getProperty("geomloss.expect.kernels");
        if (expected != null) {
            assertTrue(Kernels.jvm().name().startsWith(expected),
                    "expected " + expected + " kernels, got " + Kernels.jvm().name());
        }
    }

    @Test
    void everyGoldenFileHasAKnownKind() {
        List<GoldenFiles.GoldenFile> files = GoldenFiles.all();
        assertTrue(files.size() >= 8, "expected the 8 public golden files, found " + files.size());
        for (GoldenFiles.GoldenFile file : files) {
            assertTrue(GoldenFiles.KNOWN_KINDS.contains(file.kind()),
                    file.name() + " has unknown kind " + file.kind());
        }
    }

    private static void runCase(JsonNode c, Backend backendOverride, Precision precision) {
        JsonNode params = c.path("params");
        SamplesLoss.Builder builder = SamplesLoss.builder().precision(precision)
                .device(precision == Precision.FLOAT64 ? Devices.jvm() : TestDevices.selected());
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            builder.set(entry.getKey(), toJava(entry.getValue()));
        }
        if (backendOverride != null) {
            builder.backend(backendOverride);
        }
        if (denseMatricesOnTheJvm(params, backendOverride)) {
            builder.device(Devices.jvm());
        }
        JsonNode inputs = c.path("inputs");
        boolean batched = GoldenFiles.rank(inputs.path("x")) == 3;
        List<Measure> xs = measures(inputs.path("x"), inputs.path("a"), batched);
        List<Measure> ys = measures(inputs.path("y"), inputs.path("b"), batched);
        JsonNode callError = unsupportedCall(c);
        if (callError != null) {
            checkUnsupportedCall(builder, params, callError, xs, ys);
            return;
        }
        checkSchedule(c, params);
        SamplesLoss loss = builder.build();
        boolean potentialsOnly = params.path("potentials").asBoolean(false);
        List<LossGradients> results = new ArrayList<>();
        List<DualPotentials> potentials = new ArrayList<>();
        if (batched) {
            MeasureBatch xBatch = MeasureBatch.of(xs);
            MeasureBatch yBatch = MeasureBatch.of(ys);
            if (!potentialsOnly) {
                results.addAll(loss.valueAndGradients(xBatch, yBatch));
                double[] values = loss.value(xBatch, yBatch);
                for (int b = 0; b < values.length; b++) {
                    assertEquals(results.get(b).value(), values[b],
                            1e-6 * Math.abs(values[b]), "value(batch)[" + b + "]");
                }
            }
            potentials.addAll(loss.potentials(xBatch, yBatch));
        } else {
            if (!potentialsOnly) {
                results.add(loss.valueAndGradients(xs.get(0), ys.get(0)));
                // Vector kernels round differently before and after C2 compiles them: 1e-6.
                double value = loss.value(xs.get(0), ys.get(0));
                assertEquals(results.get(0).value(), value, 1e-6 * Math.abs(value),
                        "value() and valueAndGradients() agree");
            }
            potentials.add(loss.potentials(xs.get(0), ys.get(0)));
        }
        JsonNode outputs = c.path("outputs");
        for (Iterator<String> it = outputs.fieldNames(); it.hasNext(); ) {
            String output = it.next();
            checkOutput(output, outputs.get(output), params, xs, ys, results, potentials,
                    precision);
        }
        for (LossGradients result : results) {
            assertEquals(precision, result.precision(), "the precision that ran");
        }
    }

    private static void checkOutput(String output, JsonNode expectedNode, JsonNode params,
                                    List<Measure> xs, List<Measure> ys,
                                    List<LossGradients> results, List<DualPotentials> potentials,
                                    Precision precision) {
        double[] expected = GoldenFiles.flatten(expectedNode);
        Unbalanced unbalanced = Unbalanced.of(params);
        double[] actual;
        boolean float64 = precision == Precision.FLOAT64;
        Tolerance tolerance = float64 ? Tolerance.FLOAT64_VALUES : Tolerance.FLOAT32_VALUES;
        switch (output) {
            case "value" -> {
                actual = results.stream().mapToDouble(LossGradients::value).toArray();
                if (unbalanced != null) {
                    double extra = 0;
                    for (int b = 0; b < xs.size(); b++) {
                        extra = Math.max(extra, (float64 ? 1e-13 : 1e-6) * unbalanced.rho
                                * (xs.get(b).totalMass() + ys.get(b).totalMass()));
                    }
                    tolerance = tolerance.plusAbsolute(extra);
                }
            }
            case "grad_x", "grad_y" -> {
                actual = concat(results, output.equals("grad_x")
                        ? LossGradients::gradX : LossGradients::gradY);
                tolerance = float64 ? Tolerance.FLOAT64_POSITION_GRADIENTS
                        : Tolerance.FLOAT32_POSITION_GRADIENTS;
                if (unbalanced != null) {
                    expected = scale(expected, unbalanced.gradientFactor());
                }
            }
            case "grad_a", "grad_b" -> {
                boolean first = output.equals("grad_a");
                actual = concat(results, first ? LossGradients::gradA : LossGradients::gradB);
                if (unbalanced != null) {
                    expected = unbalanced.trueWeightGradient(expected);
                }
            }
            case "F" -> actual = concat(potentials, DualPotentials::f);
            case "G" -> actual = concat(potentials, DualPotentials::g);
            default -> throw new AssertionError("unknown samples_loss output '" + output + "'");
        }
        tolerance.check(output, expected, actual);
    }

    /** The true-derivative correction of unbalanced Sinkhorn gradients (class Javadoc). */
    private record Unbalanced(double rho, double eps, boolean debias) {
        static Unbalanced of(JsonNode params) {
            JsonNode reach = params.path("reach");
            String loss = params.path("loss").asText("sinkhorn");
            if (reach.isMissingNode() || reach.isNull() || !loss.equals("sinkhorn")) {
                return null;
            }
            int p = params.path("p").asInt(2);
            double blur = params.path("blur").asDouble(0.05);
            return new Unbalanced(Math.pow(reach.asDouble(), p), Math.pow(blur, p),
                    params.path("debias").asBoolean(true));
        }

        double gradientFactor() {
            return (rho + eps) / (rho + eps / 2);
        }

        double[] trueWeightGradient(double[] upstream) {
            double[] out = scale(upstream, gradientFactor());
            if (!debias) {
                for (int i = 0; i < out.length; i++) {
                    out[i] -= eps / 2;
                }
            }
            return out;
        }
    }

    /**
     * Tensorized Sinkhorn and Hausdorff build dense float64 matrices on the JVM and refuse another
     * device ({@link SamplesLoss.Builder#build}): those cases run on the JVM whatever the selected
     * device.
     */
    private static boolean denseMatricesOnTheJvm(JsonNode params, Backend backendOverride) {
        String named = params.path("backend").asText("auto");
        boolean tensorized = backendOverride != null ? backendOverride == Backend.TENSORIZED
                : named.equalsIgnoreCase(Backend.TENSORIZED.name());
        String loss = params.path("loss").asText("sinkhorn");
        return tensorized && (loss.equals("sinkhorn") || loss.equals("hausdorff"));
    }

    private static void checkSchedule(JsonNode c, JsonNode params) {
        JsonNode internals = c.path("internals");
        if (!internals.has("eps_list") || !params.path("loss").asText("sinkhorn").equals("sinkhorn")) {
            return;
        }
        double[] expected = GoldenFiles.vector(internals.path("eps_list"));
        double[] actual = EpsilonSchedule.geomloss(params.path("p").asInt(2),
                internals.path("diameter").asDouble(), params.path("blur").asDouble(0.05),
                params.path("scaling").asDouble(0.5));
        new Tolerance(1e-12, 0).check("internals.eps_list", expected, actual);
    }

    private static void checkUnsupportedCall(SamplesLoss.Builder builder, JsonNode params,
                                             JsonNode error, List<Measure> xs, List<Measure> ys) {
        String type = error.path("type").asText();
        if (params.path("loss").asText().equals("hausdorff") && type.equals("KeyError")) {
            SamplesLoss loss = builder.build();
            for (int b = 0; b < xs.size(); b++) {
                LossGradients r = loss.valueAndGradients(xs.get(b), ys.get(b));
                assertTrue(Double.isFinite(r.value()), "hausdorff value");
                Measure x = xs.get(b);
                assertEquals(0.0, loss.value(x, x), 1e-6, "hausdorff(x, x)");
            }
            return;
        }
        Class<? extends RuntimeException> expected = switch (type) {
            case "NotImplementedError" -> UnsupportedOperationException.class;
            case "ValueError", "TypeError", "KeyError", "AssertionError", "IndexError" ->
                    IllegalArgumentException.class;
            default -> RuntimeException.class;
        };
        assertThrows(expected, () -> {
            SamplesLoss loss = builder.build();
            for (int b = 0; b < xs.size(); b++) {
                loss.valueAndGradients(xs.get(b), ys.get(b));
            }
        }, "upstream raised " + type + ": " + error.path("message").asText());
    }

    private static JsonNode unsupportedCall(JsonNode c) {
        for (JsonNode entry : c.path("unsupported")) {
            if (entry.path("name").asText().equals("call")) {
                return entry;
            }
        }
        return null;
    }

    private static List<Measure> measures(JsonNode points, JsonNode weights, boolean batched) {
        List<Measure> measures = new ArrayList<>();
        if (!batched) {
            measures.add(Measure.of(GoldenFiles.matrix(points),
                    weights.isNull() || weights.isMissingNode() ? null : GoldenFiles.vector(weights)));
            return measures;
        }
        for (int b = 0; b < points.size(); b++) {
            double[] w = weights.isNull() || weights.isMissingNode()
                    ? null : GoldenFiles.vector(weights.get(b));
            measures.add(Measure.of(GoldenFiles.matrix(points.get(b)), w));
        }
        return measures;
    }

    private static Object toJava(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isTextual()) {
            return value.asText();
        }
        fail("unsupported parameter value " + value);
        return null;
    }

    private static <T> double[] concat(List<T> items, java.util.function.Function<T, double[]> f) {
        return items.stream().map(f).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double[] scale(double[] values, double factor) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }
}
