package org.geomloss.ot;

import java.util.Objects;
import org.geomloss.kernels.Precision;
import org.geomloss.multiscale.MultiscalePlan;

/**
 * Options of {@link OT#solveSample}: GeomLoss's {@code ot.solve_sample} arguments. The cost is
 * {@code "sqeuclidean"}, {@code C(x, y) = |x - y|^2} (no 1/2, unlike {@code SamplesLoss}).
 *
 * <p>The temperature is given either as {@code reg} ({@code eps}) or as {@code blur}
 * ({@code eps = 2 blur^2}, the Gaussian kernel {@code exp(-|x-y|^2 / 2 blur^2)} of standard
 * deviation blur); the marginal penalty either as {@code unbalanced} ({@code rho}) or {@code reach}
 * ({@code rho = 2 reach^2}). Start with {@code SampleOptions.blur(0.05)} or
 * {@code SampleOptions.reg(1e-3)}. Giving both forms of one parameter is refused when solving, as
 * upstream does; {@link #withReg} and {@link #withBlur} exist for that (Java forbids an instance
 * method {@code blur(double)} beside the static one).
 *
 * <p>{@code debias(true)} also solves the self problems OT(a, a) and OT(b, b): {@code value} becomes
 * the Sinkhorn divergence and the self potentials become available; the plan and the potentials
 * {@code f}, {@code g} are unchanged. Immutable; arrays are copied.
 */
public final class SampleOptions extends SinkhornOptions<SampleOptions> {

    Double reg;
    Double blur;
    Double reach;
    boolean debias;
    MultiscalePlan multiscale;
    String cost = "sqeuclidean";
    double[] a;
    double[] b;
    Precision precision;

    private SampleOptions() {
    }

    private SampleOptions(SampleOptions other) {
        super(other);
        reg = other.reg;
        blur = other.blur;
        reach = other.reach;
        debias = other.debias;
        multiscale = other.multiscale;
        cost = other.cost;
        a = other.a;
        b = other.b;
        precision = other.precision;
    }

    /** Options with nothing set: solving fails until {@code reg} or {@code blur} is given. */
    public static SampleOptions defaults() {
        return new SampleOptions();
    }

    /** Starts options with the temperature {@code eps = reg > 0}. */
    public static SampleOptions reg(double reg) {
        return defaults().withReg(reg);
    }

    /** Starts options with the blur {@code sigma > 0}: {@code eps = 2 sigma^2}. */
    public static SampleOptions blur(double blur) {
        return defaults().withBlur(blur);
    }

    /** Sets {@code reg} (exclusive with {@code blur}). */
    public SampleOptions withReg(double reg) {
        SampleOptions copy = copy();
        copy.reg = reg;
        return copy;
    }

    /** Sets {@code blur} (exclusive with {@code reg}). */
    public SampleOptions withBlur(double blur) {
        SampleOptions copy = copy();
        copy.blur = blur;
        return copy;
    }

    /** The reach {@code tau > 0}: unbalanced OT with {@code rho = 2 tau^2} (not with unbalanced). */
    public SampleOptions reach(double reach) {
        SampleOptions copy = copy();
        copy.reach = reach;
        return copy;
    }

    /** Whether to compute the debiased Sinkhorn divergence (GeomLoss's {@code debias}). */
    public SampleOptions debias(boolean debias) {
        SampleOptions copy = copy();
        copy.debias = debias;
        return copy;
    }

    /**
     * Runs on the multiscale backend with this plan ({@link MultiscalePlan#PYRAMID}: nested grids,
     * each temperature on cells about its own size; {@link MultiscalePlan#TWO_SCALE}: GeomLoss's
     * single jump from voxel centroids to the points), for clouds in dimension 1 to 3; {@code null}
     * (default) solves on the points with online soft-mins. The multiscale backend runs the point
     * kernels of the run's precision ({@link #precision}: by default float64 for {@code double[][]}
     * clouds, float32 for {@code float[][]} ones) with kernel truncation ({@code truncate = 5}, each
     * row's skipped mass below 1e-6 in float32, 1e-14 in float64), starts from GeomLoss's soft-min
     * of zero potentials on the coarsest representation rather than upstream's point-wise start,
     * and returns the potentials of the final full step (after the refinement when {@code tol} is
     * set): its numbers differ from the online solver's along the schedule and agree at
     * convergence within the tolerances of the precision.
     */
    public SampleOptions multiscale(MultiscalePlan plan) {
        SampleOptions copy = copy();
        copy.multiscale = plan;
        return copy;
    }

    /** The cost name: only {@code "sqeuclidean"} (the default) is supported. */
    public SampleOptions cost(String name) {
        SampleOptions copy = copy();
        copy.cost = Objects.requireNonNull(name, "cost");
        return copy;
    }

    /** The source weights {@code a} (length N, {@code >= 0}); uniform when absent. */
    public SampleOptions a(double[] weights) {
        SampleOptions copy = copy();
        copy.a = weights == null ? null : weights.clone();
        return copy;
    }

    /** The target weights {@code b} (length M, {@code >= 0}); uniform when absent. */
    public SampleOptions b(double[] weights) {
        SampleOptions copy = copy();
        copy.b = weights == null ? null : weights.clone();
        return copy;
    }

    /**
     * The precision of the point kernels; {@code null} (the default) follows the input arrays:
     * {@link Precision#FLOAT64} for {@code double[][]} clouds, {@link Precision#FLOAT32} for
     * {@code float[][]} ones. Float32 clouds asked in float64 are widened exactly; float64 clouds
     * asked in float32 are rounded (after a translation towards the origin, see {@link OT}).
     */
    public SampleOptions precision(Precision value) {
        SampleOptions copy = copy();
        copy.precision = value;
        return copy;
    }

    @Override
    SampleOptions copy() {
        return new SampleOptions(this);
    }
}
