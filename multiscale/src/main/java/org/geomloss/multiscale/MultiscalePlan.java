package org.geomloss.multiscale;

/**
 * How the multiscale backend moves from coarse to fine representations of the two measures.
 * <ul>
 *   <li>{@link #PYRAMID}: nested grids ({@link PointPyramid}); at temperature {@code sigma^p} the
 *       soft-mins run on the coarsest grid level whose cells are no larger than about
 *       {@code sigma}, and on the points at the last temperature; potentials pass down by
 *       C-transform, and every truncation margin is in units of the current temperature
 *       ({@link PyramidSinkhorn}). Work about linear in the number of points at a fixed blur.</li>
 *   <li>{@link #TWO_SCALE}: GeomLoss's scheme, one jump from about 2000 voxel centroids to the
 *       points, with the truncation margin of the jump temperature at every later one
 *       ({@link MultiscaleSinkhorn}); for users who want upstream's numbers at the default
 *       settings.</li>
 * </ul>
 */
public enum MultiscalePlan {
    /** Nested grids, one level per temperature. */
    PYRAMID,
    /** GeomLoss's single coarse-to-fine jump. */
    TWO_SCALE
}
