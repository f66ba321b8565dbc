package org.geomloss.examples.draw;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * A picture made of a grid of {@link Panel}s (equal-aspect data windows) or {@link Chart}s (plots
 * with axes) with titles, drawn with Java2D off screen (it works with
 * {@code java.awt.headless=true}) and saved as PNG through {@link PngFiles}: the examples' stand-in
 * for a matplotlib figure with {@code subplot(rows, columns, k)}.
 *
 * <p>Not thread-safe.
 */
public final class PanelFigure {

    static final float TITLE_POINTS = 17f;
    private static final int MARGIN = 14;
    private static final int TITLE_SPACE = 30;

    /** Source points: red, as GeomLoss's displays. */
    public static final Color SOURCE = new Color(230, 40, 30);
    /** Target points: GeomLoss's light blue {@code (0.55, 0.55, 0.95)}. */
    public static final Color TARGET = new Color(140, 140, 242);

    private final BufferedImage image;
    private final Graphics2D graphics;
    private final int rows;
    private final int columns;
    private final int panelWidth;
    private final int panelHeight;
    private final int top;

    /**
     * A blank figure of {@code rows x columns} panels of {@code panelSize} pixels, with an optional
     * heading ({@code null} for none) above them.
     */
    public PanelFigure(int rows, int columns, int panelSize, String heading) {
        this(rows, columns, panelSize, panelSize, heading);
    }

    /**
     * A blank figure of {@code rows x columns} panels of {@code panelWidth x panelHeight} pixels,
     * with an optional heading ({@code null} for none) above them, in a smaller font when it is
     * wider than the panels.
     */
    public PanelFigure(int rows, int columns, int panelWidth, int panelHeight, String heading) {
        if (rows < 1 || columns < 1 || panelWidth < 16 || panelHeight < 16) {
            throw new IllegalArgumentException("a figure needs rows, columns >= 1 and panels of at "
                    + "least 16 x 16 pixels, got " + rows + " x " + columns + " of " + panelWidth
                    + " x " + panelHeight);
        }
        this.rows = rows;
        this.columns = columns;
        this.panelWidth = panelWidth;
        this.panelHeight = panelHeight;
        this.top = heading == null ? 0 : TITLE_SPACE + 6;
        int width = columns * (panelWidth + 2 * MARGIN);
        int height = top + rows * (panelHeight + TITLE_SPACE + 2 * MARGIN);
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        if (heading != null) {
            // 18 points, smaller when the heading would not fit the width of the panels.
            int points = 18;
            graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, points));
            while (points > 9 && graphics.getFontMetrics().stringWidth(heading) > width - 8) {
                graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, --points));
            }
            graphics.setColor(Color.BLACK);
            FontMetrics metrics = graphics.getFontMetrics();
            graphics.drawString(heading, (width - metrics.stringWidth(heading)) / 2f,
                    TITLE_SPACE - 4f);
        }
        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
    }

    /** The panel at {@code (row, column)} showing the data window given. */
    public Panel panel(int row, int column, double xMin, double xMax, double yMin, double yMax) {
        return new Panel(graphics, frame(row, column), xMin, xMax, yMin, yMax);
    }

    /** The chart at {@code (row, column)} with the two axes given. */
    public Chart chart(int row, int column, Chart.Axis x, Chart.Axis y) {
        return new Chart(graphics, frame(row, column), x, y);
    }

    private Rectangle2D frame(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IllegalArgumentException("panel (" + row + ", " + column + ") is outside the "
                    + rows + " x " + columns + " grid");
        }
        double x = column * (panelWidth + 2 * MARGIN) + MARGIN;
        double y = top + row * (panelHeight + TITLE_SPACE + 2 * MARGIN) + TITLE_SPACE + MARGIN;
        return new Rectangle2D.Double(x, y, panelWidth, panelHeight);
    }

    /** Writes {@code text} centred above {@code frame}, in the panels' title font. */
    static void titleAbove(Graphics2D graphics, Rectangle2D frame, String text) {
        graphics.setFont(graphics.getFont().deriveFont(Font.PLAIN, TITLE_POINTS));
        graphics.setColor(Color.BLACK);
        FontMetrics metrics = graphics.getFontMetrics();
        int width = metrics.stringWidth(text);
        graphics.drawString(text, (float) (frame.getCenterX() - width / 2.0),
                (float) (frame.getY() - metrics.getDescent() - 4));
    }

    /** The picture drawn so far. */
    public BufferedImage image() {
        return image;
    }

    /** Saves the picture as PNG, creating the parent folders; see {@link PngFiles#write}. */
    public void save(Path file) {
        PngFiles.write(file, image);
    }

    /**
     * A square data window around flat 2D clouds (x0, y0, x1, y1, ...), centred on their bounding
     * box with a 5% margin on its larger side: {@code {xMin, xMax, yMin, yMax}}.
     */
    public static double[] squareWindow(double[]... clouds) {
        double[] box = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] cloud : clouds) {
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

    /**
     * The dot diameter, in pixels, of matplotlib's {@code scatter(s = 25 * 500 / N)} on a panel of
     * {@code panelSize} pixels (the gallery's marker area, scaled from its 12 x 8 inch figure).
     */
    public static double galleryDotDiameter(int n, int panelSize) {
        double areaPoints = 25.0 * 500.0 / n;
        double diameterPoints = Math.sqrt(areaPoints);
        double pixelsPerPoint = panelSize / (3.4 * 72.0);
        return Math.max(1.5, diameterPoints * pixelsPerPoint);
    }
}
