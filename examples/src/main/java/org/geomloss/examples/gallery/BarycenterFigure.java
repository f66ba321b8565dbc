package org.geomloss.examples.gallery;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.geomloss.examples.draw.Chart;
import org.geomloss.examples.draw.Palette;
import org.geomloss.examples.draw.Panel;
import org.geomloss.examples.draw.PanelFigure;

/**
 * Draws Wasserstein barycenters: in 1D, one chart per weight {@code t} with the barycenter of
 * {@code (1-t) A + t B} as a density curve over the two inputs; in 2D, a square grid whose corners
 * are the four inputs and whose other cells are the barycenters with bilinear weights.
 * Stateless and thread-safe.
 */
public final class BarycenterFigure {

    private static final int CHART_WIDTH = 330;
    private static final int CHART_HEIGHT = 250;
    private static final int CELL = 170;
    private static final double BANDWIDTH = 0.01;
    private static final Color FIRST = new Color(230, 40, 30, 90);
    private static final Color SECOND = new Color(140, 140, 242, 150);

    private BarycenterFigure() {
    }

    /** One barycenter of two 1D inputs, at weight {@code t} on the second. */
    public record Barycenter1D(double t, double[] points) {
    }

    /** The 1D figure: the barycenters of {@code first} and {@code second}. */
    public static PanelFigure draw1D(String heading, double[] first, double[] second,
                                     List<Barycenter1D> barycenters) {
        double[] grid = DensityCurve.grid(-0.1, 1.1, 481);
        double[] a = DensityCurve.estimate(first, BANDWIDTH, grid);
        double[] b = DensityCurve.estimate(second, BANDWIDTH, grid);
        double top = 0;
        for (int k = 0; k < grid.length; k++) {
            top = Math.max(top, 1.3 * Math.max(a[k], b[k]));
        }
        Chart.Axis x = new Chart.Axis("x", -0.1, 1.1, Chart.Scale.LINEAR);
        Chart.Axis y = new Chart.Axis("density", 0, top, Chart.Scale.LINEAR);
        PanelFigure figure = new PanelFigure(1, barycenters.size(), CHART_WIDTH, CHART_HEIGHT,
                heading);
        for (int k = 0; k < barycenters.size(); k++) {
            Barycenter1D barycenter = barycenters.get(k);
            Chart chart = figure.chart(0, k, x, y);
            chart.area(grid, a, FIRST);
            chart.area(grid, b, SECOND);
            chart.line(grid, DensityCurve.estimate(barycenter.points(), BANDWIDTH, grid),
                    Color.BLACK, Chart.Marker.NONE, null);
            chart.title(String.format(Locale.ROOT, "%.2f A + %.2f B", 1 - barycenter.t(),
                    barycenter.t()));
        }
        return figure;
    }

    /**
     * The 2D figure: {@code cells[row][column]} holds flat N x 2 points, the inputs at the four
     * corners.
     */
    public static PanelFigure draw2D(String heading, double[][][] cells) {
        int size = cells.length;
        PanelFigure figure = new PanelFigure(size, size, CELL, heading);
        for (int row = 0; row < size; row++) {
            for (int column = 0; column < size; column++) {
                boolean input = (row == 0 || row == size - 1)
                        && (column == 0 || column == size - 1);
                double[] points = cells[row][column];
                Panel panel = figure.panel(row, column, 0.05, 0.95, 0.05, 0.95);
                panel.dots(points, 2, 0, 1, new Color[] {input ? PanelFigure.TARGET
                        : Palette.category(0)}, Math.max(2.0,
                        0.8 * PanelFigure.galleryDotDiameter(points.length / 2, CELL)));
                double u = column / (size - 1.0);
                double v = row / (size - 1.0);
                panel.title(input ? "input " + "ABCD".charAt(2 * (row == 0 ? 0 : 1)
                        + (column == 0 ? 0 : 1)) : String.format(Locale.ROOT,
                        "%.2f %.2f %.2f %.2f", (1 - u) * (1 - v), u * (1 - v), (1 - u) * v, u * v));
                panel.border();
            }
        }
        return figure;
    }
}
