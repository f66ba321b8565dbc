package org.geomloss.examples.transport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geomloss.examples.draw.Panel;
import org.geomloss.examples.draw.PanelFigure;
import org.geomloss.Measure;

/**
 * Colour transfer with optimal transport (GeomLoss's {@code plot_optimal_transport_color}): the
 * pixels of two pictures are two clouds of colours {@code x_i, y_j} in the RGB cube {@code [0,1]^3}
 * with uniform weights {@code a_i}. Each source colour moves to its barycentric image
 * <pre>  T(x_i) = sum_j pi_ij y_j / a_i</pre>
 * under the entropic plan {@code pi} ({@link BarycentricMap}), and the source picture is recoloured
 * pixel by pixel with {@code T}, clamped to the cube. A large blur gives a smooth
 * recolouring (similar colours stay similar); a small blur matches the target's palette closely and
 * may break smooth gradients apart. GeomLoss takes Euler steps along the Sinkhorn divergence's
 * gradient, whose first step with {@code lr = 1} is this map up to the debiasing term.

 *
 * <p>Immutable and thread-safe.
 */
public final class ColorTransfer {

    private static final int PANEL_SIZE = 260;
    private static final double SQRT2 = Math.sqrt(2);
    private static final double SQRT6 = Math.sqrt(6);

    private final double[] blurs;

    /** A transfer drawn at each of {@code blurs} (at least one, each > 0). */
    public ColorTransfer(double... blurs) {
        if (blurs.length == 0) {
            throw new IllegalArgumentException("blurs must list at least one blur");
        }
        for (double blur : blurs) {
            if (!(blur > 0) || Double.isInfinite(blur)) {
                throw new IllegalArgumentException("blur must be > 0 and finite, got " + blur);
            }
        }
        this.blurs = blurs.clone();
    }

    /**
     * The source recoloured at one blur.
     *
     * @param blur    the blur
     * @param picture the recoloured source
     * @param value   {@code OT_eps(alpha, beta)} between the colour clouds
     * @param seconds the wall time of the transport and the recolouring
     */
    public record Recolouring(double blur, BufferedImage picture, double value, double seconds) {
    }

    /** The recolourings, one per blur, and the figure that shows them. */
    public record Result(List<Recolouring> recolourings, PanelFigure figure) {
    }

    /** Recolours {@code source} with the palette of {@code target}. */
    public Result run(BufferedImage source, BufferedImage target) {
        float[][] x = colours(source);
        float[][] y = colours(target);
        Measure xs = Measure.of(widen(x));
        Measure ys = Measure.of(widen(y));
        List<Recolouring> recolourings = new ArrayList<>();
        for (double blur : blurs) {
            long start = System.nanoTime();
            BarycentricMap.Images mapped = new BarycentricMap(blur).apply(xs, ys);
            BufferedImage picture = new BufferedImage(source.getWidth(), source.getHeight(),
                    BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < x.length; i++) {
                int packed = 0;
                for (int c = 0; c < 3; c++) {
                    double value = Math.clamp(mapped.images()[3 * i + c], 0.0, 1.0);
                    packed = (packed << 8) | (int) Math.round(255 * value);
                }
                picture.setRGB(i % source.getWidth(), i / source.getWidth(), packed);
            }
            recolourings.add(new Recolouring(blur, picture, mapped.value(),
                    (System.nanoTime() - start) / 1e9));
        }
        return new Result(List.copyOf(recolourings), draw(source, target, x, y, recolourings));
    }

    /** {@code image} resampled to {@code size x size} pixels (smoothly), as RGB. */
    public static BufferedImage resized(BufferedImage image, int size) {
        if (size < 2) {
            throw new IllegalArgumentException("size must be >= 2, got " + size);
        }
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = out.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(image, 0, 0, size, size, null);
        graphics.dispose();
        return out;
    }

    private static double[][] widen(float[][] rows) {
        double[][] wide = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            wide[i] = new double[] {rows[i][0], rows[i][1], rows[i][2]};
        }
        return wide;
    }

    /** The colours of the pixels, row by row, as RGB rows in [0, 1]. */
    static float[][] colours(BufferedImage image) {
        int width = image.getWidth();
        float[][] colours = new float[width * image.getHeight()][];
        for (int i = 0; i < colours.length; i++) {
            int rgb = image.getRGB(i % width, i / width);
            colours[i] = new float[] {((rgb >> 16) & 255) / 255f, ((rgb >> 8) & 255) / 255f,
                (rgb & 255) / 255f};
        }
        return colours;
    }

    private static PanelFigure draw(BufferedImage source, BufferedImage target, float[][] x,
                                    float[][] y, List<Recolouring> recolourings) {
        int columns = 2 + recolourings.size();
        PanelFigure figure = new PanelFigure(2, columns, PANEL_SIZE, String.format(Locale.ROOT,
                "Colour transfer: x_i -> T(x_i) = sum_j pi_ij y_j / a_i, %d and %d colours",
                x.length, y.length));
        picture(figure, 0, source, "source picture");
        picture(figure, 1, target, "target palette");
        cloud(figure, 0, x, "source colours");
        cloud(figure, 1, y, "target colours");
        for (int k = 0; k < recolourings.size(); k++) {
            Recolouring recolouring = recolourings.get(k);
            picture(figure, 2 + k, recolouring.picture(), String.format(Locale.ROOT,
                    "recoloured, blur %s (%.1f s)", recolouring.blur(), recolouring.seconds()));
            cloud(figure, 2 + k, colours(recolouring.picture()), "T(x_i), blur "
                    + recolouring.blur());
        }
        return figure;
    }

    private static void picture(PanelFigure figure, int column, BufferedImage image, String title) {
        Panel panel = figure.panel(0, column, 0, 1, 0, 1);
        panel.picture(image, 0, 1, 0, 1);
        panel.title(title);
        panel.border();
    }

    /** The colours projected on the plane orthogonal to gray, each dot in its own colour. */
    private static void cloud(PanelFigure figure, int column, float[][] colours, String title) {
        Panel panel = figure.panel(1, column, -0.45, 0.75, -0.6, 0.6);
        double[] plane = new double[2 * colours.length];
        Color[] dots = new Color[colours.length];
        for (int i = 0; i < colours.length; i++) {
            float[] c = colours[i];
            plane[2 * i] = (c[0] - c[2]) / SQRT2;
            plane[2 * i + 1] = (2 * c[1] - c[0] - c[2]) / SQRT6;
            dots[i] = new Color(c[0], c[1], c[2]);
        }
        panel.dots(plane, 2, 0, 1, dots, 3);
        panel.title(title + " (R-B, 2G-R-B)");
        panel.border();
    }
}
