package org.geomloss.images;

import java.util.Arrays;
import java.util.Objects;
import org.geomloss.NumericRange;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.LogWeights;

/**
 * The debiased Sinkhorn (Wasserstein) barycenter of {@code K} densities on the same 2D grid, GeomLoss's
 * {@code ImagesBarycenter} (the debiased barycenter of Janati, Cuturi and Gramfort, ICML 2020): the
 * density {@code c} minimising {@code sum_k w_k S_eps(c, b_k)} for the cost {@code |x - y|^2 / 2}.
 *
 * <p><b>Algorithm</b> (log domain, {@code S(h) = softmin_eps(h)} the separable grid soft-min of
 * {@link GridSoftmin}, {@code l_k = log b_k}, weights normalised to sum 1). Potentials {@code f_k}
 * live on the barycenter's grid, {@code g_k} on the inputs', and {@code d} is the log of the
 * debiasing scaling. Each iteration at temperature {@code eps} does, for all {@code k} in parallel:
 * <pre>
 *   f~_k = S(l_k + g_k/eps)
 *   bar  = d - sum_k w_k f~_k / eps                      (log-density of the barycenter)
 *   g~_k = S(bar + f_k/eps);   f_k = (f_k + f~_k)/2;   g_k = (g_k + g~_k)/2
 *   bar  = d - sum_k w_k S(l_k + g_k/eps) / eps
 *   d    = (d + bar + S(d)/eps) / 2
 * </pre>
 * and the result is {@code exp(bar)} of the last iteration. Temperatures follow GeomLoss's
 * eps-scaling schedule from the grid diagonal down to {@code blur^2}, then {@code finalIterations}
 * more iterations at {@code blur^2} on the input grid; coarse temperatures run on the pyramid of
 * 2x2-summed inputs ({@link DensityPyramid}), and {@code f_k}, {@code g_k}, {@code d} are carried to
 * finer levels by bilinear interpolation, as upstream.
 *
 * <p><b>Differences from upstream:</b> any image size (not only powers of two) and any blur;
 * upstream's schedule is 10 iterations per pyramid level with the blur shrinking by
 * {@code 2^(-1/10)}, here it is GeomLoss's usual schedule with {@code scaling} plus
 * {@code finalIterations} at the target blur; weights are normalised; no autograd (the result is a
 * plain array).
 *
 * <p><b>Edge cases.</b> One input image gives that image up to the entropic blur (debiasing removes
 * most of it). All inputs must have the same total mass; the barycenter then has about that mass.
 * There is no convergence test: at a one-pixel blur on a 32 x 32 grid, 10 final iterations leave
 * the barycenter's mass 6% short, 40 within 1e-4 (hence the default 50); a blur much smaller than a
 * pixel needs more {@code finalIterations}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ImagesBarycenter {

    private static final int P = 2;

    private final Double blur;
    private final double scaling;
    private final int finalIterations;

    private ImagesBarycenter(Double blur, double scaling, int finalIterations) {
        this.blur = blur;
        this.scaling = scaling;
        this.finalIterations = finalIterations;
    }

    /** A builder with the defaults: blur one pixel, scaling 0.8, 50 final iterations. */
    public static Builder builder() {
        return new Builder(null, 0.8, 50);
    }

    /**
     * The barycenter of {@code images} (each row-major {@code height x width}) with {@code weights}.
     *
     * @throws IllegalArgumentException on a bad image (size, negative or non-finite entry, zero
     *                                  mass), unequal masses, or weights that are negative, not
     *                                  finite, of the wrong count or all zero
     */
    public double[] compute(double[][] images, double[] weights, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height and width must be >= 1, got " + height
                    + " x " + width);
        }
        RegularGrid grid = RegularGrid.unit(height, width);
        double[] w = normalisedWeights(images, weights);
        double mass = Densities.requireDensity("images[0]", images[0], grid);
        for (int k = 1; k < images.length; k++) {
            double massK = Densities.requireDensity("images[" + k + "]", images[k], grid);
            if (Math.abs(massK - mass) > 1e-4 * Math.max(mass, massK)) {
                throw new IllegalArgumentException("images must have equal masses, got images[0]: "
                        + mass + ", images[" + k + "]: " + massK);
            }
        }
        return new Solver(grid, images, w, mass).run();
    }

    private static double[] normalisedWeights(double[][] images, double[] weights) {
        if (Objects.requireNonNull(images, "images").length == 0) {
            throw new IllegalArgumentException("images must hold at least one image");
        }
        if (Objects.requireNonNull(weights, "weights").length != images.length) {
            throw new IllegalArgumentException("weights must have one entry per image ("
                    + images.length + "), got " + weights.length);
        }
        double total = 0;
        for (int k = 0; k < weights.length; k++) {
            if (!(weights[k] >= 0) || Double.isInfinite(weights[k])) {
                throw new IllegalArgumentException("weights[" + k + "] must be finite and >= 0, got "
                        + weights[k]);
            }
            total += weights[k];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("weights must not all be 0: "
                    + Arrays.toString(weights));
        }
        double[] normalised = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            normalised[k] = weights[k] / total;
        }
        return normalised;
    }

    /** The state of one barycenter computation. Not thread-safe; one per call. */
    private final class Solver {
        private final DensityPyramid pyramid;
        private final double[][][] logs;
        private final double[] w;
        private final double mass;
        private int level;
        private GridSoftmin softmin;
        private double[][] f;
        private double[][] g;
        private double[] d;
        private double[] bar;

        Solver(RegularGrid grid, double[][] images, double[] w, double mass) {
            this.pyramid = new DensityPyramid(grid, true);
            this.logs = new double[images.length][][];
            for (int k = 0; k < images.length; k++) {
                double[][] levels = pyramid.coarsen(images[k]);
                logs[k] = new double[levels.length][];
                for (int l = 0; l < levels.length; l++) {
                    logs[k][l] = LogWeights.of(levels[l]);
                }
            }
            this.w = w;
            this.mass = mass;
        }

        double[] run() {
            RegularGrid finest = pyramid.grid(0);
            double target = blur != null ? blur : finest.spacing();
            double[] schedule = EpsilonSchedule.geomloss(P, finest.diagonal(), target, scaling);
            start(pyramid.levelFor(schedule[0], P), schedule[0]);
            for (double eps : schedule) {
                moveTo(Math.min(level, pyramid.levelFor(eps, P)));
                iterate(eps);
            }
            moveTo(0);
            double eps = schedule[schedule.length - 1];
            for (int t = 0; t < finalIterations; t++) {
                iterate(eps);
            }
            double[] density = new double[bar.length];
            for (int i = 0; i < bar.length; i++) {
                density[i] = Math.exp(bar[i]);
            }
            return density;
        }

        private void start(int startLevel, double eps) {
            level = startLevel;
            softmin = new GridSoftmin(pyramid.grid(level), pyramid.grid(level), P);
            int count = pyramid.grid(level).count();
            f = new double[w.length][];
            g = new double[w.length][];
            for (int k = 0; k < w.length; k++) {
                f[k] = softmin(logs[k][level], null, eps);
                g[k] = f[k].clone();
            }
            d = new double[count];
            Arrays.fill(d, Math.log(mass / count));
            bar = d.clone();
        }

        private void moveTo(int finer) {
            if (finer == level) {
                return;
            }
            RegularGrid coarse = pyramid.grid(level);
            RegularGrid fine = pyramid.grid(finer);
            for (int k = 0; k < w.length; k++) {
                f[k] = GridInterpolation.interpolate(f[k], coarse, fine);
                g[k] = GridInterpolation.interpolate(g[k], coarse, fine);
            }
            d = GridInterpolation.interpolate(d, coarse, fine);
            level = finer;
            softmin = new GridSoftmin(fine, fine, P);
        }

        private void iterate(double eps) {
            int count = d.length;
            double[][] fNew = new double[w.length][];
            for (int k = 0; k < w.length; k++) {
                fNew[k] = softmin(logs[k][level], g[k], eps);
            }
            double[] logBar = barycenter(fNew, eps);
            for (int k = 0; k < w.length; k++) {
                double[] gNew = softmin(logBar, f[k], eps);
                for (int i = 0; i < count; i++) {
                    f[k][i] = 0.5 * (f[k][i] + fNew[k][i]);
                    g[k][i] = 0.5 * (g[k][i] + gNew[i]);
                }
            }
            double[][] fAfter = new double[w.length][];
            for (int k = 0; k < w.length; k++) {
                fAfter[k] = softmin(logs[k][level], g[k], eps);
            }
            bar = barycenter(fAfter, eps);
            double[] selfTerm = softmin(d, null, eps);
            for (int i = 0; i < count; i++) {
                d[i] = 0.5 * (d[i] + bar[i] + selfTerm[i] / eps);
            }
        }

        /** {@code d - sum_k w_k potentials_k / eps}. */
        private double[] barycenter(double[][] potentials, double eps) {
            double[] result = d.clone();
            for (int k = 0; k < w.length; k++) {
                for (int i = 0; i < result.length; i++) {
                    result[i] -= w[k] * potentials[k][i] / eps;
                }
            }
            return result;
        }

        /** {@code softmin_eps(logs + potential / eps)} ({@code potential} may be null). */
        private double[] softmin(double[] logWeights, double[] potential, double eps) {
            double[] h = logWeights.clone();
            if (potential != null) {
                for (int i = 0; i < h.length; i++) {
                    h[i] += potential[i] / eps;
                }
            }
            double[] out = new double[h.length];
            softmin.softmin(eps, h, out);
            return out;
        }
    }

    /** Immutable builder: each setter returns a new builder. */
    public static final class Builder {
        private final Double blur;
        private final double scaling;
        private final int finalIterations;

        private Builder(Double blur, double scaling, int finalIterations) {
            this.blur = blur;
            this.scaling = scaling;
            this.finalIterations = finalIterations;
        }

        /** Target blur {@code sqrt(eps)} in units of the domain (default: one pixel). */
        public Builder blur(double blur) {
            if (!(blur > 0) || Double.isInfinite(blur)) {
                throw new IllegalArgumentException("blur must be > 0 and finite, got " + blur);
            }
            NumericRange.power("blur", blur, P);
            return new Builder(blur, scaling, finalIterations);
        }

        /** Ratio between successive blurs of the annealing, in (0, 1) (default 0.8). */
        public Builder scaling(double scaling) {
            if (!(scaling > 0 && scaling < 1)) {
                throw new IllegalArgumentException("scaling must be in (0, 1), got " + scaling);
            }
            return new Builder(blur, scaling, finalIterations);
        }

        /** Iterations at the target blur on the input grid after the annealing (default 50). */
        public Builder finalIterations(int finalIterations) {
            if (finalIterations < 0) {
                throw new IllegalArgumentException("finalIterations must be >= 0, got "
                        + finalIterations);
            }
            return new Builder(blur, scaling, finalIterations);
        }

        /**
         * Where the soft-mins run: the barycenter runs its separable grid soft-mins on the JVM
         * ({@link Devices#jvm()}, the default); another device is refused rather than replaced.
         *
         * @throws UnsupportedOperationException for a device other than the JVM
         */
        public Builder device(Device device) {
            GridDevices.requireJvm(device, "ImagesBarycenter");
            return this;
        }

        /** The barycenter solver. */
        public ImagesBarycenter build() {
            return new ImagesBarycenter(blur, scaling, finalIterations);
        }
    }
}
