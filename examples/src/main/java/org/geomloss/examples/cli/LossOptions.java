package org.geomloss.examples.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.geomloss.SamplesLoss;
import org.geomloss.kernels.Device;
import org.geomloss.sinkhorn.ProgressListener;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The parameters of GeomLoss's {@code SamplesLoss}, one command-line option each, with GeomLoss's
 * defaults. They are passed to {@link SamplesLoss.Builder#set(String, Object)} under their GeomLoss
 * keyword, which validates them (a bad value gives an error naming the option and the value).
 */
public final class LossOptions {

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "sinkhorn",
            description = "sinkhorn, hausdorff, energy, gaussian or laplacian (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--p", paramLabel = "P", defaultValue = "2",
            description = "Exponent of the Sinkhorn cost: 1 gives |x-y|, 2 gives |x-y|^2/2; "
                    + "eps = blur^p (default: ${DEFAULT-VALUE}).")
    int p;

    @Option(names = "--blur", paramLabel = "B", defaultValue = "0.05",
            description = "Length scale of the entropic smoothing (Sinkhorn, Hausdorff) or of the "
                    + "kernel (gaussian, laplacian) (default: ${DEFAULT-VALUE}).")
    double blur;

    @Option(names = "--reach", paramLabel = "R",
            description = "Unbalanced OT: marginal penalty rho = reach^p; unset is balanced "
                    + "(default: unset).")
    Double reach;

    @Option(names = "--diameter", paramLabel = "D",
            description = "Largest distance of the problem, start of the blur schedule "
                    + "(default: the diagonal of the bounding box).")
    Double diameter;

    @Option(names = "--scaling", paramLabel = "S", defaultValue = "0.5",
            description = "Ratio between successive blur values, in (0, 1): 0.5 is fast, 0.9 "
                    + "accurate (default: ${DEFAULT-VALUE}).")
    double scaling;

    @Option(names = "--truncate", paramLabel = "T|none", defaultValue = "5",
            description = "Multiscale kernel truncation in units of eps; 'none' keeps every pair "
                    + "(default: ${DEFAULT-VALUE}).")
    String truncate;

    @Option(names = "--cluster-scale", paramLabel = "C",
            description = "Multiscale voxel size (default: diameter / (sqrt(D) 2000^(1/D))).")
    Double clusterScale;

    @Option(names = "--debias", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Debias the Sinkhorn cost into a divergence S = OT(a,b) - OT(a,a)/2 - "
                    + "OT(b,b)/2; --no-debias gives the raw entropic cost (default: true).")
    boolean debias;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "auto, tensorized, online or multiscale (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--verbose", description = "Log the blur schedule and each iteration.")
    boolean verbose;

    @Mixin
    DeviceOption device;

    /** The options under their GeomLoss keywords, in GeomLoss's order. */
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("loss", loss.toLowerCase(Locale.ROOT));
        parameters.put("p", p);
        parameters.put("blur", blur);
        parameters.put("reach", reach);
        parameters.put("diameter", diameter);
        parameters.put("scaling", scaling);
        parameters.put("truncate", truncateValue());
        parameters.put("cluster_scale", clusterScale);
        parameters.put("debias", debias);
        parameters.put("verbose", verbose);
        parameters.put("backend", backend.toLowerCase(Locale.ROOT));
        return parameters;
    }

    /** The loss these options describe. */
    SamplesLoss build() {
        return build(ProgressListener.NONE);
    }

    /** The loss these options describe, reporting its progress to {@code progress}. */
    SamplesLoss build(ProgressListener progress) {
        SamplesLoss.Builder builder = SamplesLoss.builder();
        parameters().forEach(builder::set);
        return builder.device(device()).progress(progress).build();
    }

    /** The text of {@code --device} as given ({@code jvm} by default). */
    public String deviceName() {
        return device.name();
    }

    /** The device named by {@code --device}. */
    Device device() {
        return device.device();
    }

    private Double truncateValue() {
        if (truncate.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Double.parseDouble(truncate);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--truncate must be a number or 'none', got '"
                    + truncate + "'", e);
        }
    }
}
