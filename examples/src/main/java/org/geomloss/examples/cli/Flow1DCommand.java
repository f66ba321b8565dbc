package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.Measure;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.gallery.GallerySetting;
import org.geomloss.examples.gallery.GradientFlow;
import org.geomloss.examples.gallery.GradientFlow1DFigure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss flow1d}: GeomLoss's "Gradient flows in 1D" page, one PNG. */
@Command(name = "flow1d", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes GeomLoss's 'Gradient flows in 1D': the flow of the gallery (lr 0.05, "
                + "101 steps) of a 1D source (two bumps on the left) toward a 1D target (a wide and "
                + "a narrow bump on the right) for each of the nine losses of 'gallery', drawn as "
                + "density curves at t = 0, 0.25, 0.5, 1, 2, 5 over the target's density.")
final class Flow1DCommand implements Callable<Integer> {

    @Option(names = "--n", paramLabel = "N", defaultValue = "1000",
            description = "Points of the source and of the target (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "gradient_flows_1d.png",
            description = "Picture to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    FlowOptions flowOptions;

    @Mixin
    GalleryBackendOption backend;

    @Mixin
    SeedOption seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InputChecks.atLeastOne("--n", n);
        PrintWriter printer = spec.commandLine().getOut();
        Measure x = Measure.ofFlat(BuiltInShapes.source1D(n, seed.value()), n, 1, null);
        double[] target = BuiltInShapes.target1D(n, seed.value() + 1);
        Measure y = Measure.ofFlat(target, n, 1, null);
        GradientFlow flow = flowOptions.flow();
        printer.printf(Locale.ROOT, "Gradient flows in 1D, N = M = %d%n", n);
        long start = System.nanoTime();
        List<GradientFlow1DFigure.Flow> flows = new ArrayList<>();
        for (GallerySetting setting : flowOptions.selected()) {
            GradientFlow.Result result = flow.run(setting.samplesLoss(backend.value()), x, y);
            double[] losses = result.losses();
            printer.printf(Locale.ROOT, "  %-50s %8.4f s/it  loss %.4e -> %.4e%n", setting.label(),
                    result.secondsPerIteration(), losses[0], losses[losses.length - 1]);
            printer.flush();
            flows.add(new GradientFlow1DFigure.Flow(setting.label(), result));
        }
        GradientFlow1DFigure.draw("Gradient flows in 1D: source density at times t (dark to "
                + "yellow), target filled", flows, target).save(out);
        printer.printf(Locale.ROOT, "Total: %.1f s, wrote %s%n", (System.nanoTime() - start) / 1e9,
                out);
        printer.flush();
        return 0;
    }
}
