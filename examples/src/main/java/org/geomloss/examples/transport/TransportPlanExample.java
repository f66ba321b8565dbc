package org.geomloss.examples.transport;

import java.awt.Color;
import java.util.Locale;
import org.geomloss.Measure;
import org.geomloss.examples.data.Coordinates;
import org.geomloss.examples.draw.Panel;
import org.geomloss.examples.draw.PanelFigure;
import org.geomloss.ot.OT;
import org.geomloss.ot.OTResultSample;
import org.geomloss.ot.SampleOptions;

/**
 * The transport-plan example: the entropic optimal transport plan between two weighted 2D clouds,
 * solved by {@link OT#solveSample} (GeomLoss's {@code ot.solve_sample}, cost {@code |x - y|^2},
 * {@code eps = 2 blur^2}) to its default marginal tolerance, and drawn twice: the plan as segments
 * {@code x_i - y_j} with opacity {@code pi_ij / a_i}, and the barycentric (entropic Brenier) map as
 * segments {@code x_i -> x_i + aToB_i}. Source red, target blue.
 *
 * <p>Immutable and thread-safe.
 */
public final class TransportPlanExample {

    private static final int PANEL_SIZE = 420;
    /** Conditional probabilities {@code pi_ij / a_i} below this are not drawn. */
    private static final double MIN_OPACITY = 0.02;

    private final double blur;

    /** The plan at blur {@code blur} ({@code eps = 2 blur^2}). */
    public TransportPlanExample(double blur) {
        this.blur = blur;
    }

    /**
     * What the example computed.
     *
     * @param result  the OT solution: value, plan, marginals, displacements
     * @param plan    the dense N x M plan
     * @param picture the two-panel figure
     */
    public record Result(OTResultSample result, double[][] plan, PanelFigure picture) {
    }

    /** Solves and draws the plan from {@code x} to {@code y} (2D clouds). */
    public Result run(Measure x, Measure y) {
        if (x.dimension() != 2 || y.dimension() != 2) {
            throw new IllegalArgumentException("the plan example draws 2D clouds, got dimensions "
                    + x.dimension() + " and " + y.dimension());
        }
        double[] xs = Coordinates.of(x);
        double[] ys = Coordinates.of(y);
        OTResultSample result = OT.solveSample(rows(xs), rows(ys),
                SampleOptions.blur(blur).a(x.weights()).b(y.weights()));
        double[][] plan = result.plan();
        return new Result(result, plan, draw(x, xs, ys, plan, result.aToB()));
    }

    private PanelFigure draw(Measure x, double[] xs, double[] ys, double[][] plan,
                             double[][] displacements) {
        double[] window = window(xs, ys);
        PanelFigure figure = new PanelFigure(1, 2, PANEL_SIZE, String.format(Locale.ROOT,
                "Entropic OT plan, OT.solveSample(x, y, blur=%s)", blur));
        double dot = 0.6 * PanelFigure.galleryDotDiameter(Math.max(xs.length, ys.length) / 2,
                PANEL_SIZE);

        Panel left = figure.panel(0, 0, window[0], window[1], window[2], window[3]);
        for (int i = 0; i < plan.length; i++) {
            for (int j = 0; j < plan[i].length; j++) {
                double opacity = plan[i][j] / x.weight(i);
                if (opacity >= MIN_OPACITY) {
                    left.segment(xs[2 * i], xs[2 * i + 1], ys[2 * j], ys[2 * j + 1],
                            new Color(0.2f, 0.2f, 0.2f, (float) Math.min(1.0, opacity)), 1f);
                }
            }
        }
        dots(left, xs, ys, dot);
        left.title("plan: segments x_i - y_j, opacity pi_ij / a_i");
        left.border();

        Panel right = figure.panel(0, 1, window[0], window[1], window[2], window[3]);
        for (int i = 0; i < displacements.length; i++) {
            right.segment(xs[2 * i], xs[2 * i + 1], xs[2 * i] + displacements[i][0],
                    xs[2 * i + 1] + displacements[i][1], new Color(0.2f, 0.2f, 0.2f, 0.7f), 1f);
        }
        dots(right, xs, ys, dot);
        right.title("barycentric map x_i -> x_i + aToB_i");
        right.border();
        return figure;
    }

    private static void dots(Panel panel, double[] xs, double[] ys, double diameter) {
        panel.dots(ys, 2, 0, 1, new Color[] {PanelFigure.TARGET}, diameter);
        panel.dots(xs, 2, 0, 1, new Color[] {PanelFigure.SOURCE}, diameter);
    }

    private static double[][] rows(double[] flat) {
        double[][] rows = new double[flat.length / 2][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {flat[2 * i], flat[2 * i + 1]};
        }
        return rows;
    }

    /** A square window around both clouds with a 5% margin: {xMin, xMax, yMin, yMax}. */
    static double[] window(double[] xs, double[] ys) {
        double[] box = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] cloud : new double[][] {xs, ys}) {
            for (int i = 0; i < cloud.length / 2; i++) {
                box[0] = Math.min(box[0], cloud[2 * i]);
                box[1] = Math.max(box[1], cloud[2 * i]);
                box[2] = Math.min(box[2], cloud[2 * i + 1]);
                box[3] = Math.max(box[3], cloud[2 * i + 1]);
            }
        }
        double half = 0.55 * Math.max(Math.max(box[1] - box[0], box[3] - box[2]), 1e-9);
        double cx = (box[0] + box[1]) / 2;
        double cy = (box[2] + box[3]) / 2;
        return new double[] {cx - half, cx + half, cy - half, cy + half};
    }
}
