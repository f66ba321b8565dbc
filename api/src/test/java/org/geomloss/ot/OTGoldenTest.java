package org.geomloss.ot;

import static org.geomloss.golden.GoldenFiles.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.geomloss.golden.GoldenFiles;
import org.geomloss.golden.GoldenFiles.GoldenFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code ot_solve}, {@code ot_solve_batch} and {@code ot_solve_sample} case of every
 * golden file in the test resources folder {@code golden/} (files are discovered by listing the
 * folder; other kinds belong to the SamplesLoss runner). Reference: GeomLoss 0.3.1 (commit 00e493f),
 * NumPy backend, float64, and POT 0.8.2 for the converged plans (golden README). Tolerance: the
 * "float64 port" one of README section 5 (normwise, rtol 1e-9, atol 1e-12).
 *
 * <p>Every field is honoured: params exactly as passed (an unknown one fails the case), inputs,
 * every output, the {@code unsupported} entries and {@code pot_converged}. Where this port
 * deliberately does what upstream refuses, the case checks the new behaviour instead; the table
 * {@link #ACCEPTED_UPSTREAM_ERRORS} lists those decisions.
 */
class OTGoldenTest {

    private static final Set<String> KINDS = Set.of("ot_solve", "ot_solve_batch", "ot_solve_sample");
    private static final Tolerance TOLERANCE = Tolerance.FLOAT64_PORT;

    /**
     * Upstream errors this port intentionally does not raise, with the reason; the case then checks
     * the implemented behaviour.
     */
    private static final Map<String, String> ACCEPTED_UPSTREAM_ERRORS = Map.of(
            "The 'max_iter' parameter should be a positive integer.",
            "max_iter unset gets a default annealing length and the default tolerance",
            "Currently, we do not support rigorous stopping criteria.",
            "tol works: iterations continue at the final eps until the marginal error <= tol");

    private static final Set<String> SOLVE_PARAMS = Set.of("reg", "max_iter", "unbalanced",
            "unbalanced_type", "method", "tol");
    private static final Set<String> SAMPLE_PARAMS = Set.of("reg", "blur", "unbalanced", "reach",
            "debias", "max_iter", "tol", "cost", "unbalanced_type", "method");
    private static final Set<String> OUTPUTS = Set.of("value", "plan", "density", "potential_a",
            "potential_b", "potential_aa", "potential_bb", "marginal_a", "marginal_b",
            "plan_operator_matvec", "plan_operator_matmat", "plan_operator_T_matvec",
            "density_operator_matvec", "density_operator_T_matvec", "citation");

    @TestFactory
    Stream<DynamicTest> goldenCases() {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> kindsSeen = new TreeSet<>();
        for (GoldenFile file : GoldenFiles.all()) {
            JsonNode root = file.root();
            String kind = file.kind();
            if (!KINDS.contains(kind)) {
                continue;
            }
            kindsSeen.add(kind);
            assertEquals("float64", root.path("dtype").asText(), file.name() + ": dtype");
            for (JsonNode golden : file.cases()) {
                String name = file.name() + ": " + golden.path("name").asText();
                tests.add(DynamicTest.dynamicTest(name, () -> runCase(kind, golden)));
            }
        }
        tests.add(DynamicTest.dynamicTest("every ot kind has golden cases",
                () -> assertEquals(KINDS, kindsSeen)));
        return tests.stream();
    }

    private static void runCase(String kind, JsonNode golden) {
        String function = golden.path("function").asText();
        assertEquals(kind, "ot_" + function, "function of the case");
        checkInternals(golden.path("internals"));
        JsonNode call = unsupported(golden, "call");
        Set<String> inputs = fieldNames(golden.path("inputs"));
        assertTrue(Set.of("C", "a", "b", "X_a", "X_b", "v", "u", "W").containsAll(inputs),
                "unknown input in " + inputs);
        if (call != null) {
            checkRejectedCall(function, golden, call);
            return;
        }
        switch (function) {
            case "solve" -> {
                OTResultMatrix result = OT.solve(matrix(golden.path("inputs").path("C")),
                        solveOptions(golden.path("params"), vectorOrNull(golden, "a"),
                                vectorOrNull(golden, "b")));
                checkResult(golden, golden.path("outputs"), golden.path("inputs"), result);
                checkUnsupported(golden, result);
                checkPotConverged(golden);
            }
            case "solve_batch" -> {
                OTBatchResult result = OT.solveBatch(tensor(golden.path("inputs").path("C")),
                        batchOptions(golden.path("params"), golden));
                checkBatch(golden, result);
                for (OTResultMatrix problem : result.problems()) {
                    checkUnsupported(golden, problem);
                }
                checkPotConverged(golden);
            }
            case "solve_sample" -> {
                OTResultSample result = solveSample(golden, sampleOptions(golden.path("params"),
                        vectorOrNull(golden, "a"), vectorOrNull(golden, "b")));
                checkResult(golden, golden.path("outputs"), golden.path("inputs"), result);
                checkUnsupported(golden, result);
                checkPotConverged(golden);
            }
            default -> fail("unknown function " + function);
        }
    }

    // ---- options from params, exactly as passed ----

    private static SolveOptions solveOptions(JsonNode params, double[] a, double[] b) {
        requireKnown(params, SOLVE_PARAMS);
        SolveOptions options = SolveOptions.reg(params.path("reg").asDouble()).a(a).b(b);
        return common(params, options);
    }

    private static BatchSolveOptions batchOptions(JsonNode params, JsonNode golden) {
        requireKnown(params, SOLVE_PARAMS);
        JsonNode inputs = golden.path("inputs");
        BatchSolveOptions options = BatchSolveOptions.reg(params.path("reg").asDouble())
                .a(isNull(inputs.path("a")) ? null : matrix(inputs.path("a")))
                .b(isNull(inputs.path("b")) ? null : matrix(inputs.path("b")));
        return common(params, options);
    }

    private static SampleOptions sampleOptions(JsonNode params, double[] a, double[] b) {
        requireKnown(params, SAMPLE_PARAMS);
        SampleOptions options = SampleOptions.defaults().a(a).b(b);
        if (present(params, "reg")) {
            options = options.withReg(params.get("reg").asDouble());
        }
        if (present(params, "blur")) {
            options = options.withBlur(params.get("blur").asDouble());
        }
        if (present(params, "reach")) {
            options = options.reach(params.get("reach").asDouble());
        }
        if (present(params, "debias")) {
            options = options.debias(params.get("debias").asBoolean());
        }
        if (present(params, "cost")) {
            options = options.cost(params.get("cost").asText());
        }
        return common(params, options);
    }

    private static <T extends SinkhornOptions<T>> T common(JsonNode params, T options) {
        T result = options;
        if (present(params, "unbalanced")) {
            result = result.unbalanced(params.get("unbalanced").asDouble());
        }
        if (present(params, "unbalanced_type")) {
            result = result.unbalancedType(params.get("unbalanced_type").asText());
        }
        if (present(params, "method")) {
            result = result.method(params.get("method").asText());
        }
        if (present(params, "max_iter")) {
            assertTrue(params.get("max_iter").isIntegralNumber(), "max_iter must be an integer");
            result = result.maxIter(params.get("max_iter").asInt());
        }
        if (present(params, "tol")) {
            result = result.tol(params.get("tol").asDouble());
        }
        return result;
    }

    private static void requireKnown(JsonNode params, Set<String> known) {
        for (String key : fieldNames(params)) {
            if (!known.contains(key)) {
                fail("unknown param '" + key + "': the runner does not know how to pass it");
            }
        }
    }

    private static OTResultSample solveSample(JsonNode golden, SampleOptions options) {
        JsonNode inputs = golden.path("inputs");
        return OT.solveSample(matrix(inputs.path("X_a")), matrix(inputs.path("X_b")), options);
    }

    // ---- error cases ----

    private static void checkRejectedCall(String function, JsonNode golden, JsonNode call) {
        String type = call.path("type").asText();
        String message = call.path("message").asText();
        JsonNode params = golden.path("params");
        JsonNode inputs = golden.path("inputs");
        if (ACCEPTED_UPSTREAM_ERRORS.containsKey(message)) {
            checkAcceptedCall(function, golden);
            return;
        }
        if (function.equals("solve_batch") && depth(inputs.path("C")) != 3) {
            // Upstream checks the number of dimensions at run time; Java's double[][][] parameter
            // makes a 2-D cost matrix a compile-time error, so no overload may accept it.
            assertEquals("ValueError", type);
            assertTrue(message.contains("should be an array with 3 dimensions"), message);
            assertTrue(Arrays.stream(OT.class.getMethods()).noneMatch(m -> m.getName()
                    .equals("solveBatch") && m.getParameterTypes()[0] != double[][][].class),
                    "solveBatch must only accept 3-D cost arrays");
            return;
        }
        Runnable attempt = switch (function) {
            case "solve" -> () -> OT.solve(matrix(inputs.path("C")), solveOptions(params,
                    vectorOrNull(golden, "a"), vectorOrNull(golden, "b")));
            case "solve_batch" -> () -> OT.solveBatch(tensor(inputs.path("C")),
                    batchOptions(params, golden));
            case "solve_sample" -> () -> solveSample(golden, sampleOptions(params,
                    vectorOrNull(golden, "a"), vectorOrNull(golden, "b")));
            default -> throw new AssertionError(function);
        };
        switch (type) {
            case "ValueError" -> {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        attempt::run);
                // Upstream's mass message lacks a space after its first sentence (quirk Q5).
                // Upstream's wording comes first; this port may append the values received.
                String upstream = message.replace("value.As", "value. As")
                        .replace("values.As", "values. As");
                assertTrue(e.getMessage().startsWith(upstream), () -> "expected upstream's \""
                        + upstream + "\" at the start of \"" + e.getMessage() + "\"");
            }
            case "NotImplementedError" -> {
                UnsupportedOperationException e = assertThrows(
                        UnsupportedOperationException.class, attempt::run);
                if (message.isEmpty()) {
                    // Upstream raises an empty NotImplementedError for costs; this port says why.
                    assertTrue(e.getMessage().contains("sqeuclidean"), e.getMessage());
                } else {
                    assertEquals(message, e.getMessage());
                }
            }
            case "TypeError" -> {
                // Upstream's raw "'<' not supported ... 'NoneType'" when reg and blur are missing.
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        attempt::run);
                assertTrue(e.getMessage().contains("'reg' (or 'blur') is required"), e.getMessage());
            }
            default -> fail("unknown error type " + type);
        }
    }

    /** A call upstream refuses but this port accepts: it must converge to the asked tolerance. */
    private static void checkAcceptedCall(String function, JsonNode golden) {
        JsonNode params = golden.path("params");
        OTResult result = switch (function) {
            case "solve" -> OT.solve(matrix(golden.path("inputs").path("C")), solveOptions(params,
                    vectorOrNull(golden, "a"), vectorOrNull(golden, "b")));
            case "solve_sample" -> solveSample(golden, sampleOptions(params,
                    vectorOrNull(golden, "a"), vectorOrNull(golden, "b")));
            default -> throw new AssertionError("no accepted error expected for " + function);
        };
        double mass = Math.max(sum(result.marginalA()), sum(result.marginalB()));
        double tol = present(params, "tol") ? params.get("tol").asDouble()
                : SinkhornOptions.DEFAULT_RELATIVE_TOL * mass;
        assertEquals(Convergence.CONVERGED, result.convergence());
        assertTrue(result.marginalError() <= 1.01 * tol,
                "marginal error " + result.marginalError() + " > tol " + tol);
        if (!present(params, "max_iter")) {
            assertTrue(result.iterations() > SinkhornOptions.DEFAULT_MAX_ITER - 1);
        }
    }

    // ---- outputs ----

    private static void checkResult(JsonNode golden, JsonNode outputs, JsonNode inputs,
                                    OTResult result) {
        for (String key : fieldNames(outputs)) {
            assertTrue(OUTPUTS.contains(key), "unknown output '" + key + "'");
            JsonNode expected = outputs.get(key);
            String what = golden.path("name").asText() + "." + key;
            switch (key) {
                case "value" -> TOLERANCE.check(what, expected.asDouble(), result.value());
                case "plan" -> TOLERANCE.check(what, matrix(expected), result.plan());
                case "density" -> TOLERANCE.check(what, matrix(expected), result.density());
                case "potential_a" -> TOLERANCE.check(what, vector(expected), result.potentialA());
                case "potential_b" -> TOLERANCE.check(what, vector(expected), result.potentialB());
                case "potential_aa" -> TOLERANCE.check(what, vector(expected),
                        result.potentialAA());
                case "potential_bb" -> TOLERANCE.check(what, vector(expected),
                        result.potentialBB());
                case "marginal_a" -> TOLERANCE.check(what, vector(expected), result.marginalA());
                case "marginal_b" -> TOLERANCE.check(what, vector(expected), result.marginalB());
                case "plan_operator_matvec" -> TOLERANCE.check(what, vector(expected),
                        result.planOperator().apply(vector(inputs.get("v"))));
                case "plan_operator_matmat" -> TOLERANCE.check(what, matrix(expected),
                        result.planOperator().apply(matrix(inputs.get("W"))));
                case "plan_operator_T_matvec" -> TOLERANCE.check(what, vector(expected),
                        result.planOperator().transpose().apply(vector(inputs.get("u"))));
                case "density_operator_matvec" -> TOLERANCE.check(what, vector(expected),
                        result.densityOperator().apply(vector(inputs.get("v"))));
                case "density_operator_T_matvec" -> TOLERANCE.check(what, vector(expected),
                        result.densityOperator().transpose().apply(vector(inputs.get("u"))));
                case "citation" -> assertEquals(collapse(expected.asText()),
                        collapse(result.citation()));
                default -> throw new AssertionError(key);
            }
        }
    }

    private static void checkBatch(JsonNode golden, OTBatchResult result) {
        JsonNode outputs = golden.path("outputs");
        JsonNode inputs = golden.path("inputs");
        int batch = result.size();
        assertEquals(golden.path("inputs").path("C").size(), batch);
        if (outputs.has("value")) {
            TOLERANCE.check(golden.path("name").asText() + ".value", vector(outputs.get("value")),
                    result.value());
        }
        for (int k = 0; k < batch; k++) {
            ObjectMapper mapper = new ObjectMapper();
            var problemOutputs = mapper.createObjectNode();
            for (String key : fieldNames(outputs)) {
                if (!key.equals("value") && !key.equals("citation")) {
                    problemOutputs.set(key, outputs.get(key).get(k));
                }
            }
            if (outputs.has("citation")) {
                problemOutputs.set("citation", outputs.get("citation"));
            }
            var problemInputs = mapper.createObjectNode();
            for (String key : List.of("v", "u", "W")) {
                if (inputs.has(key) && !isNull(inputs.get(key))) {
                    problemInputs.set(key, inputs.get(key).get(k));
                }
            }
            var named = mapper.createObjectNode().put("name",
                    golden.path("name").asText() + "[" + k + "]");
            checkResult(named, problemOutputs, problemInputs, result.get(k));
        }
    }

    // ---- unsupported attributes ----

    private static void checkUnsupported(JsonNode golden, OTResult result) {
        for (JsonNode entry : golden.path("unsupported")) {
            String name = entry.path("name").asText();
            String type = entry.path("type").asText();
            switch (name) {
                case "potential_aa", "potential_bb" -> {
                    assertEquals("ValueError", type);
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            name.equals("potential_aa") ? result::potentialAA : result::potentialBB);
                    assertEquals(entry.path("message").asText(), e.getMessage());
                }
                case "a_to_b", "b_to_a" -> {
                    assertEquals("None", type);
                    checkDisplacement(golden, result, name.equals("a_to_b"));
                }
                case "plan_operator_T_matvec" -> {
                    // Upstream's rescaled transpose fails for N != M (quirk Q4); this port implements
                    // pi^T u, checked against the golden plan.
                    assertEquals("AssertionError", type);
                    double[][] plan = result.plan();
                    assertTrue(plan.length != plan[0].length, "upstream fails only for N != M");
                    checkTransposedPlan(golden, result);
                }
                default -> fail("unknown unsupported entry '" + name + "'");
            }
        }
    }

    private static void checkTransposedPlan(JsonNode golden, OTResult result) {
        JsonNode inputs = golden.path("inputs");
        JsonNode outputs = golden.path("outputs");
        List<double[][]> plans = new ArrayList<>();
        List<double[]> us = new ArrayList<>();
        if (golden.path("function").asText().equals("solve_batch")) {
            int k = indexOf(golden, result);
            plans.add(matrix(outputs.get("plan").get(k)));
            us.add(vector(inputs.get("u").get(k)));
        } else {
            plans.add(matrix(outputs.get("plan")));
            us.add(vector(inputs.get("u")));
        }
        double[][] plan = plans.get(0);
        double[] u = us.get(0);
        double[] expected = new double[plan[0].length];
        for (int i = 0; i < plan.length; i++) {
            for (int j = 0; j < plan[0].length; j++) {
                expected[j] += plan[i][j] * u[i];
            }
        }
        TOLERANCE.check(golden.path("name").asText() + ".plan_operator.T @ u", expected,
                result.planOperator().transpose().apply(u));
    }

    private static int indexOf(JsonNode golden, OTResult result) {
        JsonNode potentials = golden.path("outputs").path("potential_a");
        double[] mine = result.potentialA();
        for (int k = 0; k < potentials.size(); k++) {
            if (Arrays.equals(vector(potentials.get(k)), mine)
                    || maxDiff(vector(potentials.get(k)), mine) <= 1e-9 * (1 + maxAbs(mine))) {
                return k;
            }
        }
        throw new AssertionError("problem not found in the batch outputs");
    }

    /**
     * Upstream returns None for the displacements. Matrix results have no points, so the Java type
     * has no such method; sample results implement the barycentric map, checked against the
     * golden plan: {@code aToB_i = sum_j pi_ij y_j / sum_j pi_ij - x_i}.
     */
    private static void checkDisplacement(JsonNode golden, OTResult result, boolean aToB) {
        if (result instanceof OTResultMatrix) {
            assertFalse(Arrays.stream(OTResultMatrix.class.getMethods())
                    .anyMatch(m -> m.getName().equals("aToB") || m.getName().equals("bToA")));
            return;
        }
        OTResultSample sample = (OTResultSample) result;
        double[][] plan = matrix(golden.path("outputs").path("plan"));
        double[][] x = matrix(golden.path("inputs").path("X_a"));
        double[][] y = matrix(golden.path("inputs").path("X_b"));
        double[][] expected = aToB ? barycentric(plan, x, y) : barycentric(transpose(plan), y, x);
        double[][] actual = aToB ? sample.aToB() : sample.bToA();
        boolean massless = Arrays.stream(plan).flatMapToDouble(Arrays::stream).sum() == 0;
        if (!massless) {
            // Rows whose plan underflowed to 0 have no golden reference: skip them.
            List<double[]> e = new ArrayList<>();
            List<double[]> a = new ArrayList<>();
            double[][] rowSource = aToB ? plan : transpose(plan);
            for (int i = 0; i < expected.length; i++) {
                if (sum(rowSource[i]) > 1e-200) {
                    e.add(expected[i]);
                    a.add(actual[i]);
                }
            }
            new Tolerance(1e-7, 1e-10).check(golden.path("name").asText()
                    + (aToB ? ".aToB" : ".bToA"), e.toArray(double[][]::new),
                    a.toArray(double[][]::new));
        }
    }

    private static double[][] barycentric(double[][] plan, double[][] from, double[][] to) {
        double[][] result = new double[from.length][from[0].length];
        for (int i = 0; i < from.length; i++) {
            double mass = sum(plan[i]);
            for (int k = 0; k < from[0].length; k++) {
                double acc = 0;
                for (int j = 0; j < to.length; j++) {
                    acc += plan[i][j] * to[j][k];
                }
                result[i][k] = acc / mass - from[i][k];
            }
        }
        return result;
    }

    // ---- POT's converged references ----

    /**
     * With a tolerance, the plan and the entropic value must match POT's converged ones (log-domain
     * Sinkhorn, stopThr 1e-12) to about the tolerance.
     */
    private static void checkPotConverged(JsonNode golden) {
        JsonNode pot = golden.get("pot_converged");
        if (pot == null) {
            return;
        }
        double tol = 1e-10;
        String function = golden.path("function").asText();
        JsonNode params = golden.path("params");
        JsonNode inputs = golden.path("inputs");
        List<OTResult> results = new ArrayList<>();
        List<double[][]> plans = new ArrayList<>();
        switch (function) {
            case "solve" -> {
                results.add(OT.solve(matrix(inputs.path("C")), solveOptions(params,
                        vectorOrNull(golden, "a"), vectorOrNull(golden, "b")).tol(tol)));
                plans.add(matrix(pot.get("plan")));
            }
            case "solve_batch" -> {
                OTBatchResult batch = OT.solveBatch(tensor(inputs.path("C")),
                        batchOptions(params, golden).tol(tol));
                results.addAll(batch.problems());
                for (JsonNode plan : pot.get("plan")) {
                    plans.add(matrix(plan));
                }
            }
            case "solve_sample" -> {
                results.add(solveSample(golden, sampleOptions(params, vectorOrNull(golden, "a"),
                        vectorOrNull(golden, "b")).tol(tol)));
                plans.add(matrix(pot.get("plan")));
            }
            default -> throw new AssertionError(function);
        }
        double[] values = pot.get("entropic_value").isArray() ? vector(pot.get("entropic_value"))
                : new double[] {pot.get("entropic_value").asDouble()};
        for (int k = 0; k < results.size(); k++) {
            OTResult result = results.get(k);
            String what = golden.path("name").asText() + ".pot_converged[" + k + "]";
            assertEquals(Convergence.CONVERGED, result.convergence(), what);
            assertTrue(result.marginalError() <= 1.01 * tol, what + ": marginal error "
                    + result.marginalError());
            new Tolerance(0, tol).check(what + ".plan", plans.get(k), result.plan());
            // value is the Sinkhorn divergence when debiased; POT's entropic value is <a,f> + <b,g>.
            double entropic = dot(result.potentialA(), weights(golden, "a", k, result))
                    + dot(result.potentialB(), weights(golden, "b", k, result));
            new Tolerance(1e-8, 0).check(what + ".entropic_value", values[k], entropic);
            if (!result.debiased()) {
                assertEquals(entropic, result.value(), 1e-12 * Math.abs(entropic));
            }
        }
    }

    // ---- internals: the schedule ----

    private static void checkInternals(JsonNode internals) {
        if (internals.isMissingNode() || !internals.has("eps_list")) {
            return;
        }
        double[] schedule = org.geomloss.sinkhorn.EpsilonSchedule.geomspace(
                internals.get("maxmin_cost").asDouble(), internals.get("eps").asDouble(),
                internals.get("n_iter").asInt());
        new Tolerance(1e-14, 0).check("eps_list", vector(internals.get("eps_list")), schedule);
    }

    // ---- JSON helpers ----

    private static JsonNode unsupported(JsonNode golden, String name) {
        for (JsonNode entry : golden.path("unsupported")) {
            if (entry.path("name").asText().equals(name)) {
                return entry;
            }
        }
        return null;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static boolean present(JsonNode params, String key) {
        return params.has(key) && !params.get(key).isNull();
    }

    private static boolean isNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static int depth(JsonNode node) {
        int depth = 0;
        while (node.isArray()) {
            depth++;
            node = node.get(0);
        }
        return depth;
    }

    private static double[] vector(JsonNode node) {
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(node.get(i));
        }
        return values;
    }

    private static double[] vectorOrNull(JsonNode golden, String key) {
        JsonNode node = golden.path("inputs").get(key);
        return isNull(node) ? null : vector(node);
    }

    private static double[][] matrix(JsonNode node) {
        return nested(node, OTGoldenTest::vector, double[][]::new);
    }

    private static double[][][] tensor(JsonNode node) {
        return nested(node, OTGoldenTest::matrix, double[][][]::new);
    }

    private static <T> T[] nested(JsonNode node, Function<JsonNode, T> element,
                                  java.util.function.IntFunction<T[]> array) {
        T[] result = array.apply(node.size());
        for (int i = 0; i < result.length; i++) {
            result[i] = element.apply(node.get(i));
        }
        return result;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static String collapse(String text) {
        return text.trim().replaceAll("\\s+", " ");
    }

    private static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }

    /** The weights of problem {@code k} as given, or uniform. */
    private static double[] weights(JsonNode golden, String name, int k, OTResult result) {
        JsonNode node = golden.path("inputs").get(name);
        if (isNull(node)) {
            int size = name.equals("a") ? result.potentialA().length : result.potentialB().length;
            double[] uniform = new double[size];
            Arrays.fill(uniform, 1.0 / size);
            return uniform;
        }
        return golden.path("function").asText().equals("solve_batch") ? vector(node.get(k))
                : vector(node);
    }

    private static double dot(double[] x, double[] y) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            total += x[i] * y[i];
        }
        return total;
    }

    private static double maxAbs(double[] values) {
        return Arrays.stream(values).map(Math::abs).max().orElse(0);
    }

    private static double maxDiff(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
