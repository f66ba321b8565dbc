package org.geomloss.images;

import java.util.List;

/**
 * The Sinkhorn divergence between two non-negative densities on the same 3D grid (volumes, 3D
 * segmentation masks), with its gradients with respect to the densities: GeomLoss's advertised
 * {@code VolumesLoss}. Everything ({@code p}, blur, reach, scaling, value and gradient formulas,
 * multiscale pyramid, edge cases, differences from upstream) is as in {@link ImagesLoss}, with a
 * {@code depth x height x width} grid of cubic voxels of side {@code 1 / max(depth, height, width)}
 * (a cube {@code n^3} covers {@code [0,1)^3}; the schedule starts at its diagonal {@code sqrt 3}).
 * A soft-min costs {@code O(N^(4/3))} for {@code N} voxels.
 *
 * <p>Arrays are row-major: voxel {@code (z, y, x)} is entry {@code (z * height + y) * width + x}.
 *
 * <p>Immutable and thread-safe.
 */
public final class VolumesLoss {

    private final GridSinkhornDivergence engine;
    private final GridLossSettings settings;

    private VolumesLoss(GridLossSettings settings) {
        this.settings = settings;
        this.engine = new GridSinkhornDivergence(settings);
    }

    /** A builder with GeomLoss's defaults: p = 2, blur = one voxel, balanced, scaling 0.5, debiased. */
    public static Builder builder() {
        return new Builder(GridLossSettings.DEFAULTS);
    }

    /**
     * The divergence between two row-major {@code depth x height x width} volumes.
     *
     * @throws IllegalArgumentException on a size mismatch, a negative or non-finite entry, a zero
     *                                  mass, or unequal masses in balanced mode
     */
    public double value(double[] a, double[] b, int depth, int height, int width) {
        return valueAndGradients(a, b, depth, height, width).value();
    }

    /** The divergence and its gradients with respect to both volumes (same layout as the inputs). */
    public GridLossResult valueAndGradients(double[] a, double[] b, int depth, int height,
                                            int width) {
        return engine.compute(grid(depth, height, width), a, b);
    }

    /** One result per volume pair {@code (a[k], b[k])}; all volumes have the same shape. */
    public List<GridLossResult> valueAndGradients(double[][] a, double[][] b, int depth,
                                                  int height, int width) {
        return engine.computeBatch(grid(depth, height, width), a, b);
    }

    /** The divergences of a batch of volume pairs. */
    public double[] values(double[][] a, double[][] b, int depth, int height, int width) {
        return valueAndGradients(a, b, depth, height, width).stream()
                .mapToDouble(GridLossResult::value).toArray();
    }

    @Override
    public String toString() {
        return "VolumesLoss" + settings;
    }

    private static RegularGrid grid(int depth, int height, int width) {
        if (depth < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("depth, height and width must be >= 1, got "
                    + depth + " x " + height + " x " + width);
        }
        return RegularGrid.unit(depth, height, width);
    }

    /**
     * Immutable builder: each setter ({@code p}, {@code blur}, {@code reach}, {@code balanced},
     * {@code scaling}, {@code debias}, {@code multiscale}) returns a new builder. Defaults are
     * GeomLoss's.
     */
    public static final class Builder extends GridLossBuilder<Builder, VolumesLoss> {
        private Builder(GridLossSettings settings) {
            super(settings);
        }

        @Override
        Builder with(GridLossSettings updated) {
            return new Builder(updated);
        }

        /** The loss. */
        @Override
        public VolumesLoss build() {
            return new VolumesLoss(settings);
        }
    }
}
