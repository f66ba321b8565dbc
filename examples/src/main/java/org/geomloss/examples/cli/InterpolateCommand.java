package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.Measure;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.io.PointCloudInput;
import org.geomloss.examples.transport.Interpolation3D;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss interpolate}: displacement interpolation between two 3D clouds. */
@Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draws the displacement (McCann) interpolation x(t) = (1-t) x + t T(x) "
                + "between two 3D clouds, T the barycentric map of the entropic OT plan (GeomLoss's "
                + "plot_interpolation_3D): frames from t = 0 to 1 in top and side projections, "
                + "built-in sphere to torus or any two files.")
final class InterpolateCommand implements Callable<Integer> {

    @Option(names = "--x", paramLabel = "FILE", description = "Source points, N x 3 (default: "
            + "built-in sphere).")
    Path xFile;

    @Option(names = "--y", paramLabel = "FILE", description = "Target points, M x 3 (default: "
            + "built-in torus).")
    Path yFile;

    @Option(names = "--n", paramLabel = "N", defaultValue = "2000",
            description = "Points of each built-in cloud (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--blur", paramLabel = "B", defaultValue = "0.01",
            description = "Blur, eps = blur^2 for the cost |x-y|^2/2 (default: ${DEFAULT-VALUE}).")
    double blur;

    @Option(names = "--frames", paramLabel = "F", defaultValue = "5",
            description = "Frames from t = 0 to t = 1 (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "interpolation_3d.png",
            description = "Picture to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    SeedOption seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InputChecks.atLeastOne("--n", n);
        InputChecks.atLeast("--frames", frames, 2);
        Measure x = xFile != null ? PointCloudInput.read(xFile, null, null)
                : Measure.of(BuiltInShapes.sphere(n, 0.6, seed.value()));
        Measure y = yFile != null ? PointCloudInput.read(yFile, null, null)
                : Measure.of(BuiltInShapes.torus(n, 0.8, 0.3, seed.value() + 1));
        long start = System.nanoTime();
        Interpolation3D.Result result = new Interpolation3D(blur, frames).run(x, y);
        result.figure().save(out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "OT_eps = %.4e, N = %d, M = %d, %.2f s, wrote %s%n",
                result.value(), x.count(), y.count(), (System.nanoTime() - start) / 1e9, out);
        printer.flush();
        return 0;
    }
}
