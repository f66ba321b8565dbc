package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.Backend;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.gallery.GallerySetting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code geomloss demo} (also what {@code geomloss} runs without arguments): the nine losses of the
 * gallery between two built-in 2D shapes and two built-in 3D shapes, with each value, gradient norm
 * and time.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Prints the value, gradient norm |dL/dx| and time of the gallery's nine losses "
                + "between built-in shapes: a crescent and a ring in 2D (GeomLoss's gradient-flow "
                + "data), a sphere and a torus in 3D.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--n", paramLabel = "N", defaultValue = "1000",
            description = "Points in each shape (default: ${DEFAULT-VALUE}).")
    int n;

    @Mixin
    GalleryBackendOption backend;

    @Mixin
    SeedOption seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InputChecks.atLeastOne("--n", n);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "GeomLoss for Java: losses between built-in shapes, N = M = %d%n", n);
        Backend chosen = backend.value();
        table(out, "2D crescent -> ring", Measure.of(BuiltInShapes.crescent(n, seed.value())),
                Measure.of(BuiltInShapes.ring(n, seed.value() + 1)), chosen);
        table(out, "3D sphere -> torus", Measure.of(BuiltInShapes.sphere(n, 1.0, seed.value())),
                Measure.of(BuiltInShapes.torus(n, 1.0, 0.35, seed.value() + 1)), chosen);
        out.println();
        out.println("More: ./geomloss --help; ./geomloss gallery, plan, register (pictures); "
                + "./geomloss loss X Y and ./geomloss ot X Y (your own .npy or .csv clouds).");
        out.flush();
        return 0;
    }

    private static void table(PrintWriter out, String title, Measure x, Measure y,
                              Backend backend) {
        out.println();
        out.println(title);
        out.printf(Locale.ROOT, "  %-50s %14s %12s %9s  %s%n", "loss", "value", "|dL/dx|", "ms",
                "backend");
        for (GallerySetting setting : GallerySetting.values()) {
            SamplesLoss loss = setting.samplesLoss(backend);
            long start = System.nanoTime();
            LossGradients result = loss.valueAndGradients(x, y);
            double millis = (System.nanoTime() - start) / 1e6;
            out.printf(Locale.ROOT, "  %-50s %14.6e %12.4e %9.1f  %s on %s%n", setting.label(),
                    result.value(), LossCommand.norm(result.gradX()), millis,
                    result.backendUsed().geomlossName(), result.device());
            out.flush();
        }
    }
}
