package org.geomloss;

import org.geomloss.kernels.Precision;
import org.geomloss.sinkhorn.Refinement;

/**
 * The dual vectors of a loss, GeomLoss's {@code SamplesLoss(..., potentials=True)}:
 * <ul>
 *   <li>Sinkhorn, debiased: {@code F = f_ba - f_aa} on x and {@code G = g_ab - g_bb} on y; raw:
 *       {@code F = f_ba}, {@code G = g_ab} (also when unbalanced).</li>
 *   <li>Kernel losses: {@code F = K_xx a - K_xy b}, {@code G = K_yy b - K_yx a}.</li>
 *   <li>Hausdorff: {@code F = (b(x) - f_aa)/2}, {@code G = (a(y) - g_bb)/2}.</li>
 * </ul>
 * Shapes {@code (N,)} and {@code (M,)}. The arrays belong to the caller.
 *
 * @param f           the potential on the points of the first measure
 * @param g           the potential on the points of the second measure
 * @param backendUsed the backend that ran
 * @param refinement  how the iterations after the schedule ended (extra iterations, marginal error,
 *                    converged) when a tolerance was set ({@link SamplesLoss.Builder#tol}); null
 *                    otherwise and for the kernel losses
 * @param precision   the precision the kernels ran in: the one asked for, or {@link Precision#FLOAT64}
 *                    when float32 could not resolve the temperature ({@link SamplesLoss.Builder#precision})
 */
public record DualPotentials(double[] f, double[] g, Backend backendUsed,
                            Refinement.Outcome refinement, Precision precision) {
}
