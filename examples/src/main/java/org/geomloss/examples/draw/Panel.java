package org.geomloss.examples.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * One square plot of a {@link PanelFigure}: a data window {@code [xMin, xMax] x [yMin, yMax]} drawn
 * with equal aspect ratio and without ticks, like the gallery's matplotlib axes with
 * {@code set_aspect("equal")}. Draws dots, segments, pictures and a title.
 *
 * <p>Not thread-safe: it draws on its figure's canvas.
 */
public final class Panel {

    private final Graphics2D graphics;
    private final Rectangle2D frame;
    private final double xMin;
    private final double yMin;
    private final double scale;

    Panel(Graphics2D graphics, Rectangle2D frame, double xMin, double xMax, double yMin,
          double yMax) {
        if (!(xMax > xMin) || !(yMax > yMin)) {
            throw new IllegalArgumentException("the data window must have positive extent, got x in ["
                    + xMin + ", " + xMax + "], y in [" + yMin + ", " + yMax + "]");
        }
        this.graphics = graphics;
        this.frame = frame;
        this.scale = Math.min(frame.getWidth() / (xMax - xMin), frame.getHeight() / (yMax - yMin));
        double xCentre = (xMin + xMax) / 2 - frame.getWidth() / (2 * scale);
        double yCentre = (yMin + yMax) / 2 - frame.getHeight() / (2 * scale);
        this.xMin = xCentre;
        this.yMin = yCentre;
        graphics.setColor(Color.WHITE);
        graphics.fill(frame);
    }

    /**
     * Dots of diameter {@code diameter} pixels at {@code (coords[i*d + xAxis], coords[i*d + yAxis])}.
     *
     * @param colors one colour per point, or a single colour for all
     */
    public void dots(double[] coords, int d, int xAxis, int yAxis, Color[] colors, double diameter) {
        clip();
        int n = coords.length / d;
        for (int i = 0; i < n; i++) {
            double px = pixelX(coords[i * d + xAxis]);
            double py = pixelY(coords[i * d + yAxis]);
            graphics.setColor(colors[colors.length == 1 ? 0 : i]);
            Shape dot = new Ellipse2D.Double(px - diameter / 2, py - diameter / 2, diameter, diameter);
            graphics.fill(dot);
        }
        graphics.setClip(null);
    }

    /** A segment between two data points. */
    public void segment(double x0, double y0, double x1, double y1, Color color, float width) {
        clip();
        graphics.setColor(color);
        graphics.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        graphics.draw(new Line2D.Double(pixelX(x0), pixelY(y0), pixelX(x1), pixelY(y1)));
        graphics.setClip(null);
    }

    /**
     * A picture stretched over the data rectangle {@code [x0, x1] x [y0, y1]}, its top row at
     * {@code y1}; pixels stay sharp squares when enlarged.
     */
    public void picture(BufferedImage picture, double x0, double x1, double y0, double y1) {
        clip();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        int left = (int) Math.round(pixelX(x0));
        int top = (int) Math.round(pixelY(y1));
        graphics.drawImage(picture, left, top, (int) Math.round(pixelX(x1)) - left,
                (int) Math.round(pixelY(y0)) - top, null);
        graphics.setClip(null);
    }

    /** A title centred above the panel. */
    public void title(String text) {
        PanelFigure.titleAbove(graphics, frame, text);
    }

    /** The black frame around the panel; drawn last so that dots do not cover it. */
    public void border() {
        graphics.setColor(Color.BLACK);
        graphics.setStroke(new BasicStroke(1f));
        graphics.draw(frame);
    }

    private void clip() {
        graphics.setClip(frame);
    }

    private double pixelX(double x) {
        return frame.getX() + (x - xMin) * scale;
    }

    private double pixelY(double y) {
        return frame.getMaxY() - (y - yMin) * scale;
    }
}
