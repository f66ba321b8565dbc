package org.geomloss;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.geomloss.kernels.CostFunction;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.IndependentProblems;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.Precision;
import org.geomloss.kernels.RadialKernel;
import org.geomloss.multiscale.MultiscalePlan;
import org.geomloss.multiscale.MultiscaleSettings;
import org.geomloss.ot.SinkhornOptions;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.ProgressListener;
import org.geomloss.sinkhorn.ProgressReport;
import org.geomloss.sinkhorn.ProgressTracker;
import org.geomloss.sinkhorn.Refinement;
import org.geomloss.sinkhorn.SinkhornProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Distances between weighted point clouds: GeomLoss's {@code SamplesLoss}, with the same parameters,
 * defaults and numbers, and exact gradients computed from the dual potentials.
 *
 * <p>Losses ({@link Loss}): the Sinkhorn divergence (debiased or not, balanced or unbalanced with a
 * {@code reach}), the soft Hausdorff divergence, and the energy, Gaussian and Laplacian kernel norms.
 * For Sinkhorn, {@code eps = blur^p} and {@code rho = reach^p}; the cost is {@code |x-y|^2/2} for
 * {@code p = 2} and {@code |x-y|} for {@code p = 1} ({@link GroundCost}), or a custom
 * {@link CostFunction}. The temperatures go from {@code diameter^p} down to {@code blur^p}, divided by
 * {@code scaling^p} at each step ({@link EpsilonSchedule}); as in GeomLoss there is no convergence
 * test by default, so {@code scaling} is the accuracy knob (0.5 is fast, 0.9 is accurate). Beyond
 * GeomLoss, {@link Builder#tol} continues at {@code blur^p} until the marginal constraints hold to a
 * tolerance.
 *
 * <pre>{@code
 * SamplesLoss loss = SamplesLoss.builder().loss(Loss.SINKHORN).p(2).blur(0.05).build();
 * LossGradients r = loss.valueAndGradients(Measure.of(x), Measure.of(y));
 * }</pre>
 *
 * <p>Why a result may be inaccurate: a blur much smaller than the diameter with an aggressive
 * {@code scaling} leaves the loop short of convergence (small negative divergences, around -1e-3, are
 * the symptom; raise {@code scaling} or set a {@code tol}); balanced Sinkhorn needs equal total
 * masses (refused otherwise: set a {@code reach}).
 *
 * <p>Valid ranges ({@link NumericRange}): {@code blur^p} and {@code reach^p} normal float64 numbers
 * (checked by {@link Builder#build}); on every call, for the Sinkhorn and Hausdorff losses,
 * {@code (diameter / blur)^p <= 2^52} (float64 resolves the temperature next to the largest cost)
 * and {@code (diameter / reach)^p} finite. Outside them an
 * {@link IllegalArgumentException} names the parameter, its value and the range; a {@code null}
 * argument is a {@link NullPointerException} naming it.
 *
 * <p>Immutable and thread-safe: one instance can serve many threads.
 */
public final class SamplesLoss {

    private static final Logger LOG = LoggerFactory.getLogger(SamplesLoss.class);
    /** GeomLoss's auto rule: multiscale beyond this many pairs. */
    private static final long MULTISCALE_MIN_PAIRS = 10000L * 10000L;
    /** Relative tolerance on equal masses in balanced Sinkhorn, as GeomLoss's ot API. */
    private static final double MASS_TOLERANCE = 1e-3;

    private final Loss loss;
    private final int p;
    private final double blur;
    private final Double reach;
    private final Double diameter;
    private final double scaling;
    private final Double tol;
    private final int maxExtraIter;
    private final Double truncate;
    private final CostFunction cost;
    private final Double clusterScale;
    private final MultiscalePlan multiscalePlan;
    private final boolean debias;
    private final boolean verbose;
    private final Backend backend;
    private final Device device;
    private final Precision precision;
    private final ProgressListener progress;

    private SamplesLoss(Builder builder) {
        this.loss = builder.loss;
        this.p = builder.p;
        this.blur = builder.blur;
        this.reach = builder.reach;
        this.diameter = builder.diameter;
        this.scaling = builder.scaling;
        this.tol = builder.tol;
        this.maxExtraIter = builder.maxExtraIter;
        this.truncate = builder.truncate;
        this.cost = builder.cost != null ? builder.cost : GroundCost.forExponent(builder.p);
        this.clusterScale = builder.clusterScale;
        this.multiscalePlan = builder.multiscalePlan;
        this.debias = builder.debias;
        this.verbose = builder.verbose;
        this.backend = builder.backend;
        this.device = builder.device;
        this.precision = builder.precision;
        this.progress = builder.progress;
    }

    /** A builder with GeomLoss's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The loss {@code L(alpha, beta)}. */
    public double value(Measure x, Measure y) {
        requireArguments(x, y);
        return evaluate(List.of(x), List.of(y), false).outcomes().get(0).value();
    }

    /** The loss and its gradients with respect to both point sets and both weight vectors. */
    public LossGradients valueAndGradients(Measure x, Measure y) {
        requireArguments(x, y);
        Evaluation evaluation = evaluate(List.of(x), List.of(y), true);
        return toGradients(evaluation.outcomes().get(0), evaluation.precision());
    }

    /** The dual potentials (GeomLoss's {@code potentials=True}). */
    public DualPotentials potentials(Measure x, Measure y) {
        requireArguments(x, y);
        Evaluation evaluation = evaluate(List.of(x), List.of(y), false);
        return toPotentials(evaluation.outcomes().get(0), evaluation.precision());
    }

    /** The B losses of a batch: one diameter and schedule for the whole batch, as in GeomLoss. */
    public double[] value(MeasureBatch x, MeasureBatch y) {
        requireArguments(x, y);
        return evaluate(x.measures(), y.measures(), false).outcomes().stream()
                .mapToDouble(Outcome::value).toArray();
    }

    /**
     * The B losses of a batch with their gradients; the gradients of each pair are also those of
     * the sum of the B values (GeomLoss differentiates the sum).
     */
    public List<LossGradients> valueAndGradients(MeasureBatch x, MeasureBatch y) {
        requireArguments(x, y);
        Evaluation evaluation = evaluate(x.measures(), y.measures(), true);
        return evaluation.outcomes().stream()
                .map(o -> toGradients(o, evaluation.precision())).toList();
    }

    /** The dual potentials of each pair of a batch. */
    public List<DualPotentials> potentials(MeasureBatch x, MeasureBatch y) {
        requireArguments(x, y);
        Evaluation evaluation = evaluate(x.measures(), y.measures(), false);
        return evaluation.outcomes().stream()
                .map(o -> toPotentials(o, evaluation.precision())).toList();
    }

    /**
     * The loss of each pair of a ragged batch, in input order: pairs of any sizes, each computed
     * exactly as {@link #value(Measure, Measure)} alone (its own diameter, schedule and backend), so
     * the results equal the one-by-one results bit for bit. Small pairs run in parallel on the
     * kernels' threads ({@link IndependentProblems}).
     *
     * @throws IllegalArgumentException naming the pair ({@code pairs[k]}) whose input is invalid
     */
    public double[] value(List<MeasurePair> pairs) {
        return IndependentProblems.solve(pairs, "pairs", SamplesLoss::pointPairs,
                pair -> value(pair.x(), pair.y())).stream()
                .mapToDouble(Double::doubleValue).toArray();
    }

    /** {@link #valueAndGradients(Measure, Measure)} of each pair of a ragged batch, in input order. */
    public List<LossGradients> valueAndGradients(List<MeasurePair> pairs) {
        return IndependentProblems.solve(pairs, "pairs", SamplesLoss::pointPairs,
                pair -> valueAndGradients(pair.x(), pair.y()));
    }

    /** {@link #potentials(Measure, Measure)} of each pair of a ragged batch, in input order. */
    public List<DualPotentials> potentials(List<MeasurePair> pairs) {
        return IndependentProblems.solve(pairs, "pairs", SamplesLoss::pointPairs,
                pair -> potentials(pair.x(), pair.y()));
    }

    private static long pointPairs(MeasurePair pair) {
        return (long) pair.x().count() * pair.y().count();
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** The device kernels run on. */
    public Device device() {
        return device;
    }

    /**
     * The precision asked for; a call may run in {@link Precision#FLOAT64} instead when float32
     * cannot resolve its temperature (see {@link Builder#precision}), and its result says so.
     */
    public Precision precision() {
        return precision;
    }

    private static void requireArguments(Object x, Object y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
    }

    private LossGradients toGradients(Outcome outcome, Precision ran) {
        return new LossGradients(outcome.value(), outcome.gradX(), outcome.gradY(), outcome.gradA(),
                outcome.gradB(), outcome.backend(), deviceUsed(outcome.backend(), ran),
                outcome.refinement(), ran);
    }

    private static DualPotentials toPotentials(Outcome outcome, Precision ran) {
        return new DualPotentials(outcome.f(), outcome.g(), outcome.backend(), outcome.refinement(),
                ran);
    }

    /**
     * The device that ran, with the kernels of the precision that ran when they are not the
     * device's default ones; dense cost matrices (tensorized Sinkhorn) live on the JVM, in float64,
     * computed from the coordinates in the precision that ran ({@link Builder#build}).
     */
    private String deviceUsed(Backend used, Precision ran) {
        boolean dense = used == Backend.TENSORIZED && usesTemperature(loss);
        if (dense) {
            return device.description() + ", float64 dense matrices (" + ran.label()
                    + " coordinates)";
        }
        return device.kernels(ran) == device.kernels() ? device.description()
                : device.description() + " " + device.kernels(ran).name();
    }

    /** The outcomes of a call, with the precision that ran. */
    private record Evaluation(List<Outcome> outcomes, Precision precision) {
    }

    private Evaluation evaluate(List<Measure> xs, List<Measure> ys, boolean gradients) {
        if (xs.size() != ys.size()) {
            throw new IllegalArgumentException("y has batch size " + ys.size()
                    + " but x has batch size " + xs.size());
        }
        Measure x0 = xs.get(0);
        Measure y0 = ys.get(0);
        if (x0.dimension() != y0.dimension()) {
            throw new IllegalArgumentException("y has dimension " + y0.dimension()
                    + " but x has dimension " + x0.dimension());
        }
        Backend resolved = resolveBackend(x0.count(), y0.count(), x0.dimension());
        double[][] box = boundingBox(xs, ys, Precision.FLOAT32);
        double resolvedDiameter = diameter != null ? diameter : diagonal(box);
        requireResolvedAt(resolvedDiameter);
        Precision ran = PrecisionChoice.resolve(precision, usesTemperature(loss), blur, p,
                resolvedDiameter);
        if (ran == Precision.FLOAT64) {
            box = boundingBox(xs, ys, Precision.FLOAT64);
            resolvedDiameter = diameter != null ? diameter : diagonal(box);
        }
        PointKernels kernels = device.kernels(ran);
        double[] centre = PointArray.float32Translation(box[0], box[1]);
        List<Outcome> outcomes = new ArrayList<>(xs.size());
        for (int b = 0; b < xs.size(); b++) {
            Measure x = xs.get(b);
            Measure y = ys.get(b);
            requireBalancedMasses(x, y);
            Pair pair = new Pair(x.points(ran, centre), x.weightsView(), y.points(ran, centre),
                    y.weightsView(), resolvedDiameter, resolved, kernels, gradients,
                    tracker(label(x, y, resolved, b, xs.size())));
            outcomes.add(evaluate(pair));
        }
        return new Evaluation(outcomes, ran);
    }

    private Outcome evaluate(Pair pair) {
        long start = System.nanoTime();
        Outcome outcome = switch (loss) {
            case SINKHORN -> pair.backend() == Backend.MULTISCALE
                    ? MultiscaleDivergence.evaluate(pair, (GroundCost) cost,
                            multiscaleSettings(pair.diameter()))
                    : new SinkhornDivergence(cost, annealing(pair), debias).evaluate(pair);
            case HAUSDORFF -> new HausdorffDivergence(cost, annealing(pair)).evaluate(pair);
            case ENERGY -> new KernelNorm(RadialKernel.ENERGY, 1.0).evaluate(pair);
            case GAUSSIAN -> new KernelNorm(RadialKernel.GAUSSIAN, blur).evaluate(pair);
            case LAPLACIAN -> new KernelNorm(RadialKernel.LAPLACIAN, blur).evaluate(pair);
        };
        log("{} {}x{} in dimension {} on {} ({}, {}): {} in {} ms", loss.geomlossName(),
                pair.x().count(), pair.y().count(), pair.dimension(), pair.backend().geomlossName(),
                device.description(), pair.gradients() ? "with gradients" : "value",
                outcome.value(), (System.nanoTime() - start) / 1_000_000);
        if (outcome.refinement() != null) {
            report(outcome.refinement());
        }
        pair.progress().finish(outcome.refinement() == null ? 0 : outcome.refinement().iterations());
        return outcome;
    }

    /** Logs a refinement, with an SLF4J warning when the tolerance was not reached. */
    private void report(Refinement.Outcome refined) {
        log("{} extra iterations at blur {}: marginal error {} (tol {}, {})", refined.iterations(),
                blur, refined.marginalError(), tol,
                refined.converged() ? "converged" : "not converged");
        if (!refined.converged()) {
            LOG.warn("{}: tol {} not reached after max_extra_iter = {} extra iterations at blur {} "
                            + "(marginal error {}); raise max_extra_iter, blur or tol",
                    loss.geomlossName(), tol, maxExtraIter, blur, refined.marginalError());
        }
    }

    /** GeomLoss's annealing of one pair on a single scale: its start, schedule and tolerance. */
    private AnnealingDriver.Settings annealing(Pair pair) {
        return new AnnealingDriver.Settings(schedule(pair), rho(), AnnealingDriver.Start.SOFTMIN_OF_ZERO,
                refinement(), verbose ? Level.INFO : Level.DEBUG);
    }

    private double[] schedule(Pair pair) {
        double[] schedule = EpsilonSchedule.geomloss(p, pair.diameter(), blur, scaling);
        log("diameter {}, {} temperatures, blur values: {}", pair.diameter(), schedule.length,
                EpsilonSchedule.describe(schedule, p));
        return schedule;
    }

    /** The reach, or {@code +infinity} when balanced. */
    private double reach() {
        return reach == null ? Double.POSITIVE_INFINITY : reach;
    }

    private double rho() {
        return reach == null ? Double.POSITIVE_INFINITY : Math.pow(reach, p);
    }

    /**
     * The tracker of one problem: it reports to the builder's listener and, when {@code verbose},
     * logs each step at INFO.
     */
    private ProgressTracker tracker(String label) {
        ProgressListener listener = !verbose ? progress : ((ProgressListener) report -> {
            if (report.phase() == ProgressReport.Phase.ANNEALING) {
                LOG.info("iteration {}/{}: eps = {}, blur = {}", report.step(), report.steps(),
                        report.eps(), report.blur());
            }
        }).andThen(progress);
        return new ProgressTracker(listener, label, eps -> Math.pow(eps, 1.0 / p), tol != null
                && usesTemperature(loss));
    }

    /** What a problem's progress reports name: loss, backend, sizes, and its place in a batch. */
    private String label(Measure x, Measure y, Backend resolved, int index, int count) {
        String label = loss.geomlossName() + " " + resolved.geomlossName() + " " + x.count() + "x"
                + y.count();
        return count == 1 ? label : label + " pair " + (index + 1) + "/" + count;
    }

    private void log(String format, Object... arguments) {
        if (verbose) {
            LOG.info(format, arguments);
        } else {
            LOG.debug(format, arguments);
        }
    }

    /** The refinement asked for by {@code tol} and {@code maxExtraIter}, or null when tol is unset. */
    private Refinement refinement() {
        return tol == null ? null : new Refinement(tol, maxExtraIter);
    }

    /** The settings of the multiscale backend for a pair of clouds of the resolved diameter. */
    private MultiscaleSettings multiscaleSettings(double resolvedDiameter) {
        return new MultiscaleSettings(multiscalePlan, p, blur, reach(), resolvedDiameter, scaling,
                truncate, clusterScale, refinement(), debias, verbose);
    }

    private Backend resolveBackend(int n, int m, int d) {
        if (backend == Backend.MULTISCALE) {
            if (loss != Loss.SINKHORN) {
                throw new UnsupportedOperationException("the multiscale backend serves the sinkhorn "
                        + "loss only; use backend ONLINE for " + loss.geomlossName());
            }
            if (!(cost instanceof GroundCost)) {
                throw new UnsupportedOperationException("the multiscale backend needs p=1 or p=2 "
                        + "ground costs; use backend ONLINE or TENSORIZED with a custom cost");
            }
            if (d > 3) {
                throw new IllegalArgumentException("the multiscale backend clusters on a grid in "
                        + "dimension 1 to 3, got dimension " + d + ": use backend ONLINE");
            }
            return Backend.MULTISCALE;
        }
        if (backend != Backend.AUTO) {
            return backend;
        }
        long pairs = (long) n * m;
        if (loss == Loss.SINKHORN && d <= 3 && pairs > MULTISCALE_MIN_PAIRS && p == 2
                && cost instanceof GroundCost) {
            return Backend.MULTISCALE;
        }
        return Backend.ONLINE;
    }

    /**
     * The lengths against the problem's diameter: the temperature {@code blur^p} resolved next to
     * the largest cost, and every cost divided by {@code reach^p} finite in float64.
     */
    private void requireResolvedAt(double problemDiameter) {
        if (usesTemperature(loss)) {
            NumericRange.resolvedTemperature("blur", blur, p, problemDiameter);
        }
        if (reach != null && usesTemperature(loss)) {
            NumericRange.finiteCostRatio("reach", reach, p, problemDiameter);
        }
    }

    /**
     * The power of the blur that divides the costs: {@code p} for the Sinkhorn and Hausdorff
     * temperatures {@code eps = blur^p}, 2 for the Gaussian kernel {@code exp(-|x-y|^2/(2 blur^2))},
     * 1 for the Laplacian {@code exp(-|x-y|/blur)}, 0 for the energy distance (no blur).
     */
    private static int blurExponent(Loss loss, int p) {
        return switch (loss) {
            case SINKHORN, HAUSDORFF -> p;
            case GAUSSIAN -> 2;
            case LAPLACIAN -> 1;
            case ENERGY -> 0;
        };
    }

    /**
     * Whether the loss runs a Sinkhorn loop at the temperature {@code eps = blur^p}, with marginal
     * penalties {@code rho = reach^p} when a reach is set.
     */
    private static boolean usesTemperature(Loss loss) {
        return loss == Loss.SINKHORN || loss == Loss.HAUSDORFF;
    }

    private void requireBalancedMasses(Measure x, Measure y) {
        if (reach != null || (loss != Loss.SINKHORN)) {
            return;
        }
        double ma = x.totalMass();
        double mb = y.totalMass();
        if (Math.abs(ma - mb) > MASS_TOLERANCE * Math.max(ma, mb)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "weights: balanced sinkhorn needs equal total masses, got %s for x and %s for y;"
                            + " normalise the weights or set a reach (unbalanced OT)", ma, mb));
        }
    }

    /**
     * The bounding box {@code {min, max}} of every point of the call, from the coordinates in
     * {@code precision}: as GeomLoss computes the diameter in the dtype of its tensors, float32
     * coordinates (the roundings of float64 data) for float32 runs, the float64 ones otherwise.
     */
    private static double[][] boundingBox(List<Measure> xs, List<Measure> ys, Precision precision) {
        int d = xs.get(0).dimension();
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (List<Measure> measures : List.of(xs, ys)) {
            for (Measure measure : measures) {
                PointArray points = measure.points();
                double[] wide = precision == Precision.FLOAT64 ? points.doubleCoordinates() : null;
                float[] coords = points.coords();
                for (int i = 0; i < points.count(); i++) {
                    for (int k = 0; k < d; k++) {
                        double value = wide != null ? wide[i * d + k] : coords[i * d + k];
                        min[k] = Math.min(min[k], value);
                        max[k] = Math.max(max[k], value);
                    }
                }
            }
        }
        return new double[][] {min, max};
    }

    private static double diagonal(double[][] box) {
        double sum = 0.0;
        for (int k = 0; k < box[0].length; k++) {
            sum += (box[1][k] - box[0][k]) * (box[1][k] - box[0][k]);
        }
        return Math.sqrt(sum);
    }

    /**
     * The translation applied to the points before the kernels: the centre of the bounding box when
     * the box lies farther from the origin than its diagonal (clouds around 1e4 with unit extent:
     * float32 would round their coordinates to 1e-3), else none ({@code null}), so that clouds near
     * the origin keep their float32 coordinates bit for bit. Costs, potentials, values and gradients
     * are translation invariant.
     */
    /**
     * Builds a {@link SamplesLoss}; every setter validates its argument, and the defaults are
     * GeomLoss's: {@code loss=sinkhorn, p=2, blur=0.05, reach=None, diameter=None, scaling=0.5,
     * truncate=5, cost=None, cluster_scale=None, debias=True, verbose=False, backend=auto}, plus
     * the extensions {@code tol=None, max_extra_iter=10000}. Not thread-safe.
     */
    public static final class Builder {
        private Loss loss = Loss.SINKHORN;
        private int p = 2;
        private double blur = 0.05;
        private Double reach;
        private Double diameter;
        private double scaling = 0.5;
        private Double tol;
        private int maxExtraIter = SinkhornOptions.DEFAULT_MAX_EXTRA_ITER;
        private Double truncate = 5.0;
        private CostFunction cost;
        private Double clusterScale;
        private MultiscalePlan multiscalePlan = MultiscalePlan.PYRAMID;
        private boolean debias = true;
        private boolean verbose;
        private Backend backend = Backend.AUTO;
        private Device device = Devices.jvm();
        private Precision precision = Precision.FLOAT32;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** The loss (default {@link Loss#SINKHORN}). */
        public Builder loss(Loss value) {
            this.loss = Objects.requireNonNull(value, "loss");
            return this;
        }

        /** The cost exponent, 1 or 2 (default 2); {@code eps = blur^p}, {@code rho = reach^p}. */
        public Builder p(int value) {
            if (value != 1 && value != 2) {
                throw new IllegalArgumentException("p must be 1 or 2, got " + value);
            }
            this.p = value;
            return this;
        }

        /** The blur: the length scale of the entropic smoothing or of the kernel (default 0.05). */
        public Builder blur(double value) {
            this.blur = positive("blur", value);
            return this;
        }

        /** The reach of unbalanced OT ({@code rho = reach^p}); {@code null} (default) is balanced. */
        public Builder reach(Double value) {
            this.reach = value == null ? null : positive("reach", value);
            return this;
        }

        /** The largest distance of the problem; {@code null} (default) uses the bounding box. */
        public Builder diameter(Double value) {
            this.diameter = value == null ? null : positive("diameter", value);
            return this;
        }

        /** The ratio between successive blur values of the schedule, in (0, 1) (default 0.5). */
        public Builder scaling(double value) {
            if (!(value > 0 && value < 1)) {
                throw new IllegalArgumentException("scaling must be in (0, 1), got " + value);
            }
            this.scaling = value;
            return this;
        }

        /**
         * A tolerance on the marginal constraints, an extension beyond GeomLoss; {@code null}
         * (default) keeps GeomLoss's fixed schedule. When set, the Sinkhorn loop runs the schedule,
         * then continues at the last temperature {@code eps = blur^p} until the marginal error of
         * its potentials is {@code <= tol}, at most {@link #maxExtraIter} iterations, before the
         * final step that gives the value and gradients. The error is the L1 violation in mass
         * units ({@link Refinement}): for potentials {@code (f, g)} of the cross problem,
         * <pre>  sum_i a_i |exp((f_i - S_i)/eps) - exp(-f_i/rho)|,   S = softmin_eps(l_b + g/eps)</pre>
         * ({@code exp(-f/rho) = 1} when balanced), 0 exactly at the optimum of the regularised
         * problem. The cross problem OT(alpha, beta) takes alternating updates and the self problems
         * OT(alpha, alpha), OT(beta, beta) keep their averaged ones; every problem solved must meet
         * the tolerance ({@link org.geomloss.sinkhorn.SymmetricSinkhorn#refine}). A tolerance not
         * reached within the cap is logged as an SLF4J warning and reported with
         * {@code converged = false} ({@link LossGradients#refinement()},
         * {@link DualPotentials#refinement()}), not thrown.
         *
         * <p>Applies to the {@code sinkhorn} and {@code hausdorff} losses on every backend
         * (tensorized, online, multiscale: on the points, after the coarse-to-fine schedule); the
         * kernel losses ({@code energy, gaussian, laplacian}) ignore it, as they ignore
         * {@code scaling}. The debiased divergence is then symmetric only up to the tolerance.
         * The float32 kernels of the online and multiscale backends cannot resolve errors much
         * below 1e-7 (debiased runs on the golden problems stalled between 2e-8 and 6e-8); the
         * tensorized backend computes in float64, and so do the others with
         * {@link #precision precision(FLOAT64)}.
         *
         * @throws IllegalArgumentException if {@code value} is not {@code > 0} and finite
         */
        public Builder tol(Double value) {
            this.tol = value == null ? null : positive("tol", value);
            return this;
        }

        /**
         * The cap, {@code >= 0}, on the iterations a {@link #tol} may add after the schedule
         * (default {@link SinkhornOptions#DEFAULT_MAX_EXTRA_ITER}, as in the ot solvers); unused
         * without a tol.
         */
        public Builder maxExtraIter(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("max_extra_iter must be >= 0, got " + value);
            }
            this.maxExtraIter = value;
            return this;
        }

        /** Multiscale kernel truncation in units of eps (default 5); {@code null} keeps every pair. */
        public Builder truncate(Double value) {
            this.truncate = value == null ? null : positive("truncate", value);
            return this;
        }

        /** A custom ground cost; {@code null} (default) uses {@link GroundCost#forExponent(int)}. */
        public Builder cost(CostFunction value) {
            this.cost = value;
            return this;
        }

        /**
         * The multiscale cell size: the side of the finest grid cells of the pyramid (default: a
         * few points per cell), or the voxel size of the two-scale plan (default
         * {@code diameter/(sqrt(D) 2000^(1/D))}); {@code null} for the default.
         */
        public Builder clusterScale(Double value) {
            this.clusterScale = value == null ? null : positive("cluster_scale", value);
            return this;
        }

        /**
         * How the multiscale backend goes from coarse to fine (default
         * {@link MultiscalePlan#PYRAMID}; {@link MultiscalePlan#TWO_SCALE} is GeomLoss's scheme).
         */
        public Builder multiscalePlan(MultiscalePlan value) {
            this.multiscalePlan = Objects.requireNonNull(value, "multiscalePlan");
            return this;
        }

        /** Whether to debias the Sinkhorn cost into a divergence (default true). */
        public Builder debias(boolean value) {
            this.debias = value;
            return this;
        }

        /** Whether to log the schedule and iterations at INFO (default false: DEBUG). */
        public Builder verbose(boolean value) {
            this.verbose = value;
            return this;
        }

        /** The backend (default {@link Backend#AUTO}). */
        public Builder backend(Backend value) {
            this.backend = Objects.requireNonNull(value, "backend");
            return this;
        }

        /** Where the kernels run (default {@link Devices#jvm()}). */
        public Builder device(Device value) {
            this.device = Objects.requireNonNull(value, "device");
            return this;
        }

        /**
         * The precision of the kernels (default {@link Precision#FLOAT32}, GeomLoss's default
         * dtype). {@link Precision#FLOAT64} computes costs, exponents and sums in float64 from the
         * float64 coordinates of measures built from doubles (float32 coordinates are widened
         * exactly), at a quarter to a seventh of the float32 throughput, on every backend (on
         * MULTISCALE the cluster centroids and truncation bounds are float64 too, and kernel
         * truncation skips at most 1e-14 of each row's mass instead of 1e-6); AUTO chooses the
         * backend as in float32. A device without float64 kernels refuses it.
         *
         * <p>With FLOAT32, a Sinkhorn or Hausdorff call whose temperature float32 cannot resolve,
         * {@code (diameter / blur)^p > 2^22}, runs in FLOAT64 on the backend it would have run on
         * (one SLF4J warning per JVM; {@link LossGradients#precision()} records it).
         */
        public Builder precision(Precision value) {
            this.precision = Objects.requireNonNull(value, "precision");
            return this;
        }

        /**
         * A listener told where each Sinkhorn run stands (default none): after every step of the
         * temperature schedule (step, temperature, elapsed and estimated remaining time), when
         * the refinement of a {@link #tol} starts, and once when each problem is finished
         * ({@link ProgressReport}); the kernel losses send only the final report. Each problem
         * of a batch is one run, labelled with its place; pairs of a ragged batch may report
         * from several threads at once.
         */
        public Builder progress(ProgressListener value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /**
         * A callback told of every step of the schedule as {@code (iteration, total, eps)}, with
         * {@code iteration} 0-based ({@link ProgressListener#of}); the richer reports need
         * {@link #progress(ProgressListener)}.
         */
        public Builder progress(SinkhornProgress value) {
            return progress(ProgressListener.of(Objects.requireNonNull(value, "progress")));
        }

        /**
         * Sets a parameter by its GeomLoss keyword ({@code loss, p, blur, reach, diameter, scaling,
         * truncate, cluster_scale, debias, verbose, backend}, and the extensions {@code tol} and
         * {@code max_extra_iter} (or {@code maxExtraIter}); also {@code potentials}, accepted and
         * ignored since potentials are a method here, and {@code cost = null}). Strings name enums,
         * numbers set numbers, {@code null} resets an optional parameter.
         *
         * @throws IllegalArgumentException for an unknown keyword or a value of the wrong type
         */
        public Builder set(String name, Object value) {
            switch (Objects.requireNonNull(name, "name")) {
                case "loss" -> loss(Loss.fromName(string(name, value)));
                case "p" -> p(integer(name, value));
                case "blur" -> blur(number(name, value));
                case "reach" -> reach(optionalNumber(name, value));
                case "diameter" -> diameter(optionalNumber(name, value));
                case "scaling" -> scaling(number(name, value));
                case "tol" -> tol(optionalNumber(name, value));
                case "max_extra_iter", "maxExtraIter" -> maxExtraIter(integer(name, value));
                case "truncate" -> truncate(optionalNumber(name, value));
                case "cluster_scale", "clusterScale" -> clusterScale(optionalNumber(name, value));
                case "multiscale_plan", "multiscalePlan" -> multiscalePlan(plan(name, value));
                case "debias" -> debias(bool(name, value));
                case "verbose" -> verbose(bool(name, value));
                case "potentials" -> bool(name, value);
                case "backend" -> backend(Backend.fromName(string(name, value)));
                case "precision", "dtype" -> precision(precisionNamed(name, value));
                case "cost" -> {
                    if (value != null) {
                        throw new IllegalArgumentException("cost: GeomLoss's cost formulas are KeOps "
                                + "strings or Python functions; pass a CostFunction to cost(...), "
                                + "got " + value);
                    }
                    cost(null);
                }
                default -> throw new IllegalArgumentException("unknown option '" + name
                        + "' = " + value + "; known: loss, p, blur, reach, diameter, scaling, "
                        + "tol, max_extra_iter, truncate, cost, cluster_scale, multiscale_plan, debias, potentials, "
                        + "verbose, backend, precision");
            }
            return this;
        }

        /**
         * The immutable loss.
         *
         * @throws IllegalArgumentException      if a custom cost is asked of a device other than the
         *                                       JVM, or if {@code blur^p} or {@code reach^p} is not
         *                                       a normal float64 number ({@link NumericRange#power})
         * @throws UnsupportedOperationException for the tensorized Sinkhorn or Hausdorff backend
         *                                       (dense float64 matrices, on the JVM only) on another
         *                                       device
         */
        public SamplesLoss build() {
            int exponent = blurExponent(loss, p);
            if (exponent > 0) {
                NumericRange.power("blur", blur, exponent);
            }
            if (reach != null && usesTemperature(loss)) {
                NumericRange.power("reach", reach, p);
            }
            if (cost != null && !(cost instanceof GroundCost) && device != Devices.jvm()) {
                throw new IllegalArgumentException("cost: a custom CostFunction runs on Devices.jvm() "
                        + "only, not on " + device.description());
            }
            if (backend == Backend.TENSORIZED && usesTemperature(loss) && device != Devices.jvm()) {
                throw new UnsupportedOperationException("backend: TENSORIZED " + loss.geomlossName()
                        + " builds dense float64 cost matrices on the JVM only, not on "
                        + device.description() + "; use backend ONLINE or MULTISCALE on this device,"
                        + " or Devices.jvm()");
            }
            return new SamplesLoss(this);
        }

        private static double positive(String name, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be > 0 and finite, got " + value);
            }
            return value;
        }

        private static Precision precisionNamed(String name, Object value) {
            String text = string(name, value);
            for (Precision candidate : Precision.values()) {
                if (candidate.label().equalsIgnoreCase(text) || candidate.name().equalsIgnoreCase(text)) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException(name + " must be float32 or float64, got '" + text + "'");
        }

        private static MultiscalePlan plan(String name, Object value) {
            String text = string(name, value);
            for (MultiscalePlan plan : MultiscalePlan.values()) {
                if (plan.name().equalsIgnoreCase(text)) {
                    return plan;
                }
            }
            throw new IllegalArgumentException(name + " must be pyramid or two_scale, got '" + text
                    + "'");
        }

        private static String string(String name, Object value) {
            if (value instanceof String s) {
                return s;
            }
            throw new IllegalArgumentException(name + " must be a string, got " + value);
        }

        private static double number(String name, Object value) {
            if (value instanceof Number number) {
                return number.doubleValue();
            }
            throw new IllegalArgumentException(name + " must be a number, got " + value);
        }

        private static Double optionalNumber(String name, Object value) {
            return value == null ? null : number(name, value);
        }

        private static int integer(String name, Object value) {
            double number = number(name, value);
            if (number != Math.rint(number)) {
                throw new IllegalArgumentException(name + " must be an integer, got " + value);
            }
            return (int) number;
        }

        private static boolean bool(String name, Object value) {
            if (value instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException(name + " must be true or false, got " + value);
        }
    }
}
