package org.geomloss.examples.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.examples.data.ColourScenes;
import org.geomloss.examples.data.PictureFile;
import org.geomloss.examples.transport.ColorTransfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss color}: colour transfer through the OT plan between two palettes. */
@Command(name = "color", aliases = "colour", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Recolours a picture with the palette of another (GeomLoss's "
                + "plot_optimal_transport_color): the pixels' colours are two clouds in the RGB "
                + "cube, each source colour moves to its barycentric image under the entropic OT "
                + "plan (the gradient of SamplesLoss with debias = false), at a large and a small blur; writes the pictures and the "
                + "colour clouds as one PNG.")
final class ColorCommand implements Callable<Integer> {

    @Option(names = "--source", paramLabel = "PICTURE",
            description = "Picture to recolour (default: built-in landscape by day).")
    Path source;

    @Option(names = "--target", paramLabel = "PICTURE",
            description = "Picture whose palette to use (default: built-in seascape at sunset).")
    Path target;

    @Option(names = "--size", paramLabel = "S", defaultValue = "64",
            description = "Both pictures are resampled to S x S pixels, S^2 colours each "
                    + "(default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--blur", paramLabel = "B", split = ",", defaultValue = "0.1,0.02",
            description = "Blurs, eps = 2 blur^2 (default: ${DEFAULT-VALUE}).")
    double[] blurs;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "color_transfer.png",
            description = "Picture to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    SeedOption seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InputChecks.atLeast("--size", size, 2);
        new FileRoles().input("--source", source).input("--target", target).output("--out", out)
                .check();
        BufferedImage from = ColorTransfer.resized(source == null
                ? ColourScenes.day(size, seed.value()) : PictureFile.read(source), size);
        BufferedImage to = ColorTransfer.resized(target == null
                ? ColourScenes.sunset(size, seed.value() + 1) : PictureFile.read(target), size);
        ColorTransfer.Result result = new ColorTransfer(blurs).run(from, to);
        PrintWriter printer = spec.commandLine().getOut();
        for (ColorTransfer.Recolouring recolouring : result.recolourings()) {
            printer.printf(Locale.ROOT, "blur %s: OT_eps = %.4e, %.2f s%n", recolouring.blur(),
                    recolouring.value(), recolouring.seconds());
        }
        result.figure().save(out);
        printer.printf(Locale.ROOT, "wrote %s%n", out);
        printer.flush();
        return 0;
    }
}
