package org.geomloss.examples.gallery;

import org.geomloss.Backend;
import org.geomloss.Loss;
import org.geomloss.SamplesLoss;

/**
 * The nine losses of GeomLoss's gallery page "Gradient flows in 2D", in its order: two Gaussian and
 * one Laplacian kernel norms, the energy distance, and Sinkhorn divergences for {@code p = 1, 2} with
 * a large and a small blur, plus the unbalanced {@code p = 2, blur = 0.01, reach = 0.3}. Every other
 * parameter keeps GeomLoss's default.
 */
public enum GallerySetting {
    /** {@code SamplesLoss("gaussian", blur=0.5)}: blind to details smaller than the blur. */
    GAUSSIAN_BLUR_0_5(Loss.GAUSSIAN, 2, 0.5, null),
    /** {@code SamplesLoss("gaussian", blur=0.1)}: particles far from the target spread out. */
    GAUSSIAN_BLUR_0_1(Loss.GAUSSIAN, 2, 0.1, null),
    /** {@code SamplesLoss("laplacian", blur=0.1)}. */
    LAPLACIAN_BLUR_0_1(Loss.LAPLACIAN, 2, 0.1, null),
    /** {@code SamplesLoss("energy")}: the energy distance. */
    ENERGY(Loss.ENERGY, 2, null, null),
    /** {@code SamplesLoss("sinkhorn", p=1, blur=1.0)}: close to the energy distance. */
    SINKHORN_P1_BLUR_1(Loss.SINKHORN, 1, 1.0, null),
    /** {@code SamplesLoss("sinkhorn", p=1, blur=0.01)}: close to the Wasserstein-1 distance. */
    SINKHORN_P1_BLUR_0_01(Loss.SINKHORN, 1, 0.01, null),
    /** {@code SamplesLoss("sinkhorn", p=2, blur=1.0)}: mostly registers the means. */
    SINKHORN_P2_BLUR_1(Loss.SINKHORN, 2, 1.0, null),
    /** {@code SamplesLoss("sinkhorn", p=2, blur=0.01)}: close to the Wasserstein-2 distance. */
    SINKHORN_P2_BLUR_0_01(Loss.SINKHORN, 2, 0.01, null),
    /** {@code SamplesLoss("sinkhorn", p=2, blur=0.01, reach=0.3)}: unbalanced, robust to outliers. */
    SINKHORN_P2_BLUR_0_01_REACH_0_3(Loss.SINKHORN, 2, 0.01, 0.3);

    private final Loss loss;
    private final int p;
    private final Double blur;
    private final Double reach;

    GallerySetting(Loss loss, int p, Double blur, Double reach) {
        this.loss = loss;
        this.p = p;
        this.blur = blur;
        this.reach = reach;
    }

    /**
     * The loss with GeomLoss's defaults for every parameter the gallery does not set, on
     * {@code backend} (a choice of speed and memory that leaves the numbers unchanged).
     */
    public SamplesLoss samplesLoss(Backend backend) {
        SamplesLoss.Builder builder = SamplesLoss.builder().loss(loss).p(p).reach(reach)
                .backend(backend);
        if (blur != null) {
            builder.blur(blur);
        }
        return builder.build();
    }

    /** The Python call of the gallery, e.g. {@code SamplesLoss("sinkhorn", p=2, blur=0.01)}. */
    public String label() {
        StringBuilder text = new StringBuilder("SamplesLoss(\"").append(loss.geomlossName())
                .append('"');
        if (loss == Loss.SINKHORN) {
            text.append(", p=").append(p);
        }
        if (blur != null) {
            text.append(", blur=").append(blur);
        }
        if (reach != null) {
            text.append(", reach=").append(reach);
        }
        return text.append(')').toString();
    }

    /** A file name, e.g. {@code 08_sinkhorn_p2_blur0.01.png}. */
    public String fileName() {
        StringBuilder name = new StringBuilder(String.format("%02d_", ordinal() + 1))
                .append(loss.geomlossName());
        if (loss == Loss.SINKHORN) {
            name.append("_p").append(p);
        }
        if (blur != null) {
            name.append("_blur").append(blur);
        }
        if (reach != null) {
            name.append("_reach").append(reach);
        }
        return name.append(".png").toString();
    }
}
