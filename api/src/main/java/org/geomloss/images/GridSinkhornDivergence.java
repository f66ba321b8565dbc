package org.geomloss.images;

import java.util.ArrayList;
import java.util.List;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.LogWeights;
import org.geomloss.sinkhorn.SymmetricSinkhorn;

/**
 * The engine behind {@link ImagesLoss} and {@link VolumesLoss}: GeomLoss's symmetric Sinkhorn loop
 * ({@link SymmetricSinkhorn}) with {@link GridSoftmin} operators on a {@link DensityPyramid}.
 *
 * <ol>
 *   <li>Schedule: {@link EpsilonSchedule#geomloss} with the diagonal of the grid's box as diameter.</li>
 *   <li>Iteration {@code t} runs on the coarsest pyramid level whose cell side {@code h} has
 *       {@code h^p <= eps_t}. When the level gets finer, the four potentials are carried over by one
 *       closed-form C-transform from the coarse grid to the fine one at the previous temperature
 *       (as in GeomLoss's multiscale point-cloud backend), not by bilinear upsampling.</li>
 *   <li>The final step (the only differentiated one) always runs on the input grid.</li>
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
            results.add(compute(grid, a[k], b[k]));
        }
        return List.copyOf(results);
    }

    /** The divergence between densities {@code a} and {@code b} on {@code grid}, with gradients. */
    GridLossResult compute(RegularGrid grid, double[] a, double[] b) {
        double massA = Densities.requireDensity("a", a, grid);
        double massB = Densities.requireDensity("b", b, grid);
        double rho = settings.rho();
        if (Double.isInfinite(rho) && Math.abs(massA - massB) > 1e-4 * Math.max(massA, massB)) {
            throw new IllegalArgumentException("balanced OT (reach unset) needs equal masses, got a: "
                    + massA + ", b: " + massB + "; normalise the densities or set a reach");
        }
        int p = settings.p();
        double[] schedule = EpsilonSchedule.geomloss(p, grid.diagonal(), settings.blurOn(grid),
                settings.scaling());
        DensityPyramid pyramid = new DensityPyramid(grid, settings.multiscale());
        double[][] logA = logWeights(pyramid.coarsen(a));
        double[][] logB = logWeights(pyramid.coarsen(b));

        int level = pyramid.levelFor(schedule[0], p);
        SymmetricSinkhorn loop = new SymmetricSinkhorn(operators(pyramid.grid(level),
                pyramid.grid(level)), logA[level], logB[level], rho);
        loop.initialize(schedule[0]);
        for (int t = 0; t < schedule.length; t++) {
            int wanted = pyramid.levelFor(schedule[t], p);
            if (wanted < level) {
                jump(loop, pyramid, logA, logB, level, wanted, schedule[t - 1]);
                level = wanted;
            }
            loop.step(schedule[t]);
        }
        double eps = schedule[schedule.length - 1];
        if (level > 0) {
            jump(loop, pyramid, logA, logB, level, 0, eps);
        }
        return result(loop.extrapolate(eps), a, b, rho);
    }

    /**
     * Moves the loop from level {@code from} to the finer level {@code to}: each potential becomes
     * {@code lambda softmin_eps} of the coarse log-vector evaluated at the fine cells.
     */
    private void jump(SymmetricSinkhorn loop, DensityPyramid pyramid, double[][] logA,
                      double[][] logB, int from, int to, double eps) {
        RegularGrid fine = pyramid.grid(to);
        loop.switchScale(operators(fine, pyramid.grid(from)), logA[from], logB[from], loop.fBA(),
                loop.gAB(), loop.fAA(), loop.gBB());
        FinalStep moved = loop.extrapolate(eps);
        loop.switchScale(operators(fine, fine), logA[to], logB[to], moved.fBA().potential(),
                moved.gAB().potential(), moved.debiased() ? moved.fAA().potential() : null,
                moved.debiased() ? moved.gBB().potential() : null);
    }

    /** The four directions share one operator: a and b live on the same grid. */
    private SymmetricSinkhorn.Operators operators(RegularGrid target, RegularGrid source) {
        GridSoftmin softmin = new GridSoftmin(target, source, settings.p());
        return settings.debias()
                ? new SymmetricSinkhorn.Operators(softmin, softmin, softmin, softmin)
                : new SymmetricSinkhorn.Operators(softmin, softmin, null, null);
    }

    private static double[][] logWeights(double[][] levels) {
        double[][] logs = new double[levels.length][];
        for (int level = 0; level < levels.length; level++) {
            logs[level] = LogWeights.of(levels[level]);
        }
        return logs;
    }

    /** The value of GeomLoss's {@code sinkhorn_cost} and the true derivatives of that value. */
    private static GridLossResult result(FinalStep last, double[] a, double[] b, double rho) {
        double[] fba = last.fBA().potential();
        double[] gab = last.gAB().potential();
        double[] faa = last.debiased() ? last.fAA().potential() : null;
        double[] gbb = last.debiased() ? last.gBB().potential() : null;
        double eps = last.eps();
        double[] gradA = new double[a.length];
        double[] gradB = new double[b.length];
        double value;
        if (Double.isInfinite(rho)) {
            value = balanced(a, fba, faa, gradA) + balanced(b, gab, gbb, gradB);
        } else {
            double kappa = rho + eps / 2;
            double slope = rho + eps;
            value = kappa * (unbalanced(a, fba, faa, rho, slope, gradA)
                    + unbalanced(b, gab, gbb, rho, slope, gradB));
            if (!last.debiased()) {
                for (int i = 0; i < gradA.length; i++) {
                    gradA[i] -= eps / 2;
                    gradB[i] -= eps / 2;
                }
            }
        }
        return new GridLossResult(value, gradA, gradB, potential(fba, faa), potential(gab, gbb));
    }

    /** GeomLoss's {@code potentials=True} output: {@code f - self}, or {@code f} without debiasing. */
    private static double[] potential(double[] f, double[] self) {
        double[] out = f.clone();
        if (self != null) {
            for (int i = 0; i < out.length; i++) {
                out[i] -= self[i];
            }
        }
        return out;
    }

    /** {@code <w, f - self>} and the gradient {@code f - self} ({@code self} may be null). */
    private static double balanced(double[] w, double[] f, double[] self, double[] gradient) {
        double sum = 0.0;
        for (int i = 0; i < w.length; i++) {
            gradient[i] = self == null ? f[i] : f[i] - self[i];
            sum += w[i] * gradient[i];
        }
        return sum;
    }

    /**
     * {@code <w, E(self) - E(f)>} with {@code E(f) = exp(-f/rho)} and {@code E(self) = 1} when not
     * debiasing; the gradient entries get {@code (rho + eps) (E(self) - E(f))}. By the envelope
     * theorem on the dual, {@code dOT(a,b)/da_i = (rho + eps)(1 - E(f_i)) - eps + eps m_b}; in the
     * debiased value the mass terms cancel, in the raw value {@code -eps/2} remains.
     */
    private static double unbalanced(double[] w, double[] f, double[] self, double rho,
                                     double slope, double[] gradient) {
        double sum = 0.0;
        for (int i = 0; i < w.length; i++) {
            double term = (self == null ? 1.0 : Math.exp(-self[i] / rho)) - Math.exp(-f[i] / rho);
            gradient[i] = slope * term;
            sum += w[i] * term;
        }
        return sum;
    }
}
