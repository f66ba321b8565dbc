package org.geomloss.examples.transport;

import java.awt.Color;
import org.geomloss.DualPotentials;
import org.geomloss.Loss;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.data.Coordinates;
import org.geomloss.examples.draw.Panel;
import org.geomloss.examples.draw.PanelFigure;

/**
 * The transport-plan example: the entropic optimal transport plan between two 2D clouds, computed
 * from the potentials of the raw Sinkhorn cost ({@code debias = false}) and drawn twice: the plan as
 * segments {@code x_i - y_j} with opacity {@code pi_ij / a_i}, and the barycentric (Brenier) map as
 * segments {@code x_i - T(x_i)}. Source red, target blue.
 *
 * <p>Immutable and thread-safe.
 */
public final class TransportPlanExample {

    private static final int PANEL_SIZE = 420;
    /** Conditional probabilities {@code pi_ij / a_i} below this are not drawn. */
    private static final double MIN_OPACITY = 0.02;

    private final int p;
    private final double blur;
    private final double scaling;

    /** The plan of the Sinkhorn cost with exponent {@code p}, {@code blur} and {@code scaling}. */
    public TransportPlanExample(int p, double blur, double scaling) {
        this.p = p;
        this.blur = blur;
        this.scaling = scaling;
    }

    /**
     * What the example computed.
     *
     * @param cost    the raw entropic OT cost {@code OT_eps(a, b)}
     * @param plan    the plan
     * @param mapped  the barycentric map, flat N x 2
     * @param picture the two-panel figure
     */
    public record Result(double cost, TransportPlan plan, double[] mapped, PanelFigure picture) {
    }

    /** Solves and draws the plan from {@code x} to {@code y} (2D clouds). */
    public Result run(Measure x, Measure y) {
        if (x.dimension() != 2 || y.dimension() != 2) {
            throw new IllegalArgumentException("the plan example draws 2D clouds, got dimensions "
                    + x.dimension() + " and " + y.dimension());
        }
        SamplesLoss loss = SamplesLoss.builder().loss(Loss.SINKHORN).p(p).blur(blur)
                .scaling(scaling).debias(false).build();
        double cost = loss.value(x, y);
        DualPotentials potentials = loss.potentials(x, y);
        TransportPlan plan = TransportPlan.fromPotentials(x, y, potentials, p, blur);
        double[] mapped = plan.barycentricMap(y);
        return new Result(cost, plan, mapped, draw(x, y, plan, mapped));
    }

    private PanelFigure draw(Measure x, Measure y, TransportPlan plan, double[] mapped) {
        double[] xs = Coordinates.of(x);
        double[] ys = Coordinates.of(y);
        double[] window = window(xs, ys);
        PanelFigure figure = new PanelFigure(1, 2, PANEL_SIZE, String.format(java.util.Locale.ROOT,
                "Entropic OT plan, SamplesLoss(\"sinkhorn\", p=%d, blur=%s, debias=False)", p, blur));
        double dot = 0.6 * PanelFigure.galleryDotDiameter(Math.max(x.count(), y.count()),
                PANEL_SIZE);

        Panel left = figure.panel(0, 0, window[0], window[1], window[2], window[3]);
        for (int i = 0; i < plan.rows(); i++) {
            for (int j = 0; j < plan.columns(); j++) {
                double opacity = plan.get(i, j) / x.weight(i);
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
        for (int i = 0; i < plan.rows(); i++) {
            right.segment(xs[2 * i], xs[2 * i + 1], mapped[2 * i], mapped[2 * i + 1],
                    new Color(0.2f, 0.2f, 0.2f, 0.7f), 1f);
        }
        dots(right, xs, ys, dot);
        right.title("barycentric map x_i -> T(x_i)");
        right.border();
        return figure;
    }

    private static void dots(Panel panel, double[] xs, double[] ys, double diameter) {
        panel.dots(ys, 2, 0, 1, new Color[] {PanelFigure.TARGET}, diameter);
        panel.dots(xs, 2, 0, 1, new Color[] {PanelFigure.SOURCE}, diameter);
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
