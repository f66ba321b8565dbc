package org.geomloss.examples.transport;

import java.awt.Color;
import java.util.Locale;
import org.geomloss.Measure;
import org.geomloss.examples.data.Coordinates;
import org.geomloss.examples.draw.Palette;
import org.geomloss.examples.draw.Panel;
import org.geomloss.examples.draw.PanelFigure;

/**
 * Displacement interpolation between two 3D clouds (GeomLoss's {@code plot_interpolation_3D}):
 * every source point travels in a straight line to its barycentric image
 * {@code T(x_i) = sum_j pi_ij y_j / a_i} ({@link BarycentricMap}),
 * <pre>  x_i(t) = (1 - t) x_i + t T(x_i),   t in [0, 1]</pre>
 * McCann's interpolation, the geodesic between the two measures for the Wasserstein-2 distance
 * (up to the blur). Drawn as frames at several times, each in its top (x-y) and side (x-z)
 * projection, the points coloured by their height at {@code t = 0} so that one can follow them.
 *
 * <p>Immutable and thread-safe.
 */
public final class Interpolation3D {

    private static final int PANEL_SIZE = 240;
    private static final String[] PLANES = {"x-y", "x-z"};
    private static final int[][] AXES = {{0, 1}, {0, 2}};

    private final double blur;
    private final int frames;

    /** An interpolation at {@code blur}, drawn in {@code frames} frames (t = 0 to 1). */
    public Interpolation3D(double blur, int frames) {
        if (frames < 2) {
            throw new IllegalArgumentException("frames must be >= 2, got " + frames);
        }
        this.blur = blur;
        this.frames = frames;
    }

    /** The figure and the transport cost {@code OT_eps}. */
    public record Result(PanelFigure figure, double value) {
    }

    /** Interpolates from {@code x} to {@code y} (3D clouds). */
    public Result run(Measure x, Measure y) {
        if (x.dimension() != 3 || y.dimension() != 3) {
            throw new IllegalArgumentException("the interpolation draws 3D clouds, got dimensions "
                    + x.dimension() + " and " + y.dimension());
        }
        BarycentricMap.Images mapped = new BarycentricMap(blur).apply(x, y);
        double[] start = Coordinates.of(x);
        double[] end = mapped.images();
        Color[] colours = heightColours(start);
        double half = 0.55 * extent(start, end);
        PanelFigure figure = new PanelFigure(2, frames, PANEL_SIZE, String.format(Locale.ROOT,
                "Displacement interpolation x(t) = (1-t) x + t T(x), blur %s, %d points",
                blur, x.count()));
        double dot = Math.max(2.0, 0.7 * PanelFigure.galleryDotDiameter(x.count(), PANEL_SIZE));
        for (int f = 0; f < frames; f++) {
            double t = f / (frames - 1.0);
            double[] frame = new double[start.length];
            for (int k = 0; k < frame.length; k++) {
                frame[k] = (1 - t) * start[k] + t * end[k];
            }
            for (int row = 0; row < 2; row++) {
                Panel panel = figure.panel(row, f, -half, half, -half, half);
                panel.dots(frame, 3, AXES[row][0], AXES[row][1], colours, dot);
                panel.title(String.format(Locale.ROOT, "t = %.2f, %s", t, PLANES[row]));
                panel.border();
            }
        }
        return new Result(figure, mapped.value());
    }

    private static Color[] heightColours(double[] points) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.length / 3; i++) {
            low = Math.min(low, points[3 * i + 2]);
            high = Math.max(high, points[3 * i + 2]);
        }
        Color[] colours = new Color[points.length / 3];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = Palette.sequential(high > low ? (points[3 * i + 2] - low) / (high - low)
                    : 0.5);
        }
        return colours;
    }

    /** The largest absolute coordinate over both clouds, or 1 for clouds at the origin. */
    private static double extent(double[] a, double[] b) {
        double extent = 0;
        for (double[] cloud : new double[][] {a, b}) {
            for (double value : cloud) {
                extent = Math.max(extent, Math.abs(value));
            }
        }
        return extent > 0 ? 2 * extent : 1.0;
    }
}
