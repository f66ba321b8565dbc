package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.Measure;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.multiscale.EpsilonScalingExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss scaling}: the epsilon-scaling schedule and its accuracy. */
@Command(name = "scaling", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draws the epsilon-scaling schedule of the Sinkhorn loop (GeomLoss's "
                + "plot_epsilon_scaling) for several scalings, and the relative error of the "
                + "Sinkhorn divergence against the iterations it took, between the built-in "
                + "crescent and ring (2D).")
final class ScalingCommand implements Callable<Integer> {

    @Option(names = "--n", paramLabel = "N", defaultValue = "1000",
            description = "Points of each cloud (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--blur", paramLabel = "B", split = ",", defaultValue = "0.05,0.02",
            description = "Blurs (default: ${DEFAULT-VALUE}).")
    double[] blurs;

    @Option(names = "--scaling", paramLabel = "S", split = ",",
            defaultValue = "0.3,0.5,0.7,0.8,0.9,0.95",
            description = "Scalings, each in (0, 1) (default: ${DEFAULT-VALUE}).")
    double[] scalings;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "epsilon_scaling.png",
            description = "Picture to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    SeedOption seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InputChecks.atLeastOne("--n", n);
        Measure x = Measure.of(BuiltInShapes.crescent(n, seed.value()));
        Measure y = Measure.of(BuiltInShapes.ring(n, seed.value() + 1));
        EpsilonScalingExample.Result result = new EpsilonScalingExample(blurs, scalings)
                .run(x, y, Math.sqrt(2));
        PrintWriter printer = spec.commandLine().getOut();
        for (EpsilonScalingExample.Run run : result.runs()) {
            printer.printf(Locale.ROOT, "blur %-5s scaling %-5s %4d iterations  S = %.6e  "
                            + "converged %.6e  relative error %.1e%n", run.blur(), run.scaling(),
                    run.iterations(), run.value(), run.reference(), run.relativeError());
        }
        result.figure().save(out);
        printer.printf(Locale.ROOT, "wrote %s%n", out);
        printer.flush();
        return 0;
    }
}
