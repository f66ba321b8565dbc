package org.geomloss.images;

import java.util.List;

/**
 * The Sinkhorn divergence between two non-negative densities on the same 2D grid (density maps,
 * segmentation masks), with its gradients with respect to the densities. GeomLoss advertises
 * {@code ImagesLoss} and ships the legacy {@code sinkhorn_divergence} for images; this is that
 * computation, with upstream's limits lifted.
 *
 * <p><b>Maths.</b> An {@code height x width} image is a measure on the grid of {@link RegularGrid#unit}
 * (pixel side {@code h = 1 / max(height, width)}, so a square image covers {@code [0,1)^2}), pixel
 * {@code (r, c)} carrying mass {@code a[r * width + c]} at its centre. With
 * {@code C(x, y) = |x - y|^2 / 2} ({@code p = 2}) or the L1 distance ({@code p = 1}, as upstream),
 * {@code eps = blur^p} and {@code rho = reach^p}, the value is GeomLoss's
 * <pre>
 *   balanced, debiased:   S(a, b) = &lt;a, F_ba - F_aa&gt; + &lt;b, G_ab - G_bb&gt;
 *   balanced, raw:        &lt;a, F_ba&gt; + &lt;b, G_ab&gt;
 *   unbalanced, debiased: (rho + eps/2) (&lt;a, e^{-F_aa/rho} - e^{-F_ba/rho}&gt; + &lt;b, e^{-G_bb/rho} - e^{-G_ab/rho}&gt;)
 *   unbalanced, raw:      (rho + eps/2) (&lt;a, 1 - e^{-F_ba/rho}&gt; + &lt;b, 1 - e^{-G_ab/rho}&gt;)
 * </pre>
 * where the potentials come from GeomLoss's symmetric eps-scaling loop (schedule from the grid
 * diagonal down to {@code blur}, one averaged iteration per temperature, a final extrapolation). Each
 * soft-min is a separable log-domain convolution ({@link GridSoftmin}): at most {@code O(N^1.5)} per
 * soft-min for {@code N} pixels instead of {@code O(N^2)}, and nearly {@code O(N)} at blurs of a few
 * pixels, where negligible blocks of the convolution are skipped. With {@code multiscale} (default),
 * each temperature {@code eps = sigma^p} runs on the coarsest level of a pyramid of 2x2-summed images
 * whose pixel is at most {@code sigma}, the potentials being carried to finer levels by the
 * closed-form C-transform; the final step always runs on the input grid.
 *
 * <p><b>Gradients</b> ({@link GridLossResult#gradientA()}): balanced, they are the potentials, as in
 * GeomLoss: {@code dS/da = F_ba - F_aa} (debiased) or {@code F_ba} (raw); GeomLoss's
 * {@code potentials=True} output is also returned as such in every mode
 * ({@link GridLossResult#potentialA()}). Unbalanced, they are the
 * true derivatives of the value at convergence:
 * {@code (rho + eps)(e^{-F_aa/rho} - e^{-F_ba/rho})} (debiased; the mass terms of the dual cancel)
 * and {@code (rho + eps)(1 - e^{-F_ba/rho}) - eps/2} (raw). GeomLoss's autograd applies
 * {@code rho + eps/2} instead of {@code rho + eps} (its intended backward is dead code) and misses
 * the raw {@code -eps/2}: its unbalanced gradients are off by the factor
 * {@code (rho + eps/2) / (rho + eps)}. Finite differences of the value confirm these formulas
 * (GridLossPropertiesTest).
 *
 * <p><b>Differences from upstream</b> (all deliberate):
 * <ul>
 *   <li>any size, square or not, odd or even (upstream: {@code n x n}, n a power of two); an odd
 *       axis is padded with an empty cell in the pyramid, which keeps the mass exactly;</li>
 *   <li>any {@code blur > 0} (upstream: about one pixel, else it crashes); blurs below a pixel simply
 *       run the last temperatures on the input grid;</li>
 *   <li>the diameter of the schedule is the box diagonal ({@code sqrt 2} for a square image), not 1;</li>
 *   <li>coarse-to-fine transfers are C-transforms, and a full-resolution final step always runs
 *       (upstream upsamples bilinearly and may stop on the upsampled potentials);</li>
 *   <li>float64 throughout; zero-mass pixels get log-weight {@code -100000} as in {@code SamplesLoss}
 *       (upstream's image code uses {@code -10000}); no channel axis: pass channels as a batch and
 *       add the values.</li>
 * </ul>
 *
 * <p><b>Edge cases.</b> {@code S(a, a) = 0} exactly and {@code S(a, b) = S(b, a)} (symmetric loop).
 * Balanced mode requires equal masses (relative difference at most 1e-4). With the default
 * {@code scaling = 0.5} the loop is not converged and small negative values (about 1e-3 of the
 * transport cost) can occur, as upstream; use 0.8 to 0.95 for accuracy.
 *
 * <p>Immutable and thread-safe; the kernels use the {@link org.geomloss.kernels.ComputePool}.
 */
public final class ImagesLoss {

    private final GridSinkhornDivergence engine;
    private final GridLossSettings settings;

    private ImagesLoss(GridLossSettings settings) {
        this.settings = settings;
        this.engine = new GridSinkhornDivergence(settings);
    }

    /** A builder with GeomLoss's defaults: p = 2, blur = one pixel, balanced, scaling 0.5, debiased. */
    public static Builder builder() {
        return new Builder(GridLossSettings.DEFAULTS);
    }

    /**
     * The divergence between two row-major {@code height x width} images.
     *
     * @throws IllegalArgumentException on a size mismatch, a negative or non-finite entry, a zero
     *                                  mass, or unequal masses in balanced mode
     */
    public double value(double[] a, double[] b, int height, int width) {
        return valueAndGradients(a, b, height, width).value();
    }

    /** The divergence and its gradients with respect to both images (same layout as the inputs). */
    public GridLossResult valueAndGradients(double[] a, double[] b, int height, int width) {
        return engine.compute(grid(height, width), a, b);
    }

    /** One result per image pair {@code (a[k], b[k])}; all images have the same shape. */
    public List<GridLossResult> valueAndGradients(double[][] a, double[][] b, int height,
                                                  int width) {
        return engine.computeBatch(grid(height, width), a, b);
    }

    /** The divergences of a batch of image pairs. */
    public double[] values(double[][] a, double[][] b, int height, int width) {
        return valueAndGradients(a, b, height, width).stream().mapToDouble(GridLossResult::value)
                .toArray();
    }

    /** The settings, for logs: p, blur (null = one pixel), reach (null = balanced), scaling. */
    @Override
    public String toString() {
        return "ImagesLoss" + settings;
    }

    private static RegularGrid grid(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height and width must be >= 1, got " + height
                    + " x " + width);
        }
        return RegularGrid.unit(height, width);
    }

    /**
     * Immutable builder: each setter ({@code p}, {@code blur}, {@code reach}, {@code balanced},
     * {@code scaling}, {@code debias}, {@code multiscale}) returns a new builder. Defaults are
     * GeomLoss's.
     */
    public static final class Builder extends GridLossBuilder<Builder, ImagesLoss> {
        private Builder(GridLossSettings settings) {
            super(settings);
        }

        @Override
        Builder with(GridLossSettings updated) {
            return new Builder(updated);
        }

        /** The loss. */
        @Override
        public ImagesLoss build() {
            return new ImagesLoss(settings);
        }
    }
}
