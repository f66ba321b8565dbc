package org.geomloss.images;

import java.util.Objects;
import org.geomloss.NumericRange;
import org.geomloss.ot.SinkhornOptions;
import org.geomloss.sinkhorn.ProgressListener;
import org.geomloss.sinkhorn.Refinement;

/**
 * The parameters shared by {@link ImagesLoss} and {@link VolumesLoss}, validated once.
 *
 * @param p          cost exponent, 1 or 2
 * @param blur       the target blur, or {@code null} for one cell of the input grid
 * @param reach      the reach of unbalanced OT, or {@code null} for balanced OT
 * @param scaling    ratio between successive blurs of the annealing, in (0, 1)
 * @param debias     whether to compute the debiased divergence
 * @param multiscale whether to run the coarse temperatures on a pyramid of coarser grids
 * @param tol          the tolerance on the marginal error after the schedule, or null for
 *                     GeomLoss's fixed schedule ({@link Refinement})
 * @param maxExtraIter the cap on the iterations a tol may add
 * @param progress     told where each run stands
 */
record GridLossSettings(int p, Double blur, Double reach, double scaling, boolean debias,
                        boolean multiscale, Double tol, int maxExtraIter,
                        ProgressListener progress) {

    /**
     * GeomLoss's defaults: p = 2, one-pixel blur, balanced, scaling 0.5, debiased, multiscale; no
     * tol, no progress listener.
     */
    static final GridLossSettings DEFAULTS = new GridLossSettings(2, null, null, 0.5, true, true,
            null, SinkhornOptions.DEFAULT_MAX_EXTRA_ITER, ProgressListener.NONE);

    GridLossSettings {
        Objects.requireNonNull(progress, "progress");
        if (tol != null && (!(tol > 0) || tol.isInfinite())) {
            throw new IllegalArgumentException("tol must be > 0 and finite, got " + tol);
        }
        if (maxExtraIter < 0) {
            throw new IllegalArgumentException("maxExtraIter must be >= 0, got " + maxExtraIter);
        }
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("p must be 1 or 2, got " + p);
        }
        if (blur != null && (!(blur > 0) || blur.isInfinite())) {
            throw new IllegalArgumentException("blur must be > 0 and finite, got " + blur);
        }
        if (reach != null && (!(reach > 0) || reach.isInfinite())) {
            throw new IllegalArgumentException("reach must be > 0 and finite, got " + reach);
        }
        // The domain is the unit square or cube (diagonal <= sqrt(3)), so a normal blur^p also
        // keeps every cost / blur^p finite.
        if (blur != null) {
            NumericRange.power("blur", blur, p);
        }
        if (reach != null) {
            NumericRange.power("reach", reach, p);
        }
        if (!(scaling > 0 && scaling < 1)) {
            throw new IllegalArgumentException("scaling must be in (0, 1), got " + scaling);
        }
    }

    /** The blur to use on {@code grid}: the set value, or one cell. */
    double blurOn(RegularGrid grid) {
        return blur != null ? blur : grid.spacing();
    }

    /** {@code rho = reach^p}, or {@code +infinity} when balanced. */
    double rho() {
        return reach == null ? Double.POSITIVE_INFINITY : Math.pow(reach, p);
    }

    /** The refinement asked for by {@code tol}, or null. */
    Refinement refinement() {
        return tol == null ? null : new Refinement(tol, maxExtraIter);
    }

    GridLossSettings withP(int value) {
        return new GridLossSettings(value, blur, reach, scaling, debias, multiscale, tol,
                maxExtraIter, progress);
    }

    GridLossSettings withBlur(Double value) {
        return new GridLossSettings(p, value, reach, scaling, debias, multiscale, tol,
                maxExtraIter, progress);
    }

    GridLossSettings withReach(Double value) {
        return new GridLossSettings(p, blur, value, scaling, debias, multiscale, tol,
                maxExtraIter, progress);
    }

    GridLossSettings withScaling(double value) {
        return new GridLossSettings(p, blur, reach, value, debias, multiscale, tol, maxExtraIter,
                progress);
    }

    GridLossSettings withDebias(boolean value) {
        return new GridLossSettings(p, blur, reach, scaling, value, multiscale, tol, maxExtraIter,
                progress);
    }

    GridLossSettings withMultiscale(boolean value) {
        return new GridLossSettings(p, blur, reach, scaling, debias, value, tol, maxExtraIter,
                progress);
    }

    GridLossSettings withTol(Double value) {
        return new GridLossSettings(p, blur, reach, scaling, debias, multiscale, value,
                maxExtraIter, progress);
    }

    GridLossSettings withMaxExtraIter(int value) {
        return new GridLossSettings(p, blur, reach, scaling, debias, multiscale, tol, value,
                progress);
    }

    GridLossSettings withProgress(ProgressListener value) {
        return new GridLossSettings(p, blur, reach, scaling, debias, multiscale, tol,
                maxExtraIter, value);
    }
}
