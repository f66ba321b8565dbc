package org.geomloss.images;

import org.geomloss.kernels.Devices;
import org.geomloss.sinkhorn.Refinement;

/**
 * The Sinkhorn divergence between two densities on a grid, its gradients with respect to the
 * densities and GeomLoss's dual potentials, all arrays row-major with one entry per cell (the layout
 * of the inputs).
 *
 * <ul>
 *   <li>{@code potentialA}, {@code potentialB}: what GeomLoss returns with {@code potentials=True},
 *       {@code F = f_ba - f_aa} and {@code G = g_ab - g_bb} (debiased) or {@code f_ba}, {@code g_ab}
 *       (raw), in every mode.</li>
 *   <li>{@code gradientA}, {@code gradientB}: the derivatives of {@code value}. Balanced, they equal
 *       the potentials; unbalanced, they are the formulas of {@link ImagesLoss} (not GeomLoss's
 *       autograd, which uses {@code rho + eps/2} instead of {@code rho + eps}).</li>
 * </ul>
 * The arrays are owned by the result; do not modify them.
 *
 * @param value      the divergence
 * @param gradientA  {@code dValue/da}, one entry per cell
 * @param gradientB  {@code dValue/db}, one entry per cell
 * @param potentialA GeomLoss's potential {@code F} on the cells of {@code a}
 * @param potentialB GeomLoss's potential {@code G} on the cells of {@code b}
 * @param refinement how the iterations of a {@code tol} ended, or null when no tol was set
 */
public record GridLossResult(double value, double[] gradientA, double[] gradientB,
                             double[] potentialA, double[] potentialB,
                             Refinement.Outcome refinement) {

    /** A result of GeomLoss's fixed schedule (no refinement). */
    public GridLossResult(double value, double[] gradientA, double[] gradientB,
                          double[] potentialA, double[] potentialB) {
        this(value, gradientA, gradientB, potentialA, potentialB, null);
    }

    /** The device that ran: grid losses run their separable soft-mins on the JVM. */
    public String deviceUsed() {
        return Devices.jvm().description();
    }
}
