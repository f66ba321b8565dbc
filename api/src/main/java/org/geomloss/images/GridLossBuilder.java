package org.geomloss.images;

import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;
import org.geomloss.sinkhorn.ProgressListener;
import org.geomloss.sinkhorn.ProgressReport;
import org.geomloss.sinkhorn.Refinement;

/**
 * The setters shared by {@link ImagesLoss.Builder} and {@link VolumesLoss.Builder}: each returns a
 * new builder of the concrete type {@code B} holding updated {@link GridLossSettings} (validated
 * there). Immutable and thread-safe.
 *
 * @param <B> the concrete builder type
 * @param <L> the loss it builds
 */
abstract class GridLossBuilder<B extends GridLossBuilder<B, L>, L> {
    final GridLossSettings settings;

    GridLossBuilder(GridLossSettings settings) {
        this.settings = settings;
    }

    /** A builder of the concrete type holding {@code updated}. */
    abstract B with(GridLossSettings updated);

    /** Cost exponent: 2 (default, {@code |x-y|^2/2}) or 1 (L1 grid distance). */
    public B p(int p) {
        return with(settings.withP(p));
    }

    /** Target blur {@code eps^(1/p)}, in units of the domain (default: one grid cell). */
    public B blur(double blur) {
        return with(settings.withBlur(blur));
    }

    /** Reach of unbalanced OT, {@code rho = reach^p} (default: unset, balanced). */
    public B reach(double reach) {
        return with(settings.withReach(reach));
    }

    /** Back to balanced OT. */
    public B balanced() {
        return with(settings.withReach(null));
    }

    /** Ratio between successive blurs of the annealing, in (0, 1) (default 0.5). */
    public B scaling(double scaling) {
        return with(settings.withScaling(scaling));
    }

    /** Debiased Sinkhorn divergence (default true) or raw entropic OT. */
    public B debias(boolean debias) {
        return with(settings.withDebias(debias));
    }

    /** Run coarse temperatures on a grid pyramid (default true); false: all on the input grid. */
    public B multiscale(boolean multiscale) {
        return with(settings.withMultiscale(multiscale));
    }

    /**
     * Where the soft-mins run: grid losses run their separable log-domain convolutions on the JVM
     * ({@link Devices#jvm()}, the default), and another device is refused here rather than
     * replaced silently.
     *
     * @throws UnsupportedOperationException for a device other than the JVM
     */
    public B device(Device device) {
        GridDevices.requireJvm(device, "ImagesLoss/VolumesLoss");
        return with(settings);
    }

    /**
     * A tolerance on the marginal error, an extension beyond GeomLoss (default: none, GeomLoss's
     * fixed schedule): after the schedule, iterations continue on the input grid at the last
     * temperature until the L1 marginal violation in mass units,
     * {@code sum_i a_i |exp((f_i - S_i)/eps) - exp(-f_i/rho)|}, is {@code <= tol} for every
     * problem solved, at most {@link #maxExtraIter} of them ({@link Refinement}); how they ended is
     * {@link GridLossResult#refinement()}. The debiased value is then symmetric up to the
     * tolerance only.
     *
     * @throws IllegalArgumentException unless {@code tol > 0}
     */
    public B tol(double tol) {
        return with(settings.withTol(tol));
    }

    /** Back to GeomLoss's fixed schedule (no tolerance). */
    public B fixedSchedule() {
        return with(settings.withTol(null));
    }

    /** The cap, {@code >= 0}, on the iterations a {@link #tol} may add (default 10000). */
    public B maxExtraIter(int iterations) {
        return with(settings.withMaxExtraIter(iterations));
    }

    /**
     * A listener told where each run stands ({@link ProgressReport}): after every temperature of
     * the schedule, at the start and after each iteration of a {@link #tol}'s refinement, and
     * when the result is computed. Each pair of a batch is one run, labelled with its place.
     */
    public B progress(ProgressListener listener) {
        return with(settings.withProgress(listener));
    }

    /** The loss. */
    public abstract L build();
}
