package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.geomloss.DualPotentials;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.io.NumericMatrix;
import org.geomloss.examples.io.PointCloudInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code geomloss loss X Y [options]}: one {@link SamplesLoss} between two point clouds read from
 * files, printed as one line of JSON; gradients and potentials optionally written to files.
 */
@Command(name = "loss", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Computes SamplesLoss(x, y) between two point clouds and prints one line of JSON: the "
                    + "value, the seconds it took (loss and gradients, or the value alone with "
                    + "--value-only), the backend and device that ran, the parameters.",
            "Files: .npy (float32 '<f4' or float64 '<f8', shape (N, D), format 1.0 to 3.0) or .csv "
                    + "(one point per line, comma-separated, optional header line). Weights default "
                    + "to 1/N."})
final class LossCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "X", description = "Source points, N x D (.npy or .csv).")
    Path xFile;

    @Parameters(index = "1", paramLabel = "Y", description = "Target points, M x D (.npy or .csv).")
    Path yFile;

    @Option(names = "--x-weights", paramLabel = "FILE",
            description = "Weights of X: N values, shape (N,) or (N, 1) (.npy or .csv).")
    Path xWeights;

    @Option(names = "--y-weights", paramLabel = "FILE", description = "Weights of Y: M values.")
    Path yWeights;

    @Option(names = "--x-weight-column", paramLabel = "K",
            description = "Column of X that holds the weights instead of a coordinate (0-based; -1 "
                    + "is the last).")
    Integer xWeightColumn;

    @Option(names = "--y-weight-column", paramLabel = "K",
            description = "Column of Y that holds the weights.")
    Integer yWeightColumn;

    @Mixin
    LossOptions options;

    @Option(names = "--grad-x", paramLabel = "FILE", description = "Write dL/dx, N x D.")
    Path gradX;

    @Option(names = "--grad-y", paramLabel = "FILE", description = "Write dL/dy, M x D.")
    Path gradY;

    @Option(names = "--grad-a", paramLabel = "FILE", description = "Write dL/da, shape (N,).")
    Path gradA;

    @Option(names = "--grad-b", paramLabel = "FILE", description = "Write dL/db, shape (M,).")
    Path gradB;

    @Option(names = "--potential-x", paramLabel = "FILE",
            description = "Write the dual potential F on x, shape (N,) (GeomLoss's potentials=True).")
    Path potentialX;

    @Option(names = "--potential-y", paramLabel = "FILE",
            description = "Write the dual potential G on y, shape (M,).")
    Path potentialY;

    @Mixin
    DtypeOption dtype;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "1",
            description = "Run R times and report the fastest (the first run includes JIT "
                    + "warm-up) (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--value-only",
            description = "Time the value alone, without gradients (as peers that return a number);"
                    + " the gradient outputs are then refused.")
    boolean valueOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new FileRoles().input("X", xFile).input("Y", yFile).input("--x-weights", xWeights)
                .input("--y-weights", yWeights).output("--grad-x", gradX).output("--grad-y", gradY)
                .output("--grad-a", gradA).output("--grad-b", gradB)
                .output("--potential-x", potentialX).output("--potential-y", potentialY).check();
        RepeatTimer timer = new RepeatTimer(repeat);
        ArrayWriter arrays = dtype.writer();
        TerminalProgressLine progress = TerminalProgressLine.onStandardError();
        SamplesLoss loss = options.build(progress);
        Measure x = PointCloudInput.read(xFile, xWeights, xWeightColumn);
        Measure y = PointCloudInput.read(yFile, yWeights, yWeightColumn);
        InputChecks.sameDimension(xFile, x.dimension(), yFile, y.dimension());
        if (valueOnly && (gradX != null || gradY != null || gradA != null || gradB != null)) {
            throw new IllegalArgumentException("--value-only computes no gradients: drop it or the "
                    + "--grad-* options");
        }
        LossGradients result;
        double value;
        DualPotentials potentials;
        try {
            result = valueOnly ? null : timer.time(() -> loss.valueAndGradients(x, y));
            value = valueOnly ? timer.time(() -> loss.value(x, y)) : result.value();
            potentials = valueOnly || potentialX != null || potentialY != null
                    ? loss.potentials(x, y) : null;
        } finally {
            progress.close();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "loss");
        json.put("value", value);
        timer.report(json);
        json.put("timed", valueOnly ? "value" : "value and gradients");
        json.put("backend", (result != null ? result.backendUsed() : potentials.backendUsed())
                .geomlossName());
        json.put("device", loss.device().description());
        json.put("x", cloud(xFile, x));
        json.put("y", cloud(yFile, y));
        if (result != null) {
            json.put("grad_x_norm", norm(result.gradX()));
        }
        json.put("parameters", options.parameters());
        int d = x.dimension();
        if (result != null) {
            arrays.write("grad_x", gradX, NumericMatrix.of(x.count(), d, result.gradX()));
            arrays.write("grad_y", gradY, NumericMatrix.of(y.count(), d, result.gradY()));
            arrays.write("grad_a", gradA, NumericMatrix.vector(result.gradA()));
            arrays.write("grad_b", gradB, NumericMatrix.vector(result.gradB()));
        }
        if (potentials != null) {
            arrays.write("potential_x", potentialX, NumericMatrix.vector(potentials.f()));
            arrays.write("potential_y", potentialY, NumericMatrix.vector(potentials.g()));
        }
        json.put("written", arrays.written());
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.write(json));
        out.flush();
        return 0;
    }

    private static Map<String, Object> cloud(Path file, Measure measure) {
        Map<String, Object> cloud = new LinkedHashMap<>();
        cloud.put("file", file.toString());
        cloud.put("points", measure.count());
        cloud.put("dimension", measure.dimension());
        cloud.put("mass", measure.totalMass());
        return cloud;
    }

    static double norm(double[] values) {
        double sum = 0.0;
        for (double value : values) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
