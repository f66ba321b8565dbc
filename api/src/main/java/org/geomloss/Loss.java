package org.geomloss;

import java.util.Locale;
import java.util.Objects;

/**
 * The losses of GeomLoss's {@code SamplesLoss} ({@code loss=...}).
 *
 * <ul>
 *   <li>{@link #SINKHORN}: the (debiased) Sinkhorn divergence
 *       {@code S(a,b) = OT_eps(a,b) - OT_eps(a,a)/2 - OT_eps(b,b)/2}, or the raw entropic OT cost
 *       {@code OT_eps(a,b)} without debiasing; balanced, or unbalanced (KL marginal penalties) when a
 *       reach is set.</li>
 *   <li>{@link #HAUSDORFF}: the soft Hausdorff divergence of Feydy et al. (2018, "Global divergences
 *       between measures"), built on the self-transport potentials. Not implemented upstream.</li>
 *   <li>{@link #ENERGY}, {@link #GAUSSIAN}, {@link #LAPLACIAN}: kernel norms
 *       {@code |a - b|_k^2 / 2} for the kernels of {@link org.geomloss.kernels.RadialKernel}.</li>
 * </ul>
 */
public enum Loss {
    /** Sinkhorn divergence (GeomLoss's default). */
    SINKHORN,
    /** Soft Hausdorff divergence. */
    HAUSDORFF,
    /** Energy distance, kernel {@code -|x - y|}. */
    ENERGY,
    /** Gaussian kernel norm. */
    GAUSSIAN,
    /** Laplacian kernel norm. */
    LAPLACIAN;

    /** GeomLoss's name, e.g. {@code "sinkhorn"}. */
    public String geomlossName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The loss named as in GeomLoss ({@code "sinkhorn"}, ...), case-insensitive. */
    public static Loss fromName(String name) {
        Objects.requireNonNull(name, "name");
        for (Loss loss : values()) {
            if (loss.name().equalsIgnoreCase(name)) {
                return loss;
            }
        }
        throw new IllegalArgumentException("loss must be one of sinkhorn, hausdorff, energy, "
                + "gaussian, laplacian; got '" + name + "'");
    }
}
