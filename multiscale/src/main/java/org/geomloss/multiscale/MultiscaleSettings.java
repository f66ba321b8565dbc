package org.geomloss.multiscale;

import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.Refinement;

/**
 * The settings of a multiscale Sinkhorn run ({@link MultiscaleSinkhorn#solve}).
 *
 * @param plan         the coarse-to-fine scheme
 * @param p            the exponent of the ground cost, 1 or 2
 * @param blur         the target temperature is {@code blur^p}
 * @param reach        {@code rho = reach^p}; {@link Double#POSITIVE_INFINITY} for balanced OT
 * @param diameter     the diameter used by the schedule (already resolved; 0 counts as blur)
 * @param scaling      the epsilon-scaling ratio, in (0, 1)
 * @param truncate     the truncation threshold in units of eps, or null to keep every pair
 * @param clusterScale {@link MultiscalePlan#TWO_SCALE}: the voxel size;
 *                     {@link MultiscalePlan#PYRAMID}: the side of the finest grid cells; null for
 *                     the default
 * @param refinement   iterations at {@code blur^p} on the points until the marginal error meets a
 *                     tolerance, or null for GeomLoss's fixed schedule
 * @param debias       whether to solve the self problems OT(a, a) and OT(b, b)
 * @param verbose      log at INFO rather than DEBUG
 */
public record MultiscaleSettings(MultiscalePlan plan, int p, double blur, double reach,
                                 double diameter, double scaling, Double truncate,
                                 Double clusterScale, Refinement refinement, boolean debias,
                                 boolean verbose) {

    /** Checks the values a multiscale run cannot use. */
    public MultiscaleSettings {
        java.util.Objects.requireNonNull(plan, "plan");
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("the multiscale backend needs p=1 or p=2, got p=" + p);
        }
        if (!(reach > 0)) {
            throw new IllegalArgumentException("reach must be > 0 (or +infinity), got " + reach);
        }
        if (truncate != null && !(truncate >= 0)) {
            throw new IllegalArgumentException("truncate must be >= 0 or null, got " + truncate);
        }
    }

    /** GeomLoss's temperatures from {@code diameter^p} down to {@code blur^p} ({@link EpsilonSchedule#geomloss}). */
    public double[] schedule() {
        return EpsilonSchedule.geomloss(p, diameter, blur, scaling);
    }

    /** The marginal penalty {@code reach^p}, or {@code +infinity} when balanced. */
    public double rho() {
        return Double.isInfinite(reach) ? Double.POSITIVE_INFINITY : Math.pow(reach, p);
    }
}
