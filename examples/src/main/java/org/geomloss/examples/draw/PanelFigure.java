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
 * A picture made of a grid of square {@link Panel}s with titles, drawn with Java2D off screen (it
 * works with {@code java.awt.headless=true}) and saved as PNG: the examples' stand-in for a
 * matplotlib figure with {@code subplot(rows, columns, k)}.
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
    private final int panelSize;
    private final int top;

    /**
     * A blank figure of {@code rows x columns} panels of {@code panelSize} pixels, with an optional
     * heading ({@code null} for none) above them.
     */
    public PanelFigure(int rows, int columns, int panelSize, String heading) {
        if (rows < 1 || columns < 1 || panelSize < 16) {
            throw new IllegalArgumentException("a figure needs rows, columns >= 1 and panels of at "
                    + "least 16 pixels, got " + rows + " x " + columns + " of " + panelSize);
        }
        this.rows = rows;
        this.columns = columns;
        this.panelSize = panelSize;
        this.top = heading == null ? 0 : TITLE_SPACE + 6;
        int width = columns * (panelSize + 2 * MARGIN);
        int height = top + rows * (panelSize + TITLE_SPACE + 2 * MARGIN);
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        if (heading != null) {
            graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            graphics.setColor(Color.BLACK);
            FontMetrics metrics = graphics.getFontMetrics();
            graphics.drawString(heading, (width - metrics.stringWidth(heading)) / 2f,
                    TITLE_SPACE - 4f);
        }
        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
    }

    /** The panel at {@code (row, column)} showing the data window given. */
    public Panel panel(int row, int column, double xMin, double xMax, double yMin, double yMax) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IllegalArgumentException("panel (" + row + ", " + column + ") is outside the "
                    + rows + " x " + columns + " grid");
        }
        double x = column * (panelSize + 2 * MARGIN) + MARGIN;
        double y = top + row * (panelSize + TITLE_SPACE + 2 * MARGIN) + TITLE_SPACE + MARGIN;
        return new Panel(graphics, new Rectangle2D.Double(x, y, panelSize, panelSize), xMin, xMax,
                yMin, yMax);
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
