package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.geomloss.examples.io.ArrayFiles;
import org.geomloss.examples.io.NumericMatrix;
import org.geomloss.examples.io.PointCloudInput;
import org.geomloss.ot.OT;
import org.geomloss.ot.OTResult;
import org.geomloss.ot.OTResultSample;
import org.geomloss.ot.SampleOptions;
import org.geomloss.ot.SinkhornOptions;
import org.geomloss.ot.SolveOptions;
import org.geomloss.sinkhorn.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code geomloss ot}: GeomLoss's {@code ot.solve_sample} between two clouds ({@code ot X Y}), or
 * {@code ot.solve} on a cost matrix ({@code ot --cost-matrix C}), printed as one line of JSON, with
 * the plan, potentials, marginals and displacements optionally written to files.
 */
@Command(name = "ot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Entropic optimal transport with its plan (GeomLoss's geomloss.ot): solve_sample between "
                    + "two point clouds X and Y for the cost |x-y|^2, or solve on an N x M cost "
                    + "matrix (--cost-matrix). Prints one line of JSON: the value, the iterations, "
                    + "the convergence and marginal error, the seconds of the solve, the "
                    + "backend.",
            "Give the temperature as --reg (eps) or --blur (eps = 2 blur^2, point clouds only); "
                    + "unbalanced OT with --unbalanced (rho) or --reach (rho = 2 reach^2)."})
final class OtCommand implements Callable<Integer> {

    @Parameters(arity = "0..2", paramLabel = "X Y",
            description = "Source and target points, N x D and M x D (.npy or .csv).")
    Path[] clouds;

    @Option(names = "--cost-matrix", paramLabel = "FILE",
            description = "Solve on this N x M cost matrix instead of two clouds (ot.solve).")
    Path costMatrix;

    @Option(names = "--x-weights", paramLabel = "FILE", description = "Source weights a (N values).")
    Path xWeights;

    @Option(names = "--y-weights", paramLabel = "FILE", description = "Target weights b (M values).")
    Path yWeights;

    @Option(names = "--reg", paramLabel = "EPS", description = "Temperature eps > 0.")
    Double reg;

    @Option(names = "--blur", paramLabel = "S",
            description = "Blur sigma > 0 of point clouds: eps = 2 sigma^2.")
    Double blur;

    @Option(names = "--unbalanced", paramLabel = "RHO",
            description = "KL penalty rho > 0 on the marginals (default: balanced).")
    Double unbalanced;

    @Option(names = "--reach", paramLabel = "R",
            description = "Reach of point clouds: rho = 2 reach^2.")
    Double reach;

    @Option(names = "--debias", description = "Also solve OT(a,a) and OT(b,b): the value becomes the"
            + " Sinkhorn divergence (point clouds only).")
    boolean debias;

    @Option(names = "--max-iter", paramLabel = "N",
            description = "Annealing iterations (GeomLoss's max_iter; default "
                    + SinkhornOptions.DEFAULT_MAX_ITER + ").")
    Integer maxIter;

    @Option(names = "--tol", paramLabel = "T",
            description = "Marginal-error tolerance that stops the iterations (default: "
                    + SinkhornOptions.DEFAULT_RELATIVE_TOL + " times the mass, unless --max-iter "
                    + "alone asks for upstream's fixed schedule).")
    Double tol;

    @Option(names = "--max-extra-iter", paramLabel = "N",
            description = "Cap on the iterations a tolerance may add (default "
                    + SinkhornOptions.DEFAULT_MAX_EXTRA_ITER + ").")
    Integer maxExtraIter;

    @Option(names = "--float32", description = "Solve clouds on float32 coordinates with the fast "
            + "point kernels (default: float64).")
    boolean float32;

    @Option(names = "--plan", paramLabel = "FILE", description = "Write the N x M plan pi.")
    Path plan;

    @Option(names = "--potential-a", paramLabel = "FILE", description = "Write f, shape (N,).")
    Path potentialA;

    @Option(names = "--potential-b", paramLabel = "FILE", description = "Write g, shape (M,).")
    Path potentialB;

    @Option(names = "--marginal-a", paramLabel = "FILE", description = "Write pi 1, shape (N,).")
    Path marginalA;

    @Option(names = "--marginal-b", paramLabel = "FILE", description = "Write pi^T 1, shape (M,).")
    Path marginalB;

    @Option(names = "--a-to-b", paramLabel = "FILE",
            description = "Write the displacements of the source points, N x D (clouds only).")
    Path aToB;

    @Mixin
    DeviceOption device;

    @Mixin
    DtypeOption dtype;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "1",
            description = "Solve R times and report the fastest (the first run includes JIT "
                    + "warm-up) (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ArrayWriter arrays = dtype.writer();
        int count = clouds == null ? 0 : clouds.length;
        if ((costMatrix == null) == (count == 0)) {
            throw new IllegalArgumentException("give either two point clouds X Y or --cost-matrix C,"
                    + " got " + count + " point files" + (costMatrix != null ? " and a matrix" : ""));
        }
        if (costMatrix == null && count != 2) {
            throw new IllegalArgumentException("give two point clouds X Y, got only " + clouds[0]);
        }
        new FileRoles().input("X", count > 0 ? clouds[0] : null)
                .input("Y", count > 1 ? clouds[1] : null).input("--cost-matrix", costMatrix)
                .input("--x-weights", xWeights).input("--y-weights", yWeights).output("--plan", plan)
                .output("--potential-a", potentialA).output("--potential-b", potentialB)
                .output("--marginal-a", marginalA).output("--marginal-b", marginalB)
                .output("--a-to-b", aToB).check();
        RepeatTimer timer = new RepeatTimer(repeat);
        OTResult result;
        try (TerminalProgressLine progress = TerminalProgressLine.onStandardError()) {
            Supplier<OTResult> solver = costMatrix != null ? matrixSolver(progress)
                    : sampleSolver(progress);
            result = timer.time(() -> {
                OTResult solved = namingFiles(solver);
                solved.value(); // computed on first use: part of the solve's time
                return solved;
            });
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "ot");
        json.put("solver", costMatrix != null ? "solve" : "solve_sample");
        json.put("value", result.value());
        timer.report(json);
        json.put("reg", result.reg());
        json.put("unbalanced", result.unbalanced());
        json.put("debiased", result.debiased());
        json.put("iterations", result.iterations());
        json.put("convergence", result.convergence().name().toLowerCase(java.util.Locale.ROOT));
        json.put("marginal_error", result.marginalError());
        json.put("backend", result.backendUsed());
        if (plan != null) {
            arrays.write("plan", plan, matrix(result.plan()));
        }
        arrays.write("potential_a", potentialA, vector(result.potentialA()));
        arrays.write("potential_b", potentialB, vector(result.potentialB()));
        arrays.write("marginal_a", marginalA, vector(result.marginalA()));
        arrays.write("marginal_b", marginalB, vector(result.marginalB()));
        if (aToB != null) {
            if (!(result instanceof OTResultSample sample)) {
                throw new IllegalArgumentException("--a-to-b needs two point clouds, not a cost "
                        + "matrix");
            }
            arrays.write("a_to_b", aToB, matrix(sample.aToB()));
        }
        json.put("written", arrays.written());
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.write(json));
        out.flush();
        return 0;
    }

    /**
     * Runs {@code solver}; a refusal of an array read from a file gets the file's name in front
     * ({@code C.npy: C should be finite: ...}).
     */
    private OTResult namingFiles(Supplier<OTResult> solver) {
        try {
            return solver.get();
        } catch (IllegalArgumentException e) {
            Map<String, Path> arguments = new LinkedHashMap<>();
            arguments.put("C", costMatrix);
            boolean twoClouds = clouds != null && clouds.length == 2;
            arguments.put("X_a", twoClouds ? clouds[0] : null);
            arguments.put("X_b", twoClouds ? clouds[1] : null);
            arguments.put("a", xWeights);
            arguments.put("b", yWeights);
            String files = arguments.entrySet().stream()
                    .filter(argument -> argument.getValue() != null
                            && mentions(e.getMessage(), argument.getKey()))
                    .map(argument -> argument.getValue().toString())
                    .collect(Collectors.joining(", "));
            if (files.isEmpty()) {
                throw e;
            }
            throw new IllegalArgumentException(files + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a message of the ot solvers is about the argument {@code name}: it starts with the
     * name, quotes it, indexes it, or (names longer than one letter) contains it.
     */
    private static boolean mentions(String message, String name) {
        return message.startsWith(name + " ") || message.contains("'" + name + "'")
                || message.contains(name + "[") || (name.length() > 1 && message.contains(name));
    }

    private Supplier<OTResult> sampleSolver(ProgressListener progress) {
        PointCloudInput.WeightedPoints x = PointCloudInput.readPoints(clouds[0], xWeights, null);
        PointCloudInput.WeightedPoints y = PointCloudInput.readPoints(clouds[1], yWeights, null);
        InputChecks.sameDimension(clouds[0], x.points().columns(), clouds[1],
                y.points().columns());
        SampleOptions options = SampleOptions.defaults().a(x.weights()).b(y.weights())
                .debias(debias);
        if (reg != null) {
            options = options.withReg(reg);
        }
        if (blur != null) {
            options = options.withBlur(blur);
        }
        if (reach != null) {
            options = options.reach(reach);
        }
        SampleOptions solved = common(options, progress);
        if (float32) {
            float[][] xs = toFloats(x.rows());
            float[][] ys = toFloats(y.rows());
            return () -> OT.solveSample(xs, ys, solved);
        }
        double[][] xs = x.rows();
        double[][] ys = y.rows();
        return () -> OT.solveSample(xs, ys, solved);
    }

    private Supplier<OTResult> matrixSolver(ProgressListener progress) {
        if (blur != null || reach != null || debias || float32) {
            throw new IllegalArgumentException("--blur, --reach, --debias and --float32 apply to "
                    + "point clouds; a cost matrix takes --reg and --unbalanced");
        }
        if (reg == null) {
            throw new IllegalArgumentException("--cost-matrix needs --reg (the temperature eps)");
        }
        NumericMatrix table = ArrayFiles.read(costMatrix);
        double[][] cost = new double[table.rows()][table.columns()];
        for (int i = 0; i < table.rows(); i++) {
            for (int j = 0; j < table.columns(); j++) {
                cost[i][j] = table.get(i, j);
            }
        }
        double[] a = xWeights == null ? null : weights(xWeights, table.rows(), "rows");
        double[] b = yWeights == null ? null : weights(yWeights, table.columns(), "columns");
        SolveOptions options = common(SolveOptions.reg(reg).a(a).b(b), progress);
        return () -> OT.solve(cost, options);
    }

    private <T extends SinkhornOptions<T>> T common(T options, ProgressListener progress) {
        T result = options.progress(progress).device(device.device());
        if (unbalanced != null) {
            result = result.unbalanced(unbalanced);
        }
        if (maxIter != null) {
            result = result.maxIter(maxIter);
        }
        if (tol != null) {
            result = result.tol(tol);
        }
        if (maxExtraIter != null) {
            result = result.maxExtraIter(maxExtraIter);
        }
        return result;
    }

    private double[] weights(Path file, int expected, String what) {
        NumericMatrix table = ArrayFiles.read(file);
        if (table.columns() != 1 || table.rows() != expected) {
            throw new IllegalArgumentException(file + ": " + table.shapeText() + " weights but "
                    + costMatrix + " has " + expected + " " + what);
        }
        return table.values();
    }

    private static float[][] toFloats(double[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new float[rows[i].length];
            for (int k = 0; k < rows[i].length; k++) {
                out[i][k] = (float) rows[i][k];
            }
        }
        return out;
    }

    private static NumericMatrix matrix(double[][] rows) {
        int columns = rows.length == 0 ? 1 : rows[0].length;
        double[] flat = new double[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * columns, columns);
        }
        return NumericMatrix.of(rows.length, columns, flat);
    }

    private static NumericMatrix vector(double[] values) {
        return NumericMatrix.vector(values);
    }
}
