package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.Measure;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.data.Coordinates;
import org.geomloss.examples.multiscale.KernelTruncationExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss truncation}: clusters and the blocks kept by kernel truncation. */
@Command(name = "truncation", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draws the multiscale backend's clustering and kernel truncation (GeomLoss's "
                + "plot_optimal_transport_cluster and plot_kernel_truncation) between the built-in "
                + "crescent and ring moved onto each other (same mean): the clusters, then the kept cluster pairs as a block matrix at several blurs.")
final class TruncationCommand implements Callable<Integer> {

    @Option(names = "--n", paramLabel = "N", defaultValue = "2000",
            description = "Points of each cloud (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--cluster-scale", paramLabel = "S", defaultValue = "0.02",
            description = "Side of the voxels (default: ${DEFAULT-VALUE}).")
    double clusterScale;

    @Option(names = "--truncate", paramLabel = "T", defaultValue = "5",
            description = "Truncation threshold in units of eps (default: ${DEFAULT-VALUE}).")
    double truncate;

    @Option(names = "--blur", paramLabel = "B", split = ",", defaultValue = "0.1,0.05,0.02",
            description = "Blurs (default: ${DEFAULT-VALUE}).")
    double[] blurs;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "kernel_truncation.png",
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
        KernelTruncationExample.Result result = new KernelTruncationExample(clusterScale, truncate,
                blurs).run(x, y);
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "%d x %d clusters of side %s%n", result.x().clusterCount(),
                result.y().clusterCount(), clusterScale);
        for (KernelTruncationExample.Truncation truncation : result.truncations()) {
            printer.printf(Locale.ROOT, "blur %-5s kept %5.1f%% of cluster pairs, %5.1f%% of "
                            + "point pairs%n", truncation.blur(),
                    100 * truncation.kept().clusterFraction(),
                    100 * truncation.kept().pointFraction());
        }
        result.figure().save(out);
        printer.printf(Locale.ROOT, "wrote %s%n", out);
        printer.flush();
        return 0;
    }
}
