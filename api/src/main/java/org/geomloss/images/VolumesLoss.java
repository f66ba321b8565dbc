package org.geomloss.images;

import java.util.ArrayList;
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
        int batch = Densities.requireBatch(a, b);
        RegularGrid grid = grid(depth, height, width);
        List<GridLossResult> results = new ArrayList<>(batch);
        for (int k = 0; k < batch; k++) {
            results.add(engine.compute(grid, a[k], b[k]));
        }
        return List.copyOf(results);
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

    /** Immutable builder: each setter returns a new builder. Defaults are GeomLoss's. */
    public static final class Builder {
        private final GridLossSettings settings;

        private Builder(GridLossSettings settings) {
            this.settings = settings;
        }

        /** Cost exponent: 2 (default, {@code |x-y|^2/2}) or 1 (L1 grid distance). */
        public Builder p(int p) {
            return new Builder(settings.withP(p));
        }

        /** Target blur {@code eps^(1/p)}, in units of the domain (default: one voxel). */
        public Builder blur(double blur) {
            return new Builder(settings.withBlur(blur));
        }

        /** Reach of unbalanced OT, {@code rho = reach^p} (default: unset, balanced). */
        public Builder reach(double reach) {
            return new Builder(settings.withReach(reach));
        }

        /** Back to balanced OT. */
        public Builder balanced() {
            return new Builder(settings.withReach(null));
        }

        /** Ratio between successive blurs of the annealing, in (0, 1) (default 0.5). */
        public Builder scaling(double scaling) {
            return new Builder(settings.withScaling(scaling));
        }

        /** Debiased Sinkhorn divergence (default true) or raw entropic OT. */
        public Builder debias(boolean debias) {
            return new Builder(settings.withDebias(debias));
        }

        /** Run coarse temperatures on a volume pyramid (default true); false: all on the input grid. */
        public Builder multiscale(boolean multiscale) {
            return new Builder(settings.withMultiscale(multiscale));
        }

        /** The loss. */
        public VolumesLoss build() {
            return new VolumesLoss(settings);
        }
    }
}
