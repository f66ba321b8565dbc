package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.Measure;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.data.DensityImage;
import org.geomloss.examples.data.DensitySampler;
import org.geomloss.examples.gallery.Gallery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code geomloss gallery}: GeomLoss's "Gradient flows in 2D" page, one PNG per loss.
 */
@Command(name = "gallery", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Writes GeomLoss's 'Gradient flows in 2D' gallery: for each of nine losses, the flow "
                    + "x_i <- x_i - lr * dL/dx_i / a_i (lr = 0.05, 101 steps) of the source (red) "
                    + "toward the target (blue), as one PNG of six snapshots (t = 0, 0.25, 0.5, 1, "
                    + "2, 5) with the seconds per iteration.",
            "The densities are built-in pictures (a crescent and a ring) or any grayscale PNGs "
                    + "(black = dense, bottom row = y 0)."})
final class GalleryCommand implements Callable<Integer> {

    @Option(names = "--n", paramLabel = "N", defaultValue = "1000",
            description = "Points sampled from each density (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "gallery",
            description = "Folder of the PNGs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--source", paramLabel = "PNG",
            description = "Grayscale picture of the source density (default: built-in crescent).")
    Path source;

    @Option(names = "--target", paramLabel = "PNG",
            description = "Grayscale picture of the target density (default: built-in ring).")
    Path target;

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
        Gallery gallery = new Gallery(flowOptions.flow(), flowOptions.selected(), backend.value());
        FileRoles files = new FileRoles().input("--source", source).input("--target", target);
        gallery.files(out).forEach(file -> files.output("--out", file));
        files.check();
        PrintWriter printer = spec.commandLine().getOut();
        DensityImage sourceDensity = source == null
                ? DensityImage.fromImage(BuiltInShapes.crescentPicture()) : DensityImage.read(source);
        DensityImage targetDensity = target == null
                ? DensityImage.fromImage(BuiltInShapes.ringPicture()) : DensityImage.read(target);
        Measure x = Measure.of(new DensitySampler(sourceDensity, seed.value()).sample(n));
        Measure y = Measure.of(new DensitySampler(targetDensity, seed.value() + 1).sample(n));
        printer.printf(Locale.ROOT, "Gradient flows in 2D, N = M = %d, into %s%n", n, out);
        long start = System.nanoTime();
        int flows = flowOptions.selected().size();
        int[] done = {0};
        try (TerminalProgressLine progress = TerminalProgressLine.onStandardError()) {
            gallery.run(x, y, out, entry -> {
                progress.erase();
                printer.printf(Locale.ROOT, "  %-50s %8.4f s/it  loss %.4e -> %.4e  %s%n",
                        entry.setting().label(), entry.secondsPerIteration(), entry.firstLoss(),
                        entry.lastLoss(), entry.file());
                printer.flush();
                progress.count("gradient flows", ++done[0], flows, "flows");
            });
        }
        printer.printf(Locale.ROOT, "Total: %.1f s%n", (System.nanoTime() - start) / 1e9);
        printer.flush();
        return 0;
    }
}
