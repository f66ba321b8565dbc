package org.geomloss.examples.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One plot of a {@link PanelFigure} with axes: a box with ticks, tick labels and axis labels on
 * linear or logarithmic scales (matplotlib's {@code plot}, {@code loglog}, {@code fill_between}),
 * curves with markers, filled areas and a legend.
 *
 * <ul>
 *   <li>Linear ticks are at multiples of 1, 2 or 5 times a power of ten (about five per axis);
 *       logarithmic ticks at the powers of ten, with unlabelled minor ticks at 2..9 times them.</li>
 *   <li>Points with a coordinate that is not a finite number (or not positive on a log axis) break
 *       a curve instead of being drawn.</li>
 * </ul>
 *
 * <p>Not thread-safe: it draws on its figure's canvas.
 */
public final class Chart {

    /** How an axis maps values to positions. */
    public enum Scale { LINEAR, LOG }

    /** Where the legend goes inside the plot area. */
    public enum Corner { UPPER_LEFT, UPPER_CENTRE, UPPER_RIGHT }

    /** The symbol drawn at each point of a curve. */
    public enum Marker { NONE, CIRCLE, SQUARE }

    /**
     * One axis: its label and range {@code [min, max]} on a scale.
     *
     * @param label the axis label
     * @param min   the smallest value shown
     * @param max   the largest value shown
     * @param scale how values map to positions
     */
    public record Axis(String label, double min, double max, Scale scale) {

        /**
         * Checks the range.
         *
         * @throws IllegalArgumentException if the range is empty or not finite, or not positive on
         *                                  a log scale
         */
        public Axis {
            if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)
                    || (scale == Scale.LOG && !(min > 0))) {
                throw new IllegalArgumentException("axis '" + label + "' needs a finite range with "
                        + "max > min (> 0 on a log scale), got [" + min + ", " + max + "]");
            }
        }

        /**
         * The axis that fits every finite value given (positive ones on a log scale): a 5% margin
         * on a linear scale, whole decades on a log scale.
         *
         * @throws IllegalArgumentException if no value can be drawn
         */
        public static Axis fitting(String label, Scale scale, double[]... values) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (double[] series : values) {
                for (double v : series) {
                    if (Double.isFinite(v) && (scale == Scale.LINEAR || v > 0)) {
                        low = Math.min(low, v);
                        high = Math.max(high, v);
                    }
                }
            }
            if (low > high) {
                throw new IllegalArgumentException("axis '" + label + "': no value to draw");
            }
            if (scale == Scale.LOG) {
                return new Axis(label, Math.pow(10, Math.floor(Math.log10(low))),
                        Math.pow(10, Math.ceil(Math.log10(high) + 1e-9)), scale);
            }
            double pad = high > low ? 0.05 * (high - low) : Math.max(1e-9, 0.5 * Math.abs(low));
            return new Axis(label, low - pad, high + pad, scale);
        }

        double position(double value) {
            return scale == Scale.LOG
                    ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (value - min) / (max - min);
        }

        boolean drawable(double value) {
            return Double.isFinite(value) && (scale == Scale.LINEAR || value > 0);
        }
    }

    private record LegendEntry(String label, Color color, Marker marker) {
    }

    private static final int LEFT = 62;
    private static final int BOTTOM = 46;
    private static final int RIGHT = 12;
    private static final int TOP = 6;
    private static final float TICK_POINTS = 13f;
    private static final double MARKER_SIZE = 8;

    private final Graphics2D graphics;
    private final Rectangle2D frame;
    private final Rectangle2D area;
    private final Axis x;
    private final Axis y;
    private final List<LegendEntry> legend = new ArrayList<>();

    Chart(Graphics2D graphics, Rectangle2D frame, Axis x, Axis y) {
        this.graphics = graphics;
        this.frame = frame;
        this.area = new Rectangle2D.Double(frame.getX() + LEFT, frame.getY() + TOP,
                frame.getWidth() - LEFT - RIGHT, frame.getHeight() - TOP - BOTTOM);
        this.x = x;
        this.y = y;
        graphics.setColor(Color.WHITE);
        graphics.fill(frame);
        axes();
    }

    /**
     * The curve through {@code (xs[k], ys[k])} with a marker at each point, listed in the legend
     * under {@code label} (none when null).
     */
    public void line(double[] xs, double[] ys, Color color, Marker marker, String label) {
        requireSameLength(xs, ys);
        graphics.setClip(area);
        graphics.setColor(color);
        graphics.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double path = new Path2D.Double();
        boolean open = false;
        for (int k = 0; k < xs.length; k++) {
            if (!x.drawable(xs[k]) || !y.drawable(ys[k])) {
                open = false;
                continue;
            }
            if (open) {
                path.lineTo(pixelX(xs[k]), pixelY(ys[k]));
            } else {
                path.moveTo(pixelX(xs[k]), pixelY(ys[k]));
                open = true;
            }
            mark(marker, pixelX(xs[k]), pixelY(ys[k]));
        }
        graphics.draw(path);
        graphics.setClip(null);
        if (label != null) {
            legend.add(new LegendEntry(label, color, marker));
        }
    }

    /** The area between the curve {@code (xs[k], ys[k])} and the bottom of the chart, filled. */
    public void area(double[] xs, double[] ys, Color fill) {
        requireSameLength(xs, ys);
        graphics.setClip(area);
        Path2D.Double path = new Path2D.Double();
        double bottom = area.getMaxY();
        boolean open = false;
        double lastX = 0;
        for (int k = 0; k < xs.length; k++) {
            if (!x.drawable(xs[k]) || !y.drawable(ys[k])) {
                continue;
            }
            if (!open) {
                path.moveTo(pixelX(xs[k]), bottom);
                open = true;
            }
            lastX = pixelX(xs[k]);
            path.lineTo(lastX, pixelY(ys[k]));
        }
        if (open) {
            path.lineTo(lastX, bottom);
            path.closePath();
            graphics.setColor(fill);
            graphics.fill(path);
        }
        graphics.setClip(null);
    }

    /** A title centred above the chart. */
    public void title(String text) {
        PanelFigure.titleAbove(graphics, frame, text);
    }

    /** The legend of the labelled curves, at {@code corner}; nothing when no curve has a label. */
    public void legend(Corner corner) {
        if (legend.isEmpty()) {
            return;
        }
        graphics.setFont(graphics.getFont().deriveFont(Font.PLAIN, TICK_POINTS));
        FontMetrics metrics = graphics.getFontMetrics();
        int line = metrics.getHeight();
        int width = 0;
        for (LegendEntry entry : legend) {
            width = Math.max(width, metrics.stringWidth(entry.label()));
        }
        double boxWidth = width + 46;
        double boxHeight = legend.size() * line + 8;
        double left = switch (corner) {
            case UPPER_LEFT -> area.getX() + 6;
            case UPPER_CENTRE -> area.getCenterX() - boxWidth / 2;
            case UPPER_RIGHT -> area.getMaxX() - boxWidth - 6;
        };
        double top = area.getY() + 6;
        Rectangle2D box = new Rectangle2D.Double(left, top, boxWidth, boxHeight);
        graphics.setColor(new Color(255, 255, 255, 220));
        graphics.fill(box);
        graphics.setColor(Color.GRAY);
        graphics.setStroke(new BasicStroke(1f));
        graphics.draw(box);
        for (int k = 0; k < legend.size(); k++) {
            LegendEntry entry = legend.get(k);
            double middle = top + 4 + k * line + line / 2.0;
            graphics.setColor(entry.color());
            graphics.setStroke(new BasicStroke(2f));
            graphics.draw(new Line2D.Double(left + 6, middle, left + 32, middle));
            mark(entry.marker(), left + 19, middle);
            graphics.setColor(Color.BLACK);
            graphics.drawString(entry.label(), (float) (left + 38),
                    (float) (middle + metrics.getAscent() / 2.0 - 2));
        }
    }

    private void axes() {
        graphics.setColor(Color.BLACK);
        graphics.setStroke(new BasicStroke(1f));
        graphics.draw(area);
        Font tickFont = graphics.getFont().deriveFont(Font.PLAIN, TICK_POINTS);
        graphics.setFont(tickFont);
        FontMetrics metrics = graphics.getFontMetrics();
        for (Tick tick : ticks(x)) {
            double px = area.getX() + x.position(tick.value()) * area.getWidth();
            graphics.draw(new Line2D.Double(px, area.getMaxY(), px,
                    area.getMaxY() - (tick.label() == null ? 3 : 6)));
            if (tick.label() != null) {
                drawLabel(tick, px, area.getMaxY() + metrics.getAscent() + 3, true);
            }
        }
        for (Tick tick : ticks(y)) {
            double py = area.getMaxY() - y.position(tick.value()) * area.getHeight();
            graphics.draw(new Line2D.Double(area.getX(), py,
                    area.getX() + (tick.label() == null ? 3 : 6), py));
            if (tick.label() != null) {
                drawLabel(tick, area.getX() - 4, py + metrics.getAscent() / 2.0 - 1, false);
            }
        }
        graphics.setFont(tickFont);
        int xWidth = graphics.getFontMetrics().stringWidth(x.label());
        graphics.drawString(x.label(), (float) (area.getCenterX() - xWidth / 2.0),
                (float) (frame.getMaxY() - 4));
        AffineTransform saved = graphics.getTransform();
        int yWidth = graphics.getFontMetrics().stringWidth(y.label());
        graphics.translate(frame.getX() + metrics.getAscent(), area.getCenterY() + yWidth / 2.0);
        graphics.rotate(-Math.PI / 2);
        graphics.drawString(y.label(), 0f, 0f);
        graphics.setTransform(saved);
    }

    /** A tick label centred at {@code px} (x axis) or right-aligned at {@code px} (y axis). */
    private void drawLabel(Tick tick, double px, double baseline, boolean centred) {
        Font base = graphics.getFont();
        FontMetrics metrics = graphics.getFontMetrics();
        if (tick.exponent() == null) {
            int width = metrics.stringWidth(tick.label());
            graphics.drawString(tick.label(), (float) (centred ? px - width / 2.0 : px - width),
                    (float) baseline);
            return;
        }
        Font small = base.deriveFont(base.getSize2D() * 0.75f);
        int baseWidth = metrics.stringWidth("10");
        int exponentWidth = graphics.getFontMetrics(small).stringWidth(tick.exponent());
        double width = baseWidth + exponentWidth;
        double left = centred ? px - width / 2.0 : px - width;
        graphics.drawString("10", (float) left, (float) baseline);
        graphics.setFont(small);
        graphics.drawString(tick.exponent(), (float) (left + baseWidth),
                (float) (baseline - metrics.getAscent() * 0.45));
        graphics.setFont(base);
    }

    /** A tick: its value, its label (null for a minor tick) and, for powers of ten, the exponent. */
    private record Tick(double value, String label, String exponent) {
    }

    private static List<Tick> ticks(Axis axis) {
        List<Tick> ticks = new ArrayList<>();
        if (axis.scale() == Scale.LOG) {
            int first = (int) Math.floor(Math.log10(axis.min()) - 1e-9);
            int last = (int) Math.ceil(Math.log10(axis.max()) + 1e-9);
            for (int e = first; e <= last; e++) {
                for (int m = 1; m <= 9; m++) {
                    double value = m * Math.pow(10, e);
                    if (value >= axis.min() * (1 - 1e-9) && value <= axis.max() * (1 + 1e-9)) {
                        ticks.add(m == 1 ? new Tick(value, "10", Integer.toString(e))
                                : new Tick(value, null, null));
                    }
                }
            }
            return ticks;
        }
        double raw = (axis.max() - axis.min()) / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power
                : raw / power < 7.5 ? 5 * power : 10 * power;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        for (double value = Math.ceil(axis.min() / step - 1e-9) * step;
             value <= axis.max() + 1e-9 * step; value += step) {
            double shown = Math.abs(value) < 1e-12 * step ? 0.0 : value;
            ticks.add(new Tick(value, String.format(Locale.ROOT, "%." + decimals + "f", shown),
                    null));
        }
        return ticks;
    }

    private void mark(Marker marker, double px, double py) {
        double h = MARKER_SIZE / 2;
        switch (marker) {
            case NONE -> { }
            case CIRCLE -> graphics.fill(new Ellipse2D.Double(px - h, py - h, MARKER_SIZE,
                    MARKER_SIZE));
            case SQUARE -> graphics.fill(new Rectangle2D.Double(px - h, py - h, MARKER_SIZE,
                    MARKER_SIZE));
        }
    }

    private double pixelX(double value) {
        return area.getX() + x.position(value) * area.getWidth();
    }

    private double pixelY(double value) {
        return area.getMaxY() - y.position(value) * area.getHeight();
    }

    private static void requireSameLength(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(xs.length + " x values for " + ys.length
                    + " y values");
        }
    }
}
