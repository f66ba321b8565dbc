package org.geomloss.images;

import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;

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

    /** The loss. */
    public abstract L build();
}
