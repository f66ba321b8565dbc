package org.geomloss.images;

import java.util.ArrayList;
import java.util.List;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.ProgressTracker;
import org.geomloss.sinkhorn.SinkhornObjective;
import org.slf4j.event.Level;

/**
 * The engine behind {@link ImagesLoss} and {@link VolumesLoss}: GeomLoss's symmetric Sinkhorn loop
 * ({@link AnnealingDriver}) with {@link GridSoftmin} operators on a {@link DensityPyramid}
 * ({@link GridScalePlan}).
 *
 * <ol>
 *   <li>Schedule: {@link EpsilonSchedule#geomloss} with the diagonal of the grid's box as diameter.</li>
 *   <li>Iteration {@code t} runs on the coarsest pyramid level whose cell side {@code h} has
 *       {@code h^p <= eps_t}; potentials move to finer levels by C-transform.</li>
 *   <li>With a tolerance, iterations continue on the input grid at the last temperature until the
 *       marginal error meets it; the final step (the only differentiated one) always runs on the
 *       input grid. The value and gradients are {@link SinkhornObjective}'s.</li>
 * </ol>
 *
 * <p>Thread-safe: each call builds its own operators and loop.
 */
final class GridSinkhornDivergence {

    private final GridLossSettings settings;

    GridSinkhornDivergence(GridLossSettings settings) {
        this.settings = settings;
    }

    /** One result per pair {@code (a[k], b[k])} of densities on {@code grid}, in order. */
    List<GridLossResult> computeBatch(RegularGrid grid, double[][] a, double[][] b) {
        int batch = Densities.requireBatch(a, b);
        List<GridLossResult> results = new ArrayList<>(batch);
        for (int k = 0; k < batch; k++) {
            results.add(compute(grid, a[k], b[k],
                    batch == 1 ? "" : " pair " + (k + 1) + "/" + batch));
        }
        return List.copyOf(results);
    }

    /** The divergence between densities {@code a} and {@code b} on {@code grid}, with gradients. */
    GridLossResult compute(RegularGrid grid, double[] a, double[] b) {
        return compute(grid, a, b, "");
    }

    private GridLossResult compute(RegularGrid grid, double[] a, double[] b, String labelSuffix) {
        double massA = Densities.requireDensity("a", a, grid);
        double massB = Densities.requireDensity("b", b, grid);
        double rho = settings.rho();
        if (Double.isInfinite(rho) && Math.abs(massA - massB) > 1e-4 * Math.max(massA, massB)) {
            throw new IllegalArgumentException("balanced OT (reach unset) needs equal masses, got a: "
                    + massA + ", b: " + massB + "; normalise the densities or set a reach");
        }
        int p = settings.p();
        ProgressTracker progress = new ProgressTracker(settings.progress(), "sinkhorn grid "
                + shape(grid) + labelSuffix, eps -> Math.pow(eps, 1.0 / p), settings.tol() != null);
        double[] schedule = EpsilonSchedule.geomloss(p, grid.diagonal(), settings.blurOn(grid),
                settings.scaling());
        DensityPyramid pyramid = new DensityPyramid(grid, settings.multiscale());
        GridScalePlan plan = new GridScalePlan(pyramid, pyramid.coarsen(a), pyramid.coarsen(b),
                schedule, p, settings.debias());
        AnnealingDriver.Result run = AnnealingDriver.run(plan, new AnnealingDriver.Settings(
                schedule, rho, AnnealingDriver.Start.SOFTMIN_OF_ZERO, settings.refinement(),
                Level.DEBUG), progress);
        GridLossResult result = result(run.finalStep(), a, b, rho, run);
        progress.finish(run.refinement() == null ? 0 : run.refinement().iterations());
        return result;
    }

    /** The value of GeomLoss's {@code sinkhorn_cost} and the true derivatives of that value. */
    private static GridLossResult result(FinalStep last, double[] a, double[] b, double rho,
                                         AnnealingDriver.Result run) {
        double[] fba = last.fBA().potential();
        double[] gab = last.gAB().potential();
        double[] faa = last.debiased() ? last.fAA().potential() : null;
        double[] gbb = last.debiased() ? last.gBB().potential() : null;
        double eps = last.eps();
        double value = SinkhornObjective.value(a, fba, faa, b, gab, gbb, eps, rho,
                SinkhornObjective.UnbalancedCost.SINKHORN_COST);
        return new GridLossResult(value, SinkhornObjective.weightGradient(fba, faa, eps, rho),
                SinkhornObjective.weightGradient(gab, gbb, eps, rho),
                SinkhornObjective.potential(fba, faa), SinkhornObjective.potential(gab, gbb),
                run.refinement());
    }

    /** {@code 64x64} or {@code 16x32x32}. */
    private static String shape(RegularGrid grid) {
        StringBuilder text = new StringBuilder();
        for (int size : grid.shape()) {
            text.append(text.isEmpty() ? "" : "x").append(size);
        }
        return text.toString();
    }
}
