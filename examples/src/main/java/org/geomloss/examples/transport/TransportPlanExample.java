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
        OTResultSample result = solve(x, y);
        double[][] plan = result.plan();
        return new Result(result, plan, draw(x, Coordinates.of(x), Coordinates.of(y), plan,
                result.aToB()));
    }

    /** The OT solution from {@code x} to {@code y} at this blur, not drawn. */
    public OTResultSample solve(Measure x, Measure y) {
        return OT.solveSample(rows(Coordinates.of(x)), rows(Coordinates.of(y)),
                SampleOptions.blur(blur).a(x.weights()).b(y.weights()));
    }

    private PanelFigure draw(Measure x, double[] xs, double[] ys, double[][] plan,
                             double[][] displacements) {
        double[] window = PanelFigure.squareWindow(xs, ys);
        PanelFigure figure = new PanelFigure(1, 2, PANEL_SIZE, String.format(Locale.ROOT,
                "Entropic OT plan, OT.solveSample(x, y, blur=%s)", blur));
        double dot = 0.6 * PanelFigure.galleryDotDiameter(Math.max(xs.length, ys.length) / 2,
                PANEL_SIZE);

        Panel left = figure.panel(0, 0, window[0], window[1], window[2], window[3]);
        drawPlan(left, x, xs, ys, plan, dot, 1);
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

    /**
     * Draws a plan on {@code panel}: a segment {@code x_i - y_j} of opacity
     * {@code min(1, gain pi_ij / a_i)} for every pair above 2%, under the target (blue) and source
     * (red) dots of {@code dot} pixels.
     *
     * @param x    the source measure (for its weights {@code a_i})
     * @param xs   its flat 2D coordinates
     * @param ys   the target's flat 2D coordinates
     * @param plan the N x M plan
     * @param gain 1 to draw the conditional probabilities as they are, more to show spread plans
     */
    public static void drawPlan(Panel panel, Measure x, double[] xs, double[] ys, double[][] plan,
                                double dot, double gain) {
        for (int i = 0; i < plan.length; i++) {
            for (int j = 0; j < plan[i].length; j++) {
                double opacity = gain * plan[i][j] / x.weight(i);
                if (opacity >= MIN_OPACITY) {
                    panel.segment(xs[2 * i], xs[2 * i + 1], ys[2 * j], ys[2 * j + 1],
                            new Color(0.2f, 0.2f, 0.2f, (float) Math.min(1.0, opacity)), 1f);
                }
            }
        }
        dots(panel, xs, ys, dot);
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
}
