package org.geomloss.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.geomloss.kernels.ComputePool;
import org.geomloss.sinkhorn.DenseSoftmin;
import org.junit.jupiter.api.Test;

/**
 * The separable soft-min against the dense soft-min between the cell centres, on equal grids and on
 * the coarse-to-fine pairs of the pyramid, at temperatures from coarse to far below a pixel (where
 * the block bounds skip most of the work).
 */
class GridSoftminTest {

    @Test
    void matchesDenseSoftminOnEqualAndCrossGrids() {
        RegularGrid fine = RegularGrid.unit(9, 14);
        RegularGrid coarse = fine.coarser();
        RegularGrid[][] pairs = {{fine, fine}, {fine, coarse}, {coarse, fine},
            {RegularGrid.unit(5, 4, 7), RegularGrid.unit(5, 4, 7).coarser()}};
        int compared = 0;
        for (RegularGrid[] pair : pairs) {
            for (double eps : new double[] {1.0, 1e-2, 1e-4, 1e-6}) {
                compare(pair[0], pair[1], eps);
                compared++;
            }
        }
        assertEquals(16, compared);
    }

    private static void compare(RegularGrid target, RegularGrid source, double eps) {
        Random random = new Random(target.count() * 31L + source.count());
        double[] h = new double[source.count()];
        for (int j = 0; j < h.length; j++) {
            h[j] = random.nextInt(7) == 0 ? -100000 : 3 * random.nextGaussian();
        }
        double[] expected = new double[target.count()];
        DenseSoftmin.fromMatrix(costMatrix(target, source), target.count(), source.count())
                .softmin(eps, h, expected);
        double[] actual = new double[target.count()];
        new GridSoftmin(target, source, 2).softmin(eps, h, actual);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-9 * Math.max(1, Math.abs(expected[i])),
                    target + " <- " + source + " eps " + eps + " cell " + i);
        }
    }

    /** {@code |u_i - v_j|^2 / 2} between all cell centres, in float64. */
    private static double[] costMatrix(RegularGrid target, RegularGrid source) {
        double[] u = centres(target);
        double[] v = centres(source);
        int d = target.dimension();
        double[] matrix = new double[target.count() * source.count()];
        for (int i = 0; i < target.count(); i++) {
            for (int j = 0; j < source.count(); j++) {
                double squared = 0;
                for (int k = 0; k < d; k++) {
                    double diff = u[i * d + k] - v[j * d + k];
                    squared += diff * diff;
                }
                matrix[i * source.count() + j] = 0.5 * squared;
            }
        }
        return matrix;
    }

    private static double[] centres(RegularGrid grid) {
        int d = grid.dimension();
        double[] coords = new double[grid.count() * d];
        for (int cell = 0; cell < grid.count(); cell++) {
            int rest = cell;
            for (int axis = d - 1; axis >= 0; axis--) {
                coords[cell * d + axis] = grid.position(rest % grid.size(axis));
                rest /= grid.size(axis);
            }
        }
        return coords;
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        RegularGrid grid = RegularGrid.unit(33, 20);
        double[] h = new double[grid.count()];
        Random random = new Random(5);
        for (int j = 0; j < h.length; j++) {
            h[j] = random.nextGaussian();
        }
        int threads = ComputePool.parallelism();
        double[] single = new double[grid.count()];
        double[] multi = new double[grid.count()];
        try {
            ComputePool.setParallelism(1);
            new GridSoftmin(grid, grid, 2).softmin(1e-3, h, single);
            ComputePool.setParallelism(3);
            new GridSoftmin(grid, grid, 2).softmin(1e-3, h, multi);
        } finally {
            ComputePool.setParallelism(threads);
        }
        assertArrayEquals(single, multi, 0.0);
    }

    @Test
    void rejectsMismatchedDimensionsAndExponents() {
        assertThrows(IllegalArgumentException.class,
                () -> new GridSoftmin(RegularGrid.unit(4, 4), RegularGrid.unit(4, 4, 4), 2));
        assertThrows(IllegalArgumentException.class,
                () -> new GridSoftmin(RegularGrid.unit(4, 4), RegularGrid.unit(4, 4), 3));
    }
}
