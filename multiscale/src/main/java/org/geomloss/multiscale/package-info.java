/**
 * GeomLoss's multiscale Sinkhorn backend ({@code backend="multiscale"}) for point clouds in dimension
 * 1 to 3, on one of two plans ({@link org.geomloss.multiscale.MultiscalePlan}, settings in
 * {@link org.geomloss.multiscale.MultiscaleSettings}, entry point
 * {@link org.geomloss.multiscale.MultiscaleSinkhorn}): the point pyramid (nested Morton grids, one
 * level per temperature) or GeomLoss's two-scale jump (grid clustering,
 * {@link org.geomloss.multiscale.GridClustering}); both with certified kernel truncation
 * ({@link org.geomloss.multiscale.KernelTruncation}), running the soft-mins of
 * {@code org.geomloss.sinkhorn} on the device kernels of {@code org.geomloss.kernels}.
 */
package org.geomloss.multiscale;
