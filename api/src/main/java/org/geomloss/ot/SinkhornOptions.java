package org.geomloss.ot;

import java.util.Objects;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;
import org.geomloss.sinkhorn.ProgressListener;

/**
 * The parameters shared by the three ot solvers (GeomLoss's keyword arguments {@code unbalanced},
 * {@code unbalanced_type}, {@code method}, {@code max_iter}, {@code tol}), plus the cap on the
 * iterations a tolerance may add. Immutable: every setter returns a modified copy, so an options
 * object can be shared between threads and reused.
 *
 * <p>Nothing is validated here: the solvers check every value, in upstream's order and with its
 * messages, when they run.
 *
 * <h2>Iterations and tolerance (upstream leaves both unfinished)</h2>
 * <ul>
 *   <li>{@code maxIter(n)} without {@code tol}: upstream's exact sequence, {@code n} averaged
 *       symmetric updates along the geometric schedule from the cost range down to {@code reg}, then
 *       one final full update; nothing is measured ({@link Convergence#FIXED_SCHEDULE}).</li>
 *   <li>{@code tol(t)}: the same {@code n} annealing steps ({@link #DEFAULT_MAX_ITER} when
 *       {@code maxIter} is unset) and final step, then upstream's result is refined by alternating
 *       Sinkhorn updates at the final temperature ({@code g <- S(f)}, {@code f <- S(g)}, damped when
 *       unbalanced) until the marginal error of the current potentials is {@code <= t}, at most
 *       {@code maxExtraIter} of them. The error is read from the soft-min the next update needs
 *       anyway, so the test costs nothing, and the returned potentials are the measured ones.
 *       Alternating updates converge up to four times faster than the averaged symmetric ones;
 *       they keep the symmetry {@code (C, a, b) -> (C^T, b, a)} only up to the tolerance. Self
 *       problems (debiasing) keep averaged updates and must meet the tolerance too.</li>
 *   <li>Neither set: as with {@code tol}, with the default tolerance
 *       {@link #DEFAULT_RELATIVE_TOL} times the larger total mass (upstream documents
 *       "{@code max_iter=None} runs until convergence" but raises).</li>
 * </ul>
 * The marginal error is {@code max(|pi 1 - a e^{-f/rho}|_1, |pi^T 1 - b e^{-g/rho}|_1)} (absolute,
 * in mass units, as POT's; {@code e^{-f/rho} = 1} when balanced): 0 exactly at the optimum of the
 * regularised problem. Why it may not converge within the cap: a tiny {@code eps} relative to the
 * gaps between groups of points makes Sinkhorn mix mass between them very slowly (the iteration
 * count grows like {@code exp(gap^2 / eps)}); raise {@code reg} / {@code blur} or the cap, and
 * check {@code convergence()}.
 *
 * @param <T> the concrete options type returned by the setters
 */
public abstract sealed class SinkhornOptions<T extends SinkhornOptions<T>>
        permits SolveOptions, BatchSolveOptions, SampleOptions {

    /** Annealing steps when {@code maxIter} is not set. */
    public static final int DEFAULT_MAX_ITER = 100;
    /** Default cap on the iterations run after the annealing to reach a tolerance. */
    public static final int DEFAULT_MAX_EXTRA_ITER = 10_000;
    /** Default tolerance, relative to the larger total mass, when neither maxIter nor tol is set. */
    public static final double DEFAULT_RELATIVE_TOL = 1e-6;

    Double unbalanced;
    String unbalancedType = "KL";
    String method = "auto";
    Integer maxIter;
    Double tol;
    int maxExtraIter = DEFAULT_MAX_EXTRA_ITER;
    ProgressListener progress = ProgressListener.NONE;
    Device device = Devices.jvm();

    SinkhornOptions() {
    }

    SinkhornOptions(SinkhornOptions<?> other) {
        unbalanced = other.unbalanced;
        unbalancedType = other.unbalancedType;
        method = other.method;
        maxIter = other.maxIter;
        tol = other.tol;
        maxExtraIter = other.maxExtraIter;
        progress = other.progress;
        device = other.device;
    }

    abstract T copy();

    /**
     * The KL penalty {@code rho} on the marginals (GeomLoss's {@code unbalanced}); unset means
     * balanced OT, and so does {@code +infinity}. Must be {@code > 0}.
     */
    public T unbalanced(double rho) {
        T copy = copy();
        copy.unbalanced = Double.isInfinite(rho) && rho > 0 ? null : rho;
        return copy;
    }

    /** GeomLoss's {@code unbalanced_type}: only {@code "KL"} (the default) is supported. */
    public T unbalancedType(String type) {
        T copy = copy();
        copy.unbalancedType = Objects.requireNonNull(type, "unbalancedType");
        return copy;
    }

    /** GeomLoss's {@code method}: only {@code "auto"} (the default) is supported. */
    public T method(String name) {
        T copy = copy();
        copy.method = Objects.requireNonNull(name, "method");
        return copy;
    }

    /** The number of annealing iterations, {@code >= 1} (GeomLoss's {@code max_iter}). */
    public T maxIter(int iterations) {
        T copy = copy();
        copy.maxIter = iterations;
        return copy;
    }

    /** The marginal-error tolerance, {@code > 0}, that stops the iterations (see the class notes). */
    public T tol(double tolerance) {
        T copy = copy();
        copy.tol = tolerance;
        return copy;
    }

    /** The cap, {@code >= 0}, on the iterations a tolerance may add after the annealing. */
    public T maxExtraIter(int iterations) {
        T copy = copy();
        copy.maxExtraIter = iterations;
        return copy;
    }

    /**
     * Where the soft-mins run (default {@link Devices#jvm()}). Float32 point clouds
     * ({@link OT#solveSample(float[][], float[][], SampleOptions)}) run on any device's kernels;
     * the float64 solvers (cost matrices, {@code double[][]} clouds) run on the JVM only and refuse
     * another device rather than move there silently. Results name the device that ran
     * ({@link OTResult#backendUsed()}).
     */
    public T device(Device device) {
        T copy = copy();
        copy.device = Objects.requireNonNull(device, "device");
        return copy;
    }

    /**
     * A listener told where each problem's Sinkhorn run stands (default none): after every
     * annealing step, when the refinement towards {@code tol} starts (its iteration count unknown
     * in advance) and when the problem is solved ({@link org.geomloss.sinkhorn.ProgressReport});
     * blur values are reported as {@code sqrt(eps / 2)} (the cost {@code |x - y|^2}). Problems of a
     * ragged batch may report from several threads at once.
     */
    public T progress(ProgressListener listener) {
        T copy = copy();
        copy.progress = Objects.requireNonNull(listener, "progress");
        return copy;
    }
}
