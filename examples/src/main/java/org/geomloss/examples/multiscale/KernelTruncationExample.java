package org.geomloss.examples.multiscale;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geomloss.DualPotentials;
import org.geomloss.Loss;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.draw.Palette;
import org.geomloss.examples.draw.Panel;
import org.geomloss.examples.draw.PanelFigure;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.multiscale.Clustering;
import org.geomloss.multiscale.GridClustering;
import org.geomloss.multiscale.KernelTruncation;

/**
 * Clustering and kernel truncation, the two ideas of the multiscale backend (GeomLoss's
 * {@code plot_optimal_transport_cluster} and {@code plot_kernel_truncation}). Both clouds are cut
 * into voxels of side {@code s} ({@link GridClustering}); the entropic transport potentials
 * {@code f, g} ({@link SamplesLoss}, Sinkhorn, {@code p = 2}, {@code eps = blur^2},
 * {@code debias = false}) then tell which pairs of clusters can carry plan mass:
 * {@link KernelTruncation} keeps the pair {@code (k, l)} unless a bound over the two clusters'
 * bounding boxes proves {@code f_i + g_j - |x_i - y_j|^2 / 2 <= -truncate eps} for all of its
 * point pairs (and unless the skipped mass of row {@code k} could exceed {@code 1e-6}). Drawn for
 * each blur:
 * <ul>
 *   <li>in space: the clusters of x (coloured) and y (gray), with a segment between the centroids
 *       of every kept pair;</li>
 *   <li>as the block matrix of the soft-min onto x: row {@code k}, column {@code l}, black where
 *       kept, the clusters in the sorted order of the backend.</li>
 * </ul>
 * The smaller the blur, the more concentrated the plan and the fewer blocks a soft-min visits.
 *
 * <p>Immutable and thread-safe.
 */
public final class KernelTruncationExample {

    private static final int PANEL_SIZE = 330;
    /** The marginal error the potentials are iterated to: truncation certifies converged ones. */
    private static final double TOLERANCE = 1e-5;

    private final double clusterScale;
    private final double truncate;
    private final double[] blurs;

    /** The example at voxel size {@code clusterScale}, threshold {@code truncate}, for blurs. */
    public KernelTruncationExample(double clusterScale, double truncate, double... blurs) {
        if (!(clusterScale > 0) || Double.isInfinite(clusterScale)) {
            throw new IllegalArgumentException("clusterScale must be > 0 and finite, got "
                    + clusterScale);
        }
        if (!(truncate >= 0) || Double.isInfinite(truncate)) {
            throw new IllegalArgumentException("truncate must be >= 0 and finite, got " + truncate);
        }
        if (blurs.length == 0) {
            throw new IllegalArgumentException("blurs must list at least one blur");
        }
        this.clusterScale = clusterScale;
        this.truncate = truncate;
        this.blurs = blurs.clone();
    }

    /** The kept blocks at one blur. */
    public record Truncation(double blur, KernelTruncation.KeptBlocks kept, boolean[][] keptPairs) {
    }

    /** The clusterings, the truncations and the figure. */
    public record Result(Clustering x, Clustering y, List<Truncation> truncations,
                         PanelFigure figure) {
    }

    /** Clusters {@code x} and {@code y} (2D) and draws their kept blocks at each blur. */
    public Result run(Measure x, Measure y) {
        if (x.dimension() != 2 || y.dimension() != 2) {
            throw new IllegalArgumentException("the truncation example draws 2D clouds, got "
                    + "dimensions " + x.dimension() + " and " + y.dimension());
        }
        Clustering cx = GridClustering.cluster(points(x), x.weights(), clusterScale);
        Clustering cy = GridClustering.cluster(points(y), y.weights(), clusterScale);
        List<Truncation> truncations = new ArrayList<>();
        for (double blur : blurs) {
            DualPotentials potentials = SamplesLoss.builder().loss(Loss.SINKHORN).p(2).blur(blur)
                    .debias(false).tol(TOLERANCE).build().potentials(x, y);
            double eps = blur * blur;
            KernelTruncation.KeptBlocks kept = KernelTruncation.keep(
                    GroundCost.HALF_SQUARED_EUCLIDEAN, cx, sorted(potentials.f(), cx), cy,
                    sorted(potentials.g(), cy), truncate * eps, eps);
            truncations.add(new Truncation(blur, kept, clusterPairs(kept, cx, cy)));
        }
        return new Result(cx, cy, List.copyOf(truncations), draw(cx, cy, truncations));
    }

    private static PointArray points(Measure measure) {
        return new PointArray(measure.coordinates(), measure.count(), measure.dimension());
    }

    /** A per-point array in the sorted order of {@code clustering}. */
    private static double[] sorted(double[] values, Clustering clustering) {
        int[] permutation = clustering.permutation();
        double[] out = new double[values.length];
        for (int s = 0; s < out.length; s++) {
            out[s] = values[permutation[s]];
        }
        return out;
    }

    /** {@code kept[k][l]}: whether the soft-min onto cluster k of x visits cluster l of y. */
    private static boolean[][] clusterPairs(KernelTruncation.KeptBlocks kept, Clustering cx,
                                            Clustering cy) {
        int[] columnStarts = cy.clusterStarts();
        boolean[][] pairs = new boolean[cx.clusterCount()][cy.clusterCount()];
        int[] offsets = kept.blocks().rangeOffsets();
        int[] ranges = kept.blocks().columnRanges();
        for (int k = 0; k < cx.clusterCount(); k++) {
            for (int r = offsets[k]; r < offsets[k + 1]; r++) {
                for (int l = 0; l < cy.clusterCount(); l++) {
                    if (columnStarts[l] < ranges[2 * r + 1] && columnStarts[l + 1] > ranges[2 * r]) {
                        pairs[k][l] = true;
                    }
                }
            }
        }
        return pairs;
    }

    private PanelFigure draw(Clustering cx, Clustering cy, List<Truncation> truncations) {
        PanelFigure figure = new PanelFigure(1, 1 + truncations.size(), PANEL_SIZE, String.format(
                Locale.ROOT, "Clusters of side %s and the blocks kept at truncate = %s (soft-min "
                        + "onto x: rows, x clusters; columns, y clusters)", clusterScale, truncate));
        double[] xs = widen(cx.points().coords());
        double[] ys = widen(cy.points().coords());
        double[] window = PanelFigure.squareWindow(xs, ys);
        Panel space = figure.panel(0, 0, window[0], window[1], window[2], window[3]);
        space.dots(ys, 2, 0, 1, clusterColours(cy, true), 3);
        space.dots(xs, 2, 0, 1, clusterColours(cx, false), 3);
        space.title(String.format(Locale.ROOT, "%d x clusters, %d y clusters (pale)",
                cx.clusterCount(), cy.clusterCount()));
        space.border();
        for (int t = 0; t < truncations.size(); t++) {
            Truncation truncation = truncations.get(t);
            Panel matrix = figure.panel(0, 1 + t, 0, 1, 0, 1);
            matrix.picture(mask(truncation.keptPairs()), 0, 1, 0, 1);
            matrix.title(String.format(Locale.ROOT, "blur %s: %.0f%% of blocks, %.0f%% of pairs",
                    truncation.blur(), 100 * truncation.kept().clusterFraction(),
                    100 * truncation.kept().pointFraction()));
            matrix.border();
        }
        return figure;
    }

    private static BufferedImage mask(boolean[][] kept) {
        BufferedImage image = new BufferedImage(kept[0].length, kept.length,
                BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < kept.length; k++) {
            for (int l = 0; l < kept[k].length; l++) {
                image.setRGB(l, k, kept[k][l] ? 0x202020 : 0xFFFFFF);
            }
        }
        return image;
    }

    /** One colour per cluster, pale (translucent) when asked. */
    private static Color[] clusterColours(Clustering clustering, boolean pale) {
        Color[] colours = new Color[clustering.points().count()];
        int[] starts = clustering.clusterStarts();
        for (int k = 0; k < clustering.clusterCount(); k++) {
            Color colour = Palette.category(k);
            Color shown = pale ? new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 70)
                    : colour;
            for (int s = starts[k]; s < starts[k + 1]; s++) {
                colours[s] = shown;
            }
        }
        return colours;
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = values[k];
        }
        return out;
    }
}
