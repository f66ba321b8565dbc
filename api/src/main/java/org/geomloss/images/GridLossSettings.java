package org.geomloss.images;

import org.geomloss.NumericRange;

/**
 * The parameters shared by {@link ImagesLoss} and {@link VolumesLoss}, validated once.
 *
 * @param p          cost exponent, 1 or 2
 * @param blur       the target blur, or {@code null} for one cell of the input grid
 * @param reach      the reach of unbalanced OT, or {@code null} for balanced OT
 * @param scaling    ratio between successive blurs of the annealing, in (0, 1)
 * @param debias     whether to compute the debiased divergence
 * @param multiscale whether to run the coarse temperatures on a pyramid of coarser grids
 */
record GridLossSettings(int p, Double blur, Double reach, double scaling, boolean debias,
                        boolean multiscale) {

    /** GeomLoss's defaults: p = 2, one-pixel blur, balanced, scaling 0.5, debiased, multiscale. */
    static final GridLossSettings DEFAULTS = new GridLossSettings(2, null, null, 0.5, true, true);

    GridLossSettings {
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

    GridLossSettings withP(int value) {
        return new GridLossSettings(value, blur, reach, scaling, debias, multiscale);
    }

    GridLossSettings withBlur(Double value) {
        return new GridLossSettings(p, value, reach, scaling, debias, multiscale);
    }

    GridLossSettings withReach(Double value) {
        return new GridLossSettings(p, blur, value, scaling, debias, multiscale);
    }

    GridLossSettings withScaling(double value) {
        return new GridLossSettings(p, blur, reach, value, debias, multiscale);
    }

    GridLossSettings withDebias(boolean value) {
        return new GridLossSettings(p, blur, reach, scaling, value, multiscale);
    }

    GridLossSettings withMultiscale(boolean value) {
        return new GridLossSettings(p, blur, reach, scaling, debias, value);
    }
}
