package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.Measure;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.data.Coordinates;
import org.geomloss.examples.multiscale.TransportBlurExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss blurs}: the transport plan at several blurs. */
@Command(name = "blurs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draws the entropic OT plan (OT.solveSample) between the built-in crescent "
                + "and ring, moved onto each other (same mean), at several blurs (GeomLoss's plot_transport_blur): from a blurred "
                + "coupling to a near one-to-one matching.")
final class BlursCommand implements Callable<Integer> {

    @Option(names = "--n", paramLabel = "N", defaultValue = "100",
            description = "Points of each cloud (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--blur", paramLabel = "B", split = ",", defaultValue = "0.2,0.1,0.05,0.02",
            description = "Blurs, eps = 2 blur^2 (default: ${DEFAULT-VALUE}).")
    double[] blurs;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "transport_blur.png",
            description = "Picture to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    SeedOption seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InputChecks.atLeastOne("--n", n);
        Measure x = Coordinates.centredMeasure(BuiltInShapes.crescent(n, seed.value()));
        Measure y = Coordinates.centredMeasure(BuiltInShapes.ring(n, seed.value() + 1));
        TransportBlurExample.Result result = new TransportBlurExample(blurs).run(x, y);
        PrintWriter printer = spec.commandLine().getOut();
        for (int b = 0; b < blurs.length; b++) {
            printer.printf(Locale.ROOT, "blur %-5s OT_eps = %.4e, %d iterations, %s%n", blurs[b],
                    result.solutions().get(b).value(), result.solutions().get(b).iterations(),
                    result.solutions().get(b).convergence());
        }
        result.figure().save(out);
        printer.printf(Locale.ROOT, "wrote %s%n", out);
        printer.flush();
        return 0;
    }
}
