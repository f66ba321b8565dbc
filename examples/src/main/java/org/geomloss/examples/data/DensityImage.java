package org.geomloss.examples.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.function.DoubleBinaryOperator;

/**
 * A probability density on the unit square given by a grayscale picture, read as GeomLoss's
 * gallery reads its {@code density_a.png}: a pixel's density is {@code 1 - gray/255} (black is dense,
 * white is empty; the stored gray levels of grayscale pictures, the luminance of colour ones), and the picture's bottom row is {@code y = 0}. Pixel {@code (column, row)} (row
 * counted from the bottom) sits at {@code (column/(W-1), row/(H-1))}.
 *
 * <p>Immutable and thread-safe.
 */
public final class DensityImage {

    private final int width;
    private final int height;
    private final double[] density;

    private DensityImage(int width, int height, double[] density) {
        this.width = width;
        this.height = height;
        this.density = density;
        double total = 0.0;
        for (double value : density) {
            total += value;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the picture is blank: a density needs at least one "
                    + "pixel darker than white");
        }
    }

    /** The density of any picture (colours are converted to luminance). */
    public static DensityImage fromImage(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (width < 2 || height < 2) {
            throw new IllegalArgumentException("a density picture needs at least 2 x 2 pixels, got "
                    + width + " x " + height);
        }
        double[] density = new double[width * height];
        Raster raster = image.getRaster();
        boolean gray = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        double grayMax = (1 << image.getColorModel().getComponentSize(0)) - 1.0;
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                int y = height - 1 - row;
                double level;
                double alpha;
                if (gray) {
                    // The stored gray levels, as imageio reads them; getRGB would apply a gamma.
                    level = raster.getSample(column, y, 0) / grayMax;
                    alpha = raster.getNumBands() > 1 ? raster.getSample(column, y, 1) / grayMax : 1.0;
                } else {
                    int rgb = image.getRGB(column, y);
                    alpha = ((rgb >>> 24) & 0xff) / 255.0;
                    level = (0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff)
                            + 0.114 * (rgb & 0xff)) / 255.0;
                }
                double composited = alpha * level + (1 - alpha);
                density[row * width + column] = Math.clamp(1.0 - composited, 0.0, 1.0);
            }
        }
        return new DensityImage(width, height, density);
    }

    /** The density of a PNG (or any picture Java can read) file. */
    public static DensityImage read(Path file) {
        BufferedImage image = PictureFile.read(file);
        try {
            return fromImage(image);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renders {@code darkness(x, y)} (in [0, 1], 1 is black) on a {@code size x size} grayscale
     * picture, y pointing up: the procedural density pictures of the gallery.
     */
    public static BufferedImage render(int size, DoubleBinaryOperator darkness) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int row = 0; row < size; row++) {
            for (int column = 0; column < size; column++) {
                double x = column / (size - 1.0);
                double y = row / (size - 1.0);
                double dark = Math.clamp(darkness.applyAsDouble(x, y), 0.0, 1.0);
                int gray = (int) Math.round(255 * (1 - dark));
                image.getRaster().setSample(column, size - 1 - row, 0, gray);
            }
        }
        return image;
    }

    /** The number of pixel columns. */
    public int width() {
        return width;
    }

    /** The number of pixel rows. */
    public int height() {
        return height;
    }

    /** The (unnormalised) density of pixel {@code (column, row)}, row 0 at the bottom. */
    public double density(int column, int row) {
        return density[row * width + column];
    }
}
