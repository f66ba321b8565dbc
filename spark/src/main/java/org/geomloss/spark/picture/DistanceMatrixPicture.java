package org.geomloss.spark.picture;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a symmetric matrix of losses as a PNG heat map, rows and columns in the leaf order of an
 * average-linkage clustering ({@link HierarchicalClustering}), so that groups of similar clouds show
 * as dark blocks on the diagonal. Colours run from dark (small) to light (large) along the viridis
 * scale, from 0 (the diagonal) or the smallest value if negative; a missing value is grey; a colour
 * bar gives the range.
 *
 * <ul>
 *   <li>The heat map is at most {@value #MAP_PIXELS} pixels wide: each cloud gets
 *       {@code MAP_PIXELS / n} pixels, or, beyond {@value #MAP_PIXELS} clouds, each pixel shows the
 *       cloud pair nearest to its centre.</li>
 *   <li>Written to a temporary file beside the destination, then moved onto it.</li>
 * </ul>
 * Stateless and thread-safe (Java2D off screen; works with {@code java.awt.headless=true}).
 */
public final class DistanceMatrixPicture {

    static final int MAP_PIXELS = 800;
    private static final int MARGIN = 40;
    private static final int BAR = 24;
    private static final float[][] VIRIDIS = {
        {0.267f, 0.005f, 0.329f}, {0.230f, 0.322f, 0.546f}, {0.128f, 0.567f, 0.551f},
        {0.369f, 0.789f, 0.383f}, {0.993f, 0.906f, 0.144f}};

    private DistanceMatrixPicture() {
    }

    /**
     * Draws the matrix {@code values[i * n + j]} of the clouds {@code ids} (NaN: missing) into
     * {@code file}.
     *
     * @return the clouds in the order drawn
     */
    public static List<String> write(Path file, List<String> ids, float[] values) {
        int n = ids.size();
        int[] order = HierarchicalClustering.leafOrder(values.clone(), n);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && Float.isFinite(values[i * n + j])) {
                    min = Math.min(min, values[i * n + j]);
                    max = Math.max(max, values[i * n + j]);
                }
            }
        }
        if (min > max) {
            min = 0f;
            max = 1f;
        }
        min = Math.min(min, 0f);
        int cell = Math.max(1, MAP_PIXELS / n);
        int side = Math.min(MAP_PIXELS, n * cell);
        BufferedImage image = new BufferedImage(side + 3 * MARGIN + BAR, side + 2 * MARGIN,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int py = 0; py < side; py++) {
            int i = order[(int) ((long) py * n / side)];
            for (int px = 0; px < side; px++) {
                int j = order[(int) ((long) px * n / side)];
                float value = values[i * n + j];
                int rgb = i == j ? colour(0f).getRGB()
                        : Float.isFinite(value) ? colour((value - min) / (max - min)).getRGB()
                        : Color.GRAY.getRGB();
                image.setRGB(MARGIN + px, MARGIN + py, rgb);
            }
        }
        for (int py = 0; py < side; py++) {
            g.setColor(colour(1f - (float) py / Math.max(1, side - 1)));
            g.fillRect(2 * MARGIN + side, MARGIN + py, BAR, 1);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(String.format(Locale.ROOT, "%d clouds, ordered by average-linkage clustering",
                n), MARGIN, MARGIN - 14);
        g.drawString(String.format(Locale.ROOT, "%.3g", max), 2 * MARGIN + side, MARGIN - 4);
        g.drawString(String.format(Locale.ROOT, "%.3g", min), 2 * MARGIN + side,
                MARGIN + side + 16);
        g.dispose();
        save(image, file);
        return Arrays.stream(order).mapToObj(ids::get).toList();
    }

    /** The viridis colour at {@code t} in [0, 1]. */
    static Color colour(float t) {
        float x = Math.clamp(t, 0f, 1f) * (VIRIDIS.length - 1);
        int k = Math.min((int) x, VIRIDIS.length - 2);
        float f = x - k;
        float[] a = VIRIDIS[k];
        float[] b = VIRIDIS[k + 1];
        return new Color(a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]),
                a[2] + f * (b[2] - a[2]));
    }

    private static void save(BufferedImage image, Path file) {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp.png");
        try {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer");
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot write: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the move succeeded or the write failed; nothing more to clean
            }
        }
    }
}
