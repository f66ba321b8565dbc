package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.Measure;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.io.PointCloudInput;
import org.geomloss.examples.transport.TransportPlanExample;
import org.geomloss.ot.OTResultSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss plan}: the transport-plan example. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draws the entropic OT plan between two 2D clouds (built-in crescent and "
                + "ring, or files), solved by OT.solveSample, as segments, and the barycentric "
                + "(Brenier) map, into a PNG; prints the OT cost, the iterations and the marginal "
                + "error.")
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

    @Option(names = "--blur", paramLabel = "B", defaultValue = "0.05",
            description = "Blur, eps = 2 blur^2 for the cost |x-y|^2 (default: ${DEFAULT-VALUE}).")
    double blur;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "transport_plan.png",
            description = "Picture to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    SeedOption seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new FileRoles().input("--x", xFile).input("--y", yFile).output("--out", out).check();
        InputChecks.atLeastOne("--n", n);
        Measure x = xFile != null ? PointCloudInput.read(xFile, null, null)
                : Measure.of(BuiltInShapes.crescent(n, seed.value()));
        Measure y = yFile != null ? PointCloudInput.read(yFile, null, null)
                : Measure.of(BuiltInShapes.ring(n, seed.value() + 1));
        TransportPlanExample.Result example = new TransportPlanExample(blur).run(x, y);
        example.picture().save(out);
        OTResultSample result = example.result();
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "OT_eps(a, b) = %.6e for |x-y|^2, eps = %.3e (blur %s), "
                + "N = %d, M = %d%n", result.value(), result.reg(), blur, x.count(), y.count());
        printer.printf(Locale.ROOT, "%d iterations, %s, marginal error %.2e%n",
                result.iterations(), result.convergence(), result.marginalError());
        printer.printf(Locale.ROOT, "wrote %s%n", out);
        printer.flush();
        return 0;
    }
}
