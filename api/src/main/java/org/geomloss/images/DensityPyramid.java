package org.geomloss.images;

import java.util.ArrayList;
import java.util.List;
import org.geomloss.kernels.GridKernels;

/**
 * The multiscale pyramid of a density: level 0 is the input grid, each next level sums 2 (2x2,
 * 2x2x2) blocks of cells ({@link RegularGrid#coarser()}), so every level carries exactly the same
 * total mass. GeomLoss's image pyramid, extended to any size: an odd axis is padded with an empty
 * cell instead of requiring powers of two.
 *
 * <p>Immutable once built.
 */
final class DensityPyramid {

    private final List<RegularGrid> grids;

    /**
     * The grids of the pyramid above {@code finest}, coarsening while more than one cell remains,
     * or the finest grid alone when {@code multiscale} is false.
     */
    DensityPyramid(RegularGrid finest, boolean multiscale) {
        List<RegularGrid> levels = new ArrayList<>();
        levels.add(finest);
        RegularGrid grid = finest;
        while (multiscale && grid.canCoarsen() && grid.coarser().count() > 1) {
            grid = grid.coarser();
            levels.add(grid);
        }
        this.grids = List.copyOf(levels);
    }

    /** Number of levels, at least 1. */
    int levels() {
        return grids.size();
    }

    /** The grid of level {@code level} (0 = finest). */
    RegularGrid grid(int level) {
        return grids.get(level);
    }

    /** The masses of {@code density} (on level 0) summed down to every level: index = level. */
    double[][] coarsen(double[] density) {
        double[][] result = new double[grids.size()][];
        result[0] = density;
        for (int level = 1; level < grids.size(); level++) {
            result[level] = coarsenOnce(result[level - 1], grids.get(level - 1));
        }
        return result;
    }

    /** Sums the 2^d blocks of {@code values} on {@code grid}, giving values on its coarser grid. */
    static double[] coarsenOnce(double[] values, RegularGrid grid) {
        RegularGrid coarse = grid.coarser();
        double[] out = new double[coarse.count()];
        new SeparablePasses(grid.shape(), coarse.shape()).run(values, out,
                (axis, in, lines, result) -> GridKernels.sumPairsAlongLastAxis(in, lines,
                        grid.size(axis), result));
        return out;
    }

    /**
     * The coarsest level whose cell side {@code h} satisfies {@code h^p <= eps}, that is a kernel
     * at least one cell wide; level 0 when even the finest cells are wider.
     */
    int levelFor(double eps, int p) {
        int level = 0;
        while (level + 1 < grids.size() && Math.pow(grids.get(level + 1).spacing(), p) <= eps) {
            level++;
        }
        return level;
    }
}
