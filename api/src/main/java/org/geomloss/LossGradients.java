package org.geomloss;

import org.geomloss.kernels.Precision;
import org.geomloss.sinkhorn.Refinement;

/**
 * A loss value with its gradients: what GeomLoss obtains with {@code loss.backward()}.
 *
 * <p>Position gradients are flat row-major N x D ({@code gradX[i*D + k]} is
 * {@code dL/dx_ik}); weight gradients have length N and M, and are the gradients with respect to the
 * default weights {@code 1/N} when none were given. The arrays belong to the caller.
 *
 * @param value       the loss
 * @param gradX       {@code dL/dx}, N x D
 * @param gradY       {@code dL/dy}, M x D
 * @param gradA       {@code dL/da}, N
 * @param gradB       {@code dL/db}, M
 * @param backendUsed the backend that ran (never {@link Backend#AUTO})
 * @param device      the device and kernels that ran, e.g. {@code "jvm vector(16 lanes) x2"}
 * @param refinement  how the iterations after the schedule ended (extra iterations, marginal error,
 *                    converged) when a tolerance was set ({@link SamplesLoss.Builder#tol}); null
 *                    otherwise and for the kernel losses
 * @param precision   the precision the kernels ran in: the one asked for, or {@link Precision#FLOAT64}
 *                    when float32 could not resolve the temperature ({@link SamplesLoss.Builder#precision})
 */
public record LossGradients(double value, double[] gradX, double[] gradY, double[] gradA,
                            double[] gradB, Backend backendUsed, String device,
                            Refinement.Outcome refinement, Precision precision) {
}
