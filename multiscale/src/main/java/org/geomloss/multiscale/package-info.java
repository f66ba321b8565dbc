/**
 * GeomLoss's multiscale Sinkhorn backend ({@code backend="multiscale"}) for point clouds in dimension
 * 1 to 3: grid clustering ({@link org.geomloss.multiscale.GridClustering}), the coarse-to-fine
 * epsilon-scaling loop ({@link org.geomloss.multiscale.MultiscaleSinkhorn}) and kernel truncation
 * ({@link org.geomloss.multiscale.KernelTruncation}), all running the soft-mins of
 * {@code org.geomloss.sinkhorn} on the device kernels of {@code org.geomloss.kernels}.
 */
package org.geomloss.multiscale;
