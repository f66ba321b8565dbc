package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.Measure;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.io.PointCloudInput;
import org.geomloss.examples.transport.TransportPlan;
import org.geomloss.examples.transport.TransportPlanExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss plan}: the transport-plan example. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draws the entropic OT plan between two 2D clouds (built-in crescent and "
                + "ring, or files) as segments, and the barycentric (Brenier) map, into a PNG; "
                + "prints the raw OT cost and how well the plan's marginals match the weights.")
final class PlanCommand implements Callable<Integer> {

    @Option(names = "--x", paramLabel = "FILE", description = "Source points, N x 2 (default: "
            + "built-in crescent).")
    Path xFile;

    @Option(names = "--y", paramLabel = "FILE", description = "Target points, M x 2 (default: "
            + "built-in ring).")
    Path yFile;

    @Option(names = "--n", paramLabel = "N", defaultValue = "150",
            description = "Points of each built-in cloud (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--p", paramLabel = "P", defaultValue = "2", description = "Cost exponent, 1 "
            + "or 2 (default: ${DEFAULT-VALUE}).")
    int p;

    @Option(names = "--blur", paramLabel = "B", defaultValue = "0.05",
            description = "Blur, eps = blur^p (default: ${DEFAULT-VALUE}).")
    double blur;

    @Option(names = "--scaling", paramLabel = "S", defaultValue = "0.9",
            description = "Annealing ratio; close to 1 for accurate marginals "
                    + "(default: ${DEFAULT-VALUE}).")
    double scaling;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "transport_plan.png",
            description = "Picture to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: 0).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        Measure x = xFile != null ? PointCloudInput.read(xFile, null, null)
                : Measure.of(BuiltInShapes.crescent(n, seed));
        Measure y = yFile != null ? PointCloudInput.read(yFile, null, null)
                : Measure.of(BuiltInShapes.ring(n, seed + 1));
        TransportPlanExample.Result result = new TransportPlanExample(p, blur, scaling).run(x, y);
        result.picture().save(out);
        TransportPlan plan = result.plan();
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "OT_eps(a, b) = %.6e (p = %d, blur = %s), N = %d, M = %d%n",
                result.cost(), p, blur, x.count(), y.count());
        printer.printf(Locale.ROOT, "marginal errors: |pi 1 - a|_1 = %.2e, |pi^T 1 - b|_1 = %.2e%n",
                l1Distance(plan.rowSums(), x.weights()), l1Distance(plan.columnSums(), y.weights()));
        printer.printf(Locale.ROOT, "wrote %s%n", out);
        printer.flush();
        return 0;
    }

    private static double l1Distance(double[] u, double[] v) {
        double sum = 0.0;
        for (int k = 0; k < u.length; k++) {
            sum += Math.abs(u[k] - v[k]);
        }
        return sum;
    }
}
