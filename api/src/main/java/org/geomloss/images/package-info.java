/**
 * Optimal transport between densities on regular grids: GeomLoss's image and volume solvers.
 *
 * <ul>
 *   <li>{@link org.geomloss.images.ImagesLoss} and {@link org.geomloss.images.VolumesLoss}: the
 *       Sinkhorn divergence between two 2D (3D) densities, balanced or unbalanced, debiased or raw,
 *       with gradients with respect to the densities ({@link org.geomloss.images.GridLossResult}).</li>
 *   <li>{@link org.geomloss.images.ImagesBarycenter}: the debiased Sinkhorn barycenter of several
 *       images.</li>
 *   <li>{@link org.geomloss.images.GridSoftmin}: the separable soft-min on grids, a
 *       {@link org.geomloss.sinkhorn.SoftminOperator} for the shared
 *       {@link org.geomloss.sinkhorn.SymmetricSinkhorn} loop, and
 *       {@link org.geomloss.images.RegularGrid}, the geometry it works on.</li>
 * </ul>
 * The 1D kernels underneath are {@link org.geomloss.kernels.GridKernels}.
 */
package org.geomloss.images;
