package org.geomloss.examples.multiscale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geomloss.Measure;
import org.geomloss.examples.data.Coordinates;
import org.geomloss.examples.draw.Panel;
import org.geomloss.examples.draw.PanelFigure;
import org.geomloss.examples.transport.TransportPlanExample;
import org.geomloss.ot.OTResultSample;

/**
 * The entropic transport plan at several blurs (GeomLoss's {@code plot_transport_blur}): the plan
 * {@code pi} between the same two 2D clouds ({@link TransportPlanExample#solve},
 * {@code eps = 2 blur^2}), drawn as segments {@code x_i - y_j} of opacity
 * {@code 0.1 M pi_ij / a_i} (a uniform coupling is drawn at opacity 0.1). A
 * large blur spreads each point's mass over a wide neighbourhood (a blurred, nearly independent
 * coupling); as the blur shrinks the plan concentrates toward a one-to-one matching, which is why
 * the multiscale backend can skip more and more blocks of pairs.
 *
 * <p>Immutable and thread-safe.
 */
public final class TransportBlurExample {

    private static final int PANEL_SIZE = 330;
    /** Opacity per unit of {@code M pi_ij / a_i}: a uniform coupling draws at opacity 0.1. */
    private static final double GAIN = 0.1;

    private final double[] blurs;

    /** The plans at each of {@code blurs}. */
    public TransportBlurExample(double... blurs) {
        if (blurs.length == 0) {
            throw new IllegalArgumentException("blurs must list at least one blur");
        }
        this.blurs = blurs.clone();
    }

    /** The plans' solutions, in the order of the blurs, and the figure. */
    public record Result(List<OTResultSample> solutions, PanelFigure figure) {
    }

    /** Solves and draws the plans from {@code x} to {@code y} (2D). */
    public Result run(Measure x, Measure y) {
        double[] xs = Coordinates.of(x);
        double[] ys = Coordinates.of(y);
        double[] window = PanelFigure.squareWindow(xs, ys);
        PanelFigure figure = new PanelFigure(1, blurs.length, PANEL_SIZE,
                "The entropic OT plan at several blurs: segments x_i - y_j, opacity 0.1 M pi_ij / a_i");
        double dot = 0.4 * PanelFigure.galleryDotDiameter(Math.max(x.count(), y.count()) / 2,
                PANEL_SIZE);
        List<OTResultSample> solutions = new ArrayList<>();
        for (int b = 0; b < blurs.length; b++) {
            OTResultSample solution = new TransportPlanExample(blurs[b]).solve(x, y);
            solutions.add(solution);
            Panel panel = figure.panel(0, b, window[0], window[1], window[2], window[3]);
            TransportPlanExample.drawPlan(panel, x, xs, ys, solution.plan(), dot, GAIN * y.count());
            panel.title(String.format(Locale.ROOT, "blur %s, %d iterations", blurs[b],
                    solution.iterations()));
            panel.border();
        }
        return new Result(List.copyOf(solutions), figure);
    }
}
