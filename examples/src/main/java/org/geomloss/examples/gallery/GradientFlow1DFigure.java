package org.geomloss.examples.gallery;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.geomloss.examples.draw.Chart;
import org.geomloss.examples.draw.Palette;
import org.geomloss.examples.draw.PanelFigure;

/**
 * Draws 1D gradient flows as GeomLoss's "Gradient flows in 1D" page does: for each loss, one chart
 * of densities over the unit interval, the target filled in light blue and the source as a curve at
 * each snapshot time, coloured from dark (t = 0) to yellow (last); the densities are
 * {@link DensityCurve} estimates of the points (bandwidth 0.01). Stateless and thread-safe.
 */
public final class GradientFlow1DFigure {

    private static final int WIDTH = 470;
    private static final int HEIGHT = 300;
    private static final int COLUMNS = 3;
    private static final double BANDWIDTH = 0.01;
    private static final Color TARGET_FILL = new Color(140, 140, 242, 150);

    private GradientFlow1DFigure() {
    }

    /** One flow to draw, under its title (e.g. the loss). */
    public record Flow(String title, GradientFlow.Result result) {
    }

    /** The figure of the 1D flows toward the target points {@code target}. */
    public static PanelFigure draw(String heading, List<Flow> flows, double[] target) {
        if (flows.isEmpty()) {
            throw new IllegalArgumentException("no flow to draw");
        }
        double[] grid = DensityCurve.grid(-0.1, 1.1, 481);
        double[] targetDensity = DensityCurve.estimate(target, BANDWIDTH, grid);
        double top = 0;
        for (double value : targetDensity) {
            top = Math.max(top, 2.2 * value);
        }
        Chart.Axis x = new Chart.Axis("x", -0.1, 1.1, Chart.Scale.LINEAR);
        Chart.Axis y = new Chart.Axis("density", 0, top, Chart.Scale.LINEAR);
        int rows = (flows.size() + COLUMNS - 1) / COLUMNS;
        PanelFigure figure = new PanelFigure(rows, Math.min(COLUMNS, flows.size()), WIDTH, HEIGHT,
                heading);
        for (int f = 0; f < flows.size(); f++) {
            Flow flow = flows.get(f);
            Chart chart = figure.chart(f / COLUMNS, f % COLUMNS, x, y);
            chart.area(grid, targetDensity, TARGET_FILL);
            List<GradientFlow.Snapshot> snapshots = flow.result().snapshots();
            for (int k = 0; k < snapshots.size(); k++) {
                GradientFlow.Snapshot snapshot = snapshots.get(k);
                double shade = snapshots.size() == 1 ? 0 : 0.9 * k / (snapshots.size() - 1.0);
                chart.line(grid, DensityCurve.estimate(snapshot.coords(), BANDWIDTH, grid),
                        Palette.sequential(shade), Chart.Marker.NONE,
                        f == 0 ? String.format(Locale.ROOT, "t = %.2f", snapshot.time()) : null);
            }
            chart.legend(Chart.Corner.UPPER_CENTRE);
            chart.title(flow.title());
        }
        return figure;
    }
}
