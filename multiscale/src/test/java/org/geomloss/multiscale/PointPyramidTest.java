package org.geomloss.multiscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.geomloss.kernels.PointArray;
import org.junit.jupiter.api.Test;

/** The nested grids of {@link PointPyramid}, checked point by point against the cube coordinates. */
class PointPyramidTest {

    @Test
    void everyCellOfEveryLevelIsOneCubeOfTheSharedGrid() {
        Random random = new Random(3);
        int n = 5000;
        float[] coords = new float[3 * n];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = (float) (random.nextGaussian() * (1 + k % 3));
        }
        PointArray cloud = new PointArray(coords, n, 3);
        double[] weights = new double[n];
        Arrays.setAll(weights, i -> random.nextDouble());
        weights[7] = 0;
        GridFrame frame = GridFrame.of(cloud, cloud);
        PointPyramid pyramid = PointPyramid.of(frame, cloud, weights, null, null);

        Clustering points = pyramid.points();
        int[] sortedPermutation = points.permutation().clone();
        Arrays.sort(sortedPermutation);
        int[] identity = new int[n];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, sortedPermutation);
        double total = Arrays.stream(weights).map(w -> Math.max(w, Clustering.WEIGHT_FLOOR)).sum();
        assertTrue(pyramid.depth() >= 3, "test setup: depth " + pyramid.depth());
        for (int level = 0; level <= pyramid.depth(); level++) {
            int[] cells = pyramid.ancestors(pyramid.depth() + 1, level);
            Map<String, Integer> cellOfCube = new HashMap<>();
            double[] mass = new double[pyramid.cellCount(level)];
            for (int s = 0; s < n; s++) {
                String cube = cube(frame, points.points(), s, level);
                Integer previous = cellOfCube.putIfAbsent(cube, cells[s]);
                assertTrue(previous == null || previous == cells[s], "one cube, one cell");
                assertTrue(s == 0 || cells[s] >= cells[s - 1], "cells are contiguous and ordered");
                mass[cells[s]] += Math.max(points.weights()[s], Clustering.WEIGHT_FLOOR);
            }
            assertEquals(pyramid.cellCount(level), cellOfCube.size());
            for (int k = 0; k < mass.length; k++) {
                assertEquals(mass[k], pyramid.masses(level)[k], 1e-12 * total);
            }
        }
        assertEquals(1, pyramid.cellCount(0));
        assertEquals(total, pyramid.masses(0)[0], 1e-12 * total);
        assertTrue(points.clusterCount() * PointPyramid.POINTS_PER_CELL >= n);
    }

    @Test
    void float64PointsGiveFloat64AtomsAtEveryLevel() {
        // Around 1e6 float32 has a spacing of 0.0625: the float32 roundings of these points
        // collapse onto a few values, their float64 coordinates do not.
        Random random = new Random(5);
        int n = 3000;
        double[] wide = new double[2 * n];
        for (int k = 0; k < wide.length; k++) {
            wide[k] = 1e6 + random.nextDouble();
        }
        PointArray cloud = PointArray.ofDoubles(wide, n, 2);
        double[] weights = new double[n];
        Arrays.setAll(weights, i -> 0.5 + random.nextDouble());
        PointPyramid pyramid = PointPyramid.of(GridFrame.of(cloud, cloud), cloud, weights, null,
                null);
        assertTrue(pyramid.depth() >= 3, "test setup: depth " + pyramid.depth());
        double[] mean = new double[2];
        double total = Arrays.stream(weights).sum();
        for (int i = 0; i < n; i++) {
            for (int axis = 0; axis < 2; axis++) {
                mean[axis] += weights[i] * wide[2 * i + axis] / total;
            }
        }
        for (int level = 0; level <= pyramid.depth(); level++) {
            PointArray atoms = pyramid.atoms(level);
            double[] atomMean = new double[2];
            for (int k = 0; k < atoms.count(); k++) {
                for (int axis = 0; axis < 2; axis++) {
                    atomMean[axis] += pyramid.masses(level)[k] * atoms.doubleCoords()[2 * k + axis]
                            / total;
                }
            }
            // float64 sums at 1e6 round to about 1e-9; float32 atoms would be off by 1e-2
            assertArrayEquals(mean, atomMean, 1e-6, "level " + level);
        }
        assertArrayEquals(wide, pyramid.points().toOriginalOrder(
                pyramid.points().points().doubleCoords(), 2), 0.0);
    }

    @Test
    void theSecondCloudTakesTheFirstCloudsCells() {
        PointArray x = new PointArray(new float[] {0, 0, 1, 1, 0.5f, 0.25f}, 3, 2);
        PointArray y = new PointArray(new float[] {0.1f, 0.9f}, 1, 2);
        GridFrame frame = GridFrame.of(x, y);
        PointPyramid px = PointPyramid.of(frame, x, new double[] {1, 1, 1}, null, null);
        PointPyramid py = PointPyramid.of(frame, y, new double[] {1}, null, px.finestPrefix());

        assertEquals(px.depth(), py.depth());
        assertEquals(1.0 * (1 + 1e-6), frame.side(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> PointPyramid.of(frame, y, new double[] {1, 2}, null, null));
    }

    private static String cube(GridFrame frame, PointArray points, int s, int level) {
        StringBuilder key = new StringBuilder();
        for (int axis = 0; axis < points.dimension(); axis++) {
            double x = points.coords()[s * points.dimension() + axis];
            key.append((long) Math.floor((x - frame.origin()[axis]) / frame.cellSide(level)))
                    .append(',');
        }
        return key.toString();
    }
}
