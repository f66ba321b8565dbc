package org.geomloss.multiscale;

import org.geomloss.kernels.PointArray;

/**
 * One weighted point cloud sorted by cluster, with the centroids and masses of its clusters: what
 * GeomLoss's multiscale backend gets from KeOps' {@code grid_cluster}, {@code sort_clusters} and
 * {@code cluster_ranges_centroids}.
 *
 * <p>Cluster {@code k} is the sorted points {@code [clusterStarts[k], clusterStarts[k+1])}; no cluster
 * is empty. With the clamped weights {@code w_i = max(alpha_i, 1e-9)}:
 * <ul>
 *   <li>{@code masses[k] = sum_{i in k} w_i};</li>
 *   <li>{@code centroid_k = sum_{i in k} w_i x_i / masses[k]} (computed in float64 from the
 *       coordinates the kernels read; {@link #centroidCoordinates()} keeps the float64 values, and
 *       {@link #centroids()} hands them to the kernels in the precision of the points: rounded to
 *       float32, with the float64 values too when the points carry float64 coordinates).</li>
 * </ul>
 * The sorted weights are the caller's weights, not clamped: zero weights keep their meaning in the
 * fine problem.
 *
 * <p>Immutable by contract: the arrays are not copied and must not be changed.
 *
 * @param points              the points sorted by cluster (with their float64 coordinates when
 *                            the clustered points had them)
 * @param weights             their weights, in the same order
 * @param permutation         {@code permutation[sorted index] = original index}
 * @param clusterStarts       {@code C + 1} increasing offsets into the sorted points, from 0 to N
 * @param centroidCoordinates the C centroids, row-major C x D, float64
 * @param centroids           the same centroids for the kernels, in the precision of the points
 * @param masses              the C cluster masses of the clamped weights
 * @param scale               the voxel size the clusters were computed with
 */
public record Clustering(PointArray points, double[] weights, int[] permutation, int[] clusterStarts,
                         double[] centroidCoordinates, PointArray centroids, double[] masses,
                         double scale) {

    /** The weight below which a point counts as {@code 1e-9} for centroids and cluster masses. */
    public static final double WEIGHT_FLOOR = 1e-9;

    /** C, the number of (non-empty) clusters. */
    public int clusterCount() {
        return clusterStarts.length - 1;
    }

    /**
     * Puts values computed on the sorted points back into the caller's order: row {@code s} of
     * {@code sorted} (a row-major array with {@code width} values per point) becomes row
     * {@code permutation[s]} of the result.
     */
    public double[] toOriginalOrder(double[] sorted, int width) {
        if (sorted.length != permutation.length * width) {
            throw new IllegalArgumentException("sorted has length " + sorted.length + ", expected "
                    + permutation.length + "*" + width);
        }
        double[] original = new double[sorted.length];
        for (int s = 0; s < permutation.length; s++) {
            System.arraycopy(sorted, s * width, original, permutation[s] * width, width);
        }
        return original;
    }
}
