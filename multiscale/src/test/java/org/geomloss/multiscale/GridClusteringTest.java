package org.geomloss.multiscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GridClusteringTest {

    @Test
    void handMadeTwoDimensionalCloudGivesTheExpectedClustersAndCentroids() {
        // Grid anchored at the minimum (0.1, 1.0), voxels of size 1:
        // p0 (0.5, 1.5) -> (0,0); p1 (2.5, 1.2) -> (2,0); p2 (0.1, 2.9) -> (0,1);
        // p3 (0.9, 1.1) -> (0,0); p4 (2.2, 1.0) -> (2,0).
        PointArray points = new PointArray(new float[] {
            0.5f, 1.5f, 2.5f, 1.2f, 0.1f, 2.9f, 0.9f, 1.1f, 2.2f, 1.0f}, 5, 2);
        double[] weights = {1, 2, 4, 3, 0};

        Clustering c = GridClustering.cluster(points, weights, 1.0);

        assertEquals(3, c.clusterCount());
        // Lexicographic voxel order: (0,0), (0,1), (2,0).
        assertArrayEquals(new int[] {0, 2, 3, 5}, c.clusterStarts());
        assertArrayEquals(new int[] {0, 3, 2, 1, 4}, c.permutation());
        assertArrayEquals(new double[] {1, 3, 4, 2, 0}, c.weights());
        assertArrayEquals(new float[] {0.5f, 1.5f, 0.9f, 1.1f, 0.1f, 2.9f, 2.5f, 1.2f, 2.2f, 1.0f},
                c.points().coords());
        // The zero weight counts as 1e-9.
        assertArrayEquals(new double[] {4, 4, 2 + 1e-9}, c.masses(), 0.0);
        double[] expected = {
            (1 * 0.5 + 3 * (double) 0.9f) / 4, (1 * 1.5 + 3 * (double) 1.1f) / 4,
            0.1f, 2.9f,
            (2 * 2.5 + 1e-9 * (double) 2.2f) / (2 + 1e-9),
            (2 * (double) 1.2f + 1e-9 * 1.0) / (2 + 1e-9)};
        assertArrayEquals(expected, c.centroidCoordinates(), 1e-15);
        for (int k = 0; k < expected.length; k++) {
            assertEquals((float) c.centroidCoordinates()[k], c.centroids().coords()[k]);
        }
    }

    @Test
    void float64PointsKeepTheirCoordinatesAndGiveUnroundedCentroids() {
        // 1e6 + 0.1 and 1e6 + 0.3 round to the same float32 (spacing 0.0625 there): only the
        // float64 coordinates tell them apart, and the centroid of the cluster is their mean.
        double[] wide = {1e6 + 0.1, 1e6 + 0.3, 1e6 + 5.2};
        PointArray points = PointArray.ofDoubles(wide, 3, 1);
        Clustering c = GridClustering.cluster(points, new double[] {1, 3, 1}, 1.0);

        assertArrayEquals(new int[] {0, 2, 3}, c.clusterStarts());
        assertArrayEquals(wide, c.points().doubleCoords(), 0.0);
        double mean = (1 * (1e6 + 0.1) + 3 * (1e6 + 0.3)) / 4;
        assertEquals(mean, c.centroidCoordinates()[0], 1e-9);
        // the kernels get the float64 centroids themselves, beside their float32 roundings
        assertArrayEquals(c.centroidCoordinates(), c.centroids().doubleCoords(), 0.0);
        assertEquals((float) mean, c.centroids().coords()[0]);
        // float32 points stay float32
        PointArray rounded = KernelCoordinates.inPrecision(points, Precision.FLOAT32);
        assertNull(GridClustering.cluster(rounded, new double[] {1, 3, 1}, 1.0).centroids()
                .doubleCoords());
        assertSame(points.coords(), rounded.coords(), "float32 runs share the float array");
    }

    @Test
    void oneDimensionalLabelsFollowTheAxis() {
        PointArray points = new PointArray(new float[] {3.2f, -1f, 0.4f, -0.9f, 3.0f}, 5, 1);
        Clustering c = GridClustering.cluster(points, new double[] {1, 1, 1, 1, 1}, 0.5);
        // Voxels from -1: 8, 0, 2, 0, 8.
        assertArrayEquals(new int[] {0, 2, 3, 5}, c.clusterStarts());
        assertArrayEquals(new int[] {1, 3, 2, 0, 4}, c.permutation());
        assertArrayEquals(new double[] {-0.95, 0.4, 3.1}, c.centroidCoordinates(), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void everyPointLiesInExactlyOneClusterAndClustersAreDistinctVoxels(int d) {
        Random random = new Random(7 + d);
        int n = 3000;
        float[] coords = new float[n * d];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = (float) (random.nextGaussian() * 0.3 + k % d);
        }
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = i % 10 == 0 ? 0.0 : random.nextDouble();
        }
        double scale = 0.17;
        PointArray points = new PointArray(coords, n, d);

        Clustering c = GridClustering.cluster(points, weights, scale);

        boolean[] seen = new boolean[n];
        for (int original : c.permutation()) {
            assertTrue(!seen[original], "index " + original + " appears twice");
            seen[original] = true;
        }
        double[] min = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int axis = 0; axis < d; axis++) {
                min[axis] = Math.min(min[axis], coords[i * d + axis]);
            }
        }
        java.util.Set<String> voxelsSeen = new java.util.HashSet<>();
        double totalMass = 0;
        for (int k = 0; k < c.clusterCount(); k++) {
            assertTrue(c.clusterStarts()[k + 1] > c.clusterStarts()[k], "empty cluster " + k);
            long[] voxel = null;
            double mass = 0;
            double[] centroid = new double[d];
            for (int s = c.clusterStarts()[k]; s < c.clusterStarts()[k + 1]; s++) {
                int i = c.permutation()[s];
                assertEquals(weights[i], c.weights()[s]);
                long[] v = new long[d];
                for (int axis = 0; axis < d; axis++) {
                    assertEquals(coords[i * d + axis], c.points().coords()[s * d + axis]);
                    v[axis] = (long) Math.floor((coords[i * d + axis] - min[axis]) / scale);
                }
                if (voxel == null) {
                    voxel = v;
                } else {
                    assertArrayEquals(voxel, v, "cluster " + k + " spans two voxels");
                }
                double w = Math.max(weights[i], 1e-9);
                mass += w;
                for (int axis = 0; axis < d; axis++) {
                    centroid[axis] += w * coords[i * d + axis];
                }
            }
            assertTrue(voxelsSeen.add(java.util.Arrays.toString(voxel)), "voxel used twice");
            assertEquals(mass, c.masses()[k], 1e-12 * mass);
            for (int axis = 0; axis < d; axis++) {
                assertEquals(centroid[axis] / mass, c.centroidCoordinates()[k * d + axis], 1e-12);
            }
            totalMass += c.masses()[k];
        }
        double expectedTotal = 0;
        for (double w : weights) {
            expectedTotal += Math.max(w, 1e-9);
        }
        assertEquals(expectedTotal, totalMass, 1e-12 * expectedTotal);
        assertEquals(n, c.clusterStarts()[c.clusterCount()]);
    }

    @Test
    void identicalPointsFormOneCluster() {
        PointArray points = new PointArray(new float[] {1, 2, 1, 2, 1, 2}, 3, 2);
        Clustering c = GridClustering.cluster(points, new double[] {1, 2, 3}, 0.1);
        assertEquals(1, c.clusterCount());
        assertArrayEquals(new double[] {1, 2}, c.centroidCoordinates(), 1e-15);
    }

    @Test
    void toOriginalOrderInvertsTheSort() {
        PointArray points = new PointArray(new float[] {3f, 1f, 2f}, 3, 1);
        Clustering c = GridClustering.cluster(points, new double[] {1, 1, 1}, 0.5);
        assertArrayEquals(new int[] {1, 2, 0}, c.permutation());
        assertArrayEquals(new double[] {30, 31, 10, 11, 20, 21},
                c.toOriginalOrder(new double[] {10, 11, 20, 21, 30, 31}, 2));
    }

    @Test
    void defaultScaleIsDiameterOverSqrtDTimes2000RootD() {
        assertEquals(1.0 / 2000, GridClustering.defaultScale(1.0, 1), 1e-15);
        assertEquals(Math.sqrt(2) / (Math.sqrt(2) * Math.sqrt(2000)),
                GridClustering.defaultScale(Math.sqrt(2), 2), 1e-15);
        assertEquals(1.0 / Math.cbrt(2000), GridClustering.defaultScale(Math.sqrt(3), 3), 1e-15);
    }

    @Test
    void refinedScaleIsGeomLossScaleForSmallCloudsAndBoundsPointsPerVoxelForLargeOnes() {
        java.util.Random random = new java.util.Random(3);
        float[] small = new float[3 * 5000];
        float[] large = new float[3 * 400_000];
        for (int k = 0; k < large.length; k++) {
            large[k] = random.nextFloat();
            if (k < small.length) {
                small[k] = large[k];
            }
        }
        double diameter = Math.sqrt(3);
        assertEquals(GridClustering.defaultScale(diameter, 3),
                GridClustering.refinedScale(new PointArray(small, 5000, 3), diameter), 0);
        PointArray cloud = new PointArray(large, 400_000, 3);
        double scale = GridClustering.refinedScale(cloud, diameter);
        int clusters = GridClustering.cluster(cloud, new double[400_000], scale).clusterCount();
        assertTrue(400_000 <= GridClustering.POINTS_PER_VOXEL * (long) clusters, "clusters " + clusters);
        int coarser = GridClustering.cluster(cloud, new double[400_000], scale * 1.5).clusterCount();
        assertTrue(400_000 > GridClustering.POINTS_PER_VOXEL * (long) coarser, "coarser " + coarser);
    }

    @Test
    void refinedScaleStopsOnStackedPoints() {
        PointArray stacked = new PointArray(new float[3 * 1000], 1000, 3);
        assertEquals(GridClustering.defaultScale(1, 3), GridClustering.refinedScale(stacked, 1), 0);
    }

    @Test
    void badInputIsRefused() {
        PointArray fourD = new PointArray(new float[8], 2, 4);
        var e = assertThrows(IllegalArgumentException.class,
                () -> GridClustering.cluster(fourD, new double[2], 1.0));
        assertTrue(e.getMessage().contains("D=4"), e.getMessage());
        PointArray line = new PointArray(new float[] {0f, 1f}, 2, 1);
        assertThrows(IllegalArgumentException.class,
                () -> GridClustering.cluster(line, new double[2], 0.0));
        assertThrows(IllegalArgumentException.class,
                () -> GridClustering.cluster(line, new double[3], 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> GridClustering.cluster(new PointArray(new float[0], 0, 1), new double[0], 1));
        PointArray wide = new PointArray(new float[] {0f, 0f, 0f, 1e6f, 1e6f, 1e6f}, 2, 3);
        assertThrows(IllegalArgumentException.class,
                () -> GridClustering.cluster(wide, new double[2], 1e-9));
    }
}
