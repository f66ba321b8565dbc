package org.geomloss.multiscale;

import java.util.Arrays;
import org.geomloss.kernels.PointArray;

/**
 * Clusters a point cloud on a regular grid of cubic voxels and sorts it by cluster: KeOps'
 * {@code grid_cluster} followed by {@code sort_clusters} and {@code cluster_ranges_centroids}, as
 * GeomLoss's multiscale backend calls them.
 *
 * <ul>
 *   <li>Voxel of point i: {@code q_id = floor((x_id - min_k x_kd) / scale)}. The grid is anchored at
 *       the cloud's own minimum, so two clouds clustered separately have unaligned grids.</li>
 *   <li>Labels: the non-empty voxels numbered 0..C-1 in lexicographic order of
 *       {@code (q_0, q_1, q_2)}, which is the order of GeomLoss's packed labels
 *       {@code q_0 2^20 + q_1 2^10 + q_2} whenever those do not collide (here they never do).</li>
 *   <li>Points are sorted by label; within a cluster they keep their original order.</li>
 *   <li>Centroids and masses use the weights clamped at {@link Clustering#WEIGHT_FLOOR}.</li>
 *   <li>Points that carry float64 coordinates ({@link PointArray#doubleCoords()}) are clustered
 *       and sorted on them and keep them, and so do the centroids; float32 points stay
 *       float32.</li>
 * </ul>
 * Edge cases: one point gives one cluster; identical points share one cluster.
 *
 * <p>Stateless and thread-safe.
 */
public final class GridClustering {

    /** Grid clustering is defined for D = 1, 2 and 3, as in KeOps. */
    public static final int MAX_DIMENSION = 3;

    private GridClustering() {
    }

    /**
     * GeomLoss's default voxel size {@code diameter / (sqrt(D) 2000^(1/D))}: about 2000 non-empty
     * voxels for a cube-like cloud, so that the dense coarse problem stays small.
     */
    public static double defaultScale(double diameter, int dimension) {
        return diameter / (Math.sqrt(dimension) * Math.pow(2000.0, 1.0 / dimension));
    }

    /** Points per non-empty voxel above which {@link #refinedScale} shrinks the voxels. */
    public static final int POINTS_PER_VOXEL = 32;
    /** Shrink factor of the voxel size per refinement step. */
    private static final double REFINEMENT = 1.5;

    /**
     * The voxel size this library uses by default: GeomLoss's {@link #defaultScale}, shrunk by steps
     * of 1.5 while the larger cloud has more than {@link #POINTS_PER_VOXEL} points per non-empty
     * voxel. GeomLoss keeps about 2000 voxels whatever N, so that kernel truncation keeps a fraction
     * of the pairs that does not decrease with N and the work stays quadratic; with a bounded number
     * of points per voxel, each point keeps a bounded number of neighbours and the fine soft-mins
     * take about linear time. Up to about 64,000 points (and for every small problem) the result is
     * GeomLoss's scale. Counting the non-empty voxels costs one sort of N keys per step.
     */
    public static double refinedScale(PointArray larger, double diameter) {
        double scale = defaultScale(diameter, larger.dimension());
        long voxels = distinctSorted(voxelKeys(larger, scale)).length;
        while (larger.count() > POINTS_PER_VOXEL * voxels) {
            long finer = distinctSorted(voxelKeys(larger, scale / REFINEMENT)).length;
            if (finer == voxels) {
                break; // points stacked on each other: smaller voxels do not split them
            }
            scale /= REFINEMENT;
            voxels = finer;
        }
        return scale;
    }

    /**
     * Clusters {@code points} with weights {@code weights} on voxels of size {@code scale}.
     *
     * @throws IllegalArgumentException if D &gt; 3, the cloud is empty, the weights do not match, the
     *                                  scale is not positive and finite, or it is so small that the
     *                                  grid would have more than {@code 2^63} voxels
     */
    public static Clustering cluster(PointArray points, double[] weights, double scale) {
        int n = points.count();
        int d = points.dimension();
        requireDimension(d);
        if (n == 0) {
            throw new IllegalArgumentException("points must not be empty");
        }
        if (weights.length != n) {
            throw new IllegalArgumentException("weights has length " + weights.length
                    + ", expected " + n);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("clusterScale must be > 0 and finite, got " + scale);
        }
        long[] keys = voxelKeys(points, scale);
        long[] distinct = distinctSorted(keys);
        int clusters = distinct.length;
        int[] labels = new int[n];
        int[] clusterStarts = new int[clusters + 1];
        for (int i = 0; i < n; i++) {
            labels[i] = Arrays.binarySearch(distinct, keys[i]);
            clusterStarts[labels[i] + 1]++;
        }
        for (int k = 0; k < clusters; k++) {
            clusterStarts[k + 1] += clusterStarts[k];
        }
        int[] permutation = new int[n];
        int[] next = Arrays.copyOf(clusterStarts, clusters);
        for (int i = 0; i < n; i++) {
            permutation[next[labels[i]]++] = i;
        }
        return sortedClustering(points, weights, permutation, clusterStarts, scale);
    }

    /** Refuses dimensions the grid cannot handle, naming the backend that can. */
    public static void requireDimension(int dimension) {
        if (dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("the multiscale backend clusters points on a grid and "
                    + "needs dimension <= 3, got D=" + dimension + ": use backend ONLINE or TENSORIZED");
        }
    }

    /** Lexicographic voxel keys {@code (q_0 n_1 + q_1) n_2 + q_2}, with {@code n_d} voxels per axis. */
    private static long[] voxelKeys(PointArray points, double scale) {
        int n = points.count();
        int d = points.dimension();
        long[][] cells = new long[d][n];
        long[] cellsPerAxis = new long[d];
        long voxels = 1;
        for (int axis = 0; axis < d; axis++) {
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, KernelCoordinates.at(points, i * d + axis));
            }
            long maxCell = 0;
            for (int i = 0; i < n; i++) {
                long cell = (long) Math.floor((KernelCoordinates.at(points, i * d + axis) - min)
                        / scale);
                cells[axis][i] = cell;
                maxCell = Math.max(maxCell, cell);
            }
            try {
                cellsPerAxis[axis] = Math.addExact(maxCell, 1);
                voxels = Math.multiplyExact(voxels, cellsPerAxis[axis]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("clusterScale " + scale + " is too small for the "
                        + "extent of the cloud (more than 2^63 voxels)", e);
            }
        }
        long[] keys = new long[n];
        for (int axis = 0; axis < d; axis++) {
            for (int i = 0; i < n; i++) {
                keys[i] = keys[i] * cellsPerAxis[axis] + cells[axis][i];
            }
        }
        return keys;
    }

    private static long[] distinctSorted(long[] keys) {
        long[] sorted = keys.clone();
        Arrays.parallelSort(sorted);
        int count = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[count++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, count);
    }

    /**
     * Applies the permutation and computes the masses and centroids of the clamped weights of the
     * clusters {@code [clusterStarts[k], clusterStarts[k+1])} of the permuted points.
     */
    static Clustering sortedClustering(PointArray points, double[] weights,
                                               int[] permutation, int[] clusterStarts,
                                               double scale) {
        int n = points.count();
        int d = points.dimension();
        int clusters = clusterStarts.length - 1;
        PointArray sorted = KernelCoordinates.permuted(points, permutation);
        double[] sortedWeights = new double[n];
        for (int s = 0; s < n; s++) {
            sortedWeights[s] = weights[permutation[s]];
        }
        double[] masses = new double[clusters];
        double[] centroidCoordinates = new double[clusters * d];
        for (int k = 0; k < clusters; k++) {
            for (int s = clusterStarts[k]; s < clusterStarts[k + 1]; s++) {
                double w = Math.max(sortedWeights[s], Clustering.WEIGHT_FLOOR);
                masses[k] += w;
                for (int axis = 0; axis < d; axis++) {
                    centroidCoordinates[k * d + axis] += w * KernelCoordinates.at(sorted,
                            s * d + axis);
                }
            }
            for (int axis = 0; axis < d; axis++) {
                centroidCoordinates[k * d + axis] /= masses[k];
            }
        }
        return new Clustering(sorted, sortedWeights, permutation, clusterStarts,
                centroidCoordinates, KernelCoordinates.atoms(centroidCoordinates, sorted), masses,
                scale);
    }
}
