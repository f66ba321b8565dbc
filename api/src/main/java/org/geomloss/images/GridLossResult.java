package org.geomloss.images;

/**
 * The Sinkhorn divergence between two densities on a grid and its gradients with respect to the
 * densities (row-major, one entry per cell, the layout of the inputs).
 *
 * <p>In the balanced modes the gradients are GeomLoss's potentials ({@code potentials=True}):
 * {@code F = f_ba - f_aa} and {@code G = g_ab - g_bb} when debiased. See {@link ImagesLoss} for the
 * unbalanced formulas. The arrays are owned by the result; do not modify them.
 *
 * @param value     the divergence
 * @param gradientA {@code dValue/da}, one entry per cell
 * @param gradientB {@code dValue/db}, one entry per cell
 */
public record GridLossResult(double value, double[] gradientA, double[] gradientB) {
}
