package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.awt.image.BufferedImage;
import org.geomloss.examples.draw.PanelFigure;
import org.geomloss.Loss;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.data.Coordinates;
import org.geomloss.examples.data.DensityImage;
import org.geomloss.examples.data.DensitySampler;
import org.geomloss.examples.gallery.BarycenterFigure;
import org.geomloss.examples.gallery.GradientFlow;
import org.geomloss.examples.gallery.WassersteinBarycenter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss barycenters}: Wasserstein barycenters of 1D or 2D clouds. */
@Command(name = "barycenters", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Computes Wasserstein barycenters by gradient descent on the support positions with "
                    + "SamplesLoss (sinkhorn, p = 2), GeomLoss's plot_wasserstein_barycenters_1D/2D, "
                    + "starting from a uniform random cloud.",
            "--dimension 1: the barycenters (1-t) A + t B of two 1D densities, t = 0 to 1.",
            "--dimension 2: a grid whose corners are four 2D shapes (crescent, ring, square, three "
                    + "discs) and whose cells are barycenters with bilinear weights."})
final class BarycentersCommand implements Callable<Integer> {

    @Option(names = "--dimension", paramLabel = "D", defaultValue = "2",
            description = "1 or 2 (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--n", paramLabel = "N", defaultValue = "400",
            description = "Points of each input and of each barycenter (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--steps", paramLabel = "S", defaultValue = "8",
            description = "Gradient steps of size 1 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--blur", paramLabel = "B", defaultValue = "0.01",
            description = "Blur of the Sinkhorn divergence (default: ${DEFAULT-VALUE}).")
    double blur;

    @Option(names = "--grid", paramLabel = "G", defaultValue = "5",
            description = "1D: number of weights t; 2D: cells per side (default: ${DEFAULT-VALUE}).")
    int grid;

    @Option(names = "--out", paramLabel = "PNG",
            description = "Picture to write (default: wasserstein_barycenters_<D>d.png).")
    Path out;

    @Mixin
    SeedOption seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InputChecks.atLeastOne("--n", n);
        InputChecks.atLeastOne("--steps", steps);
        InputChecks.atLeast("--grid", grid, 2);
        if (dimension != 1 && dimension != 2) {
            throw new IllegalArgumentException("--dimension must be 1 or 2, got " + dimension);
        }
        Path file = out != null ? out : Path.of("wasserstein_barycenters_" + dimension + "d.png");
        SamplesLoss loss = SamplesLoss.builder().loss(Loss.SINKHORN).p(2).blur(blur).build();
        WassersteinBarycenter barycenter = new WassersteinBarycenter(loss,
                new GradientFlow(1.0, steps, 0));
        PrintWriter printer = spec.commandLine().getOut();
        long start = System.nanoTime();
        if (dimension == 1) {
            oneDimensional(barycenter, printer).save(file);
        } else {
            twoDimensional(barycenter, printer).save(file);
        }
        printer.printf(Locale.ROOT, "Total: %.1f s, wrote %s%n", (System.nanoTime() - start) / 1e9,
                file);
        printer.flush();
        return 0;
    }

    private PanelFigure oneDimensional(WassersteinBarycenter barycenter,
                                                                  PrintWriter printer) {
        double[] a = BuiltInShapes.source1D(n, seed.value());
        double[] b = BuiltInShapes.target1D(n, seed.value() + 1);
        List<Measure> inputs = List.of(Measure.ofFlat(a, n, 1, null), Measure.ofFlat(b, n, 1, null));
        Measure start = Measure.ofFlat(uniform(n, 1, seed.value() + 2), n, 1, null);
        List<BarycenterFigure.Barycenter1D> barycenters = new ArrayList<>();
        for (int k = 0; k < grid; k++) {
            double t = k / (grid - 1.0);
            GradientFlow.Result result = barycenter.run(start, inputs, new double[] {1 - t, t});
            report(printer, String.format(Locale.ROOT, "t = %.2f", t), result);
            barycenters.add(new BarycenterFigure.Barycenter1D(t, result.end()));
        }
        return BarycenterFigure.draw1D("Wasserstein barycenters in 1D: A red, B blue, barycenter "
                + "black", a, b, barycenters);
    }

    private PanelFigure twoDimensional(WassersteinBarycenter barycenter,
                                                                  PrintWriter printer) {
        BufferedImage[] pictures = {BuiltInShapes.crescentPicture(),
            BuiltInShapes.ringPicture(), BuiltInShapes.squarePicture(),
            BuiltInShapes.discsPicture()};
        List<Measure> inputs = new ArrayList<>();
        double[][] corners = new double[4][];
        for (int k = 0; k < 4; k++) {
            double[][] points = new DensitySampler(DensityImage.fromImage(pictures[k]),
                    seed.value() + k).sample(n);
            corners[k] = Coordinates.centred(points);
            inputs.add(Measure.ofFlat(corners[k], n, 2, null));
        }
        Measure start = Measure.ofFlat(uniform(n, 2, seed.value() + 4), n, 2, null);
        double[][][] cells = new double[grid][grid][];
        for (int row = 0; row < grid; row++) {
            for (int column = 0; column < grid; column++) {
                boolean corner = (row == 0 || row == grid - 1) && (column == 0 || column == grid - 1);
                if (corner) {
                    cells[row][column] = corners[2 * (row == 0 ? 0 : 1) + (column == 0 ? 0 : 1)];
                    continue;
                }
                double u = column / (grid - 1.0);
                double v = row / (grid - 1.0);
                double[] lambdas = {(1 - u) * (1 - v), u * (1 - v), (1 - u) * v, u * v};
                GradientFlow.Result result = barycenter.run(start, inputs, lambdas);
                report(printer, String.format(Locale.ROOT, "cell (%d, %d)", row, column), result);
                cells[row][column] = result.end();
            }
        }
        return BarycenterFigure.draw2D("Wasserstein barycenters in 2D, weights of A B C D",
                cells);
    }

    private static void report(PrintWriter printer, String what, GradientFlow.Result result) {
        double[] losses = result.losses();
        printer.printf(Locale.ROOT, "  %-14s loss %.4e -> %.4e  %.3f s/it%n", what, losses[0],
                losses[losses.length - 1], result.secondsPerIteration());
        printer.flush();
    }

    /** N points uniform in [0.2, 0.8]^D, flat. */
    private static double[] uniform(int n, int d, long seed) {
        Random random = new Random(seed);
        double[] points = new double[n * d];
        for (int k = 0; k < points.length; k++) {
            points[k] = 0.2 + 0.6 * random.nextDouble();
        }
        return points;
    }
}
