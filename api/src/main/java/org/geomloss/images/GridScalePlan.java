package org.geomloss.images;

import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.LogWeights;
import org.geomloss.sinkhorn.ScalePlan;
import org.geomloss.sinkhorn.SinkhornScale;
import org.geomloss.sinkhorn.SymmetricSinkhorn;

/**
 * The image/volume pyramid as a {@link ScalePlan}: temperature {@code eps_t} runs on the coarsest
 * level of a {@link DensityPyramid} whose cell side {@code h} has {@code h^p <= eps_t} (never
 * coarser than the level before), the refinement and the final step on the input grid. Potentials
 * move to a finer level by the closed-form C-transform from the coarse grid to the fine one
 * ({@link GridSoftmin} between the two grids), not by bilinear upsampling. Without
 * {@code multiscale} every temperature runs on the input grid.
 *
 * <p>Built for one run; not thread-safe.
 */
final class GridScalePlan implements ScalePlan {

    private final DensityPyramid pyramid;
    private final double[][] a;
    private final double[][] b;
    private final double[] schedule;
    private final int p;
    private final boolean debias;
    private final Level[] levels;
    private int level;

    /**
     * @param pyramid  the grids, input grid first
     * @param a        the masses of alpha on each level ({@link DensityPyramid#coarsen})
     * @param b        the masses of beta on each level
     * @param schedule the temperatures
     * @param p        the cost exponent
     * @param debias   whether the self problems are solved
     */
    GridScalePlan(DensityPyramid pyramid, double[][] a, double[][] b, double[] schedule, int p,
                  boolean debias) {
        this.pyramid = pyramid;
        this.a = a;
        this.b = b;
        this.schedule = schedule;
        this.p = p;
        this.debias = debias;
        this.levels = new Level[a.length];
        this.level = pyramid.levelFor(schedule[0], p);
    }

    @Override
    public SinkhornScale scaleAt(int t) {
        level = Math.min(level, pyramid.levelFor(schedule[t], p));
        return at(level);
    }

    @Override
    public SinkhornScale finest() {
        return at(0);
    }

    @Override
    public FinalStep transfer(SymmetricSinkhorn loop, SinkhornScale coarse, SinkhornScale fine,
                              double eps) {
        Level from = (Level) coarse;
        Level to = (Level) fine;
        return loop.extrapolate(eps, operators(to.grid, from.grid), from.logA, from.logB);
    }

    private Level at(int index) {
        if (levels[index] == null) {
            RegularGrid grid = pyramid.grid(index);
            levels[index] = new Level(index, grid, operators(grid, grid), a[index], b[index],
                    LogWeights.of(a[index]), LogWeights.of(b[index]));
        }
        return levels[index];
    }

    /** The four directions share one operator: a and b live on the same grid. */
    private SymmetricSinkhorn.Operators operators(RegularGrid target, RegularGrid source) {
        GridSoftmin softmin = new GridSoftmin(target, source, p);
        return debias
                ? new SymmetricSinkhorn.Operators(softmin, softmin, softmin, softmin)
                : new SymmetricSinkhorn.Operators(softmin, softmin, null, null);
    }

    /** One level of the pyramid with the masses of both densities on it. */
    private record Level(int index, RegularGrid grid, SymmetricSinkhorn.Operators operators,
                         double[] a, double[] b, double[] logA, double[] logB)
            implements SinkhornScale {
        @Override
        public String describe() {
            return "grid level " + index + " (" + grid + ")";
        }
    }
}
