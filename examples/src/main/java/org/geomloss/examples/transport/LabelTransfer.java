package org.geomloss.examples.transport;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.geomloss.examples.draw.Palette;
import org.geomloss.examples.draw.Panel;
import org.geomloss.examples.draw.PanelFigure;
import org.geomloss.ot.LinearOperator;
import org.geomloss.ot.OT;
import org.geomloss.ot.OTResultSample;
import org.geomloss.ot.SampleOptions;

/**
 * Label transfer with optimal transport (GeomLoss's {@code plot_optimal_transport_labels}): the
 * points {@code x_i} of a labelled 2D cloud carry one-hot labels {@code l_i} in {@code R^K}; the
 * entropic OT plan {@code pi} to an unlabelled cloud {@code y_j} ({@link OT#solveSample}, cost
 * {@code |x - y|^2}, {@code eps = 2 blur^2}, default marginal tolerance) carries them over as
 * <pre>  L_j = sum_i pi_ij l_i / sum_i pi_ij</pre>
 * a probability over the K labels for each target point, drawn as the mix of the label colours.
 * Balanced OT must move every bit of mass, so when the classes' proportions differ between the two
 * clouds some target points receive a mix of labels; unbalanced OT (a {@code reach}) may leave
 * mass behind and keeps the labels cleaner.
 *
 * <p>Immutable and thread-safe.
 */
public final class LabelTransfer {

    private static final int PANEL_SIZE = 320;

    private final double blur;
    private final double reach;

    /** Transfers at {@code blur}, balanced and with {@code reach}. */
    public LabelTransfer(double blur, double reach) {
        if (!(blur > 0) || Double.isInfinite(blur)) {
            throw new IllegalArgumentException("blur must be > 0 and finite, got " + blur);
        }
        if (!(reach > 0) || Double.isInfinite(reach)) {
            throw new IllegalArgumentException("reach must be > 0 and finite, got " + reach);
        }
        this.blur = blur;
        this.reach = reach;
    }

    /**
     * A labelled source, an unlabelled target.
     *
     * @param x      the source points, N x 2
     * @param labels their labels, in {@code 0 .. K-1}
     * @param y      the target points, M x 2
     */
    public record Problem(double[][] x, int[] labels, double[][] y) {

        /** The number of labels, K. */
        public int labelCount() {
            int k = 0;
            for (int label : labels) {
                k = Math.max(k, label + 1);
            }
            return k;
        }
    }

    /**
     * One transfer.
     *
     * @param title         what was solved
     * @param result        the OT solution
     * @param probabilities M x K label probabilities of the target points
     */
    public record Transfer(String title, OTResultSample result, double[][] probabilities) {
    }

    /** The balanced and the unbalanced transfers, and the figure. */
    public record Result(List<Transfer> transfers, PanelFigure figure) {
    }

    /**
     * The built-in problem: three Gaussian blobs of labelled points, each label in one blob with
     * proportions 1/3, 1/3, 1/3; the target has three blobs near them with proportions 0.5, 0.3,
     * 0.2, so that balanced OT must send mass across blobs.
     */
    public static Problem builtIn(int n, long seed) {
        Random random = new Random(seed);
        double[][] sourceCentres = {{0.25, 0.3}, {0.5, 0.75}, {0.78, 0.32}};
        double[][] targetCentres = {{0.3, 0.45}, {0.62, 0.8}, {0.75, 0.5}};
        double[][] x = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            x[i] = gaussian(random, sourceCentres[labels[i]], 0.06);
        }
        double[] proportions = {0.5, 0.3, 0.2};
        double[][] y = new double[n][];
        for (int j = 0; j < n; j++) {
            double u = (j + 0.5) / n;
            int blob = u < proportions[0] ? 0 : u < proportions[0] + proportions[1] ? 1 : 2;
            y[j] = gaussian(random, targetCentres[blob], 0.05);
        }
        return new Problem(x, labels, y);
    }

    private static double[] gaussian(Random random, double[] centre, double deviation) {
        return new double[] {centre[0] + deviation * random.nextGaussian(),
            centre[1] + deviation * random.nextGaussian()};
    }

    /** Solves both transfers and draws them. */
    public Result run(Problem problem) {
        List<Transfer> transfers = new ArrayList<>();
        transfers.add(transfer(problem, SampleOptions.blur(blur),
                String.format(Locale.ROOT, "balanced OT, blur %s", blur)));
        transfers.add(transfer(problem, SampleOptions.blur(blur).reach(reach),
                String.format(Locale.ROOT, "unbalanced, blur %s, reach %s", blur, reach)));
        return new Result(List.copyOf(transfers), draw(problem, transfers));
    }

    private static Transfer transfer(Problem problem, SampleOptions options, String title) {
        OTResultSample result = OT.solveSample(problem.x(), problem.y(), options);
        int k = problem.labelCount();
        double[][] oneHot = new double[problem.x().length][k];
        for (int i = 0; i < oneHot.length; i++) {
            oneHot[i][problem.labels()[i]] = 1;
        }
        LinearOperator transposed = result.planOperator().transpose();
        double[][] carried = transposed.apply(oneHot);
        for (double[] row : carried) {
            double mass = 0;
            for (double value : row) {
                mass += value;
            }
            for (int c = 0; c < k; c++) {
                row[c] = mass > 0 ? row[c] / mass : 1.0 / k;
            }
        }
        return new Transfer(title, result, carried);
    }

    private static PanelFigure draw(Problem problem, List<Transfer> transfers) {
        double[] xs = flat(problem.x());
        double[] ys = flat(problem.y());
        PanelFigure figure = new PanelFigure(1, 2 + transfers.size(), PANEL_SIZE,
                "Label transfer: L_j = sum_i pi_ij l_i / sum_i pi_ij");
        double dot = 6;
        Color[] sourceColours = new Color[problem.labels().length];
        for (int i = 0; i < sourceColours.length; i++) {
            sourceColours[i] = Palette.category(problem.labels()[i]);
        }
        Panel source = figure.panel(0, 0, 0, 1, 0, 1);
        source.dots(xs, 2, 0, 1, sourceColours, dot);
        source.title("labelled source");
        source.border();
        Panel target = figure.panel(0, 1, 0, 1, 0, 1);
        target.dots(ys, 2, 0, 1, new Color[] {Color.GRAY}, dot);
        target.title("unlabelled target");
        target.border();
        for (int t = 0; t < transfers.size(); t++) {
            Transfer transfer = transfers.get(t);
            Color[] colours = new Color[transfer.probabilities().length];
            for (int j = 0; j < colours.length; j++) {
                colours[j] = mixture(transfer.probabilities()[j]);
            }
            Panel panel = figure.panel(0, 2 + t, 0, 1, 0, 1);
            panel.dots(ys, 2, 0, 1, colours, dot);
            panel.title(transfer.title());
            panel.border();
        }
        return figure;
    }

    /** The label colours mixed in the proportions given. */
    private static Color mixture(double[] probabilities) {
        double r = 0;
        double g = 0;
        double b = 0;
        for (int c = 0; c < probabilities.length; c++) {
            Color colour = Palette.category(c);
            r += probabilities[c] * colour.getRed();
            g += probabilities[c] * colour.getGreen();
            b += probabilities[c] * colour.getBlue();
        }
        return new Color((int) Math.round(Math.clamp(r, 0, 255)),
                (int) Math.round(Math.clamp(g, 0, 255)), (int) Math.round(Math.clamp(b, 0, 255)));
    }

    private static double[] flat(double[][] rows) {
        double[] flat = new double[2 * rows.length];
        for (int i = 0; i < rows.length; i++) {
            flat[2 * i] = rows[i][0];
            flat[2 * i + 1] = rows[i][1];
        }
        return flat;
    }
}
