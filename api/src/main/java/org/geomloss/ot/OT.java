package org.geomloss.ot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.IndependentProblems;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.Precision;
import org.geomloss.sinkhorn.DenseSoftmin;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.LogWeights;
import org.geomloss.sinkhorn.PointSoftmin;
import org.geomloss.sinkhorn.ProgressTracker;
import org.geomloss.sinkhorn.SoftminOperator;
import org.geomloss.sinkhorn.SymmetricSinkhorn;

/**
 * Entropic optimal transport with access to plans and potentials: GeomLoss's {@code geomloss.ot}
 * ({@code solve}, {@code solve_batch}, {@code solve_sample}). Every solver minimises
 * <pre>{@code  <C, pi> + eps KL(pi | a x b) + rho KL(pi 1 | a) + rho KL(pi^T 1 | b)}</pre>
 * over plans {@code pi >= 0} ({@code rho = +infinity}: the marginals are constraints), with
 * GeomLoss's symmetric Sinkhorn loop ({@link SymmetricSinkhorn}) and its annealing: temperatures in
 * geometric progression from {@code max(R, eps)} down to {@code eps}
 * ({@link EpsilonSchedule#geomspace}), {@code R} being the cost range ({@code max C - min C} over the
 * whole batch, or the squared diameter of the two clouds), then one final full update.
 *
 * <p>Initialisation (upstream's "eps = infinity" solution): {@code f_i} is the b-weighted mean of row
 * {@code i} of {@code C}, minus half of its a-weighted sum (matrices); for point clouds upstream's
 * elementwise offset {@code (1 - a_i / 2)} is kept, so that its numbers are reproduced exactly. Both
 * are damped by {@code 1 / (1 + eps_0 / rho)}.
 *
 * <p>Every solver runs the library's one annealing driver ({@link
 * org.geomloss.sinkhorn.AnnealingDriver}); {@code solveSample} on point clouds of dimension 1 to 3
 * can run it on the multiscale plans ({@link SampleOptions#multiscale}) instead of the points alone.
 *
 * <p>Iterations and tolerance: see {@link SinkhornOptions}. In short, {@code maxIter} alone gives
 * upstream's exact sequence; {@code tol} adds iterations at the final temperature until the marginal
 * error is within it.
 *
 * <p>Precision: point clouds run on the point kernels of the options' device
 * ({@link SinkhornOptions#device}: the JVM's {@link Kernels#jvm(Precision)} by default, or an OpenCL
 * device; sums in float64) in the precision of {@link SampleOptions#precision}; unset (the
 * default), it follows the arrays: {@code double[][]} clouds in float64 (users compare with POT and
 * SciPy), {@code float[][]} clouds in float32. A device without float64 kernels refuses float64.
 * Float32 runs translate both clouds to the centre of their bounding box when it lies farther from
 * the origin than its diagonal, before rounding; on the points they anneal on the float32 kernels
 * and end (the final extrapolation, or the refinement to {@code tol}) on the float64 kernels of the
 * same device with the same coordinates, from which the plan and displacements are computed too, so
 * that potentials and plan use the same costs (a device with float32 kernels only ends on them; the
 * multiscale plans, {@link SampleOptions#multiscale}, run in one precision throughout);
 * {@link OTResultSample#precision()} records the precision. A {@code float[][]} cost matrix is
 * widened exactly and solved in float64 on the JVM (the dense soft-min gains nothing from float32),
 * and the cost-matrix solvers refuse another device.
 *
 * <p>Validation follows upstream's order and messages ({@code ValueError} -> {@link
 * IllegalArgumentException}, {@code NotImplementedError} -> {@link UnsupportedOperationException}),
 * except where this port does what upstream refuses: an unset {@code max_iter} gets a default and
 * {@code tol} works. Messages keep upstream's wording and append the values received (the index of a
 * negative weight, both masses, the batch row). Beyond upstream, values no float64 computation could
 * resolve are refused: {@code reg} at or below the rounding unit {@code ulp(max |C_ij|)} of the costs
 * (the plan {@code exp((f + g - C) / reg)} would be noise or overflow), {@code reg} or {@code rho}
 * outside float64's normal range, {@code C_max / rho} overflowing, marginals whose total mass is 0
 * or above {@link org.geomloss.NumericRange#MAX_TOTAL_MASS}. A {@code null} argument is a
 * {@link NullPointerException} naming it. Stateless and thread-safe; kernels run on the library's compute pool.
 */
public final class OT {

    private static final String SQEUCLIDEAN = "sqeuclidean";

    private OT() {
    }

    /**
     * GeomLoss's {@code ot.solve(C, reg=..., ...)}: OT for an explicit N x M cost matrix (any finite
     * real values, negative ones included).
     *
     * @throws IllegalArgumentException      for a ragged, empty or non-finite {@code C}, bad weights,
     *                                       unequal masses without {@code unbalanced}, bad parameters
     * @throws UnsupportedOperationException for {@code reg = 0}, a penalty other than KL, a method
     *                                       other than auto, a device other than the JVM
     */
    public static OTResultMatrix solve(double[][] cost, SolveOptions options) {
        requireOptions(options);
        Validation.jvmOnly(options.device, "OT.solve (a cost matrix)");
        double[] c = Validation.rectangular(cost, "C");
        int n = cost.length;
        int m = cost[0].length;
        double[] a = Validation.marginal(options.a, "a", n, new int[] {n});
        double[] b = Validation.marginal(options.b, "b", m, new int[] {m});
        Validation.regularization(options.reg, options.unbalanced, options);
        Validation.resolution(options.reg, options.unbalanced, largestMagnitude(c));
        return solveMatrices(new double[][] {c}, n, m, new double[][] {a}, new double[][] {b},
                options.reg, options).get(0);
    }

    /** {@link #solve(double[][], SolveOptions)} for a float32 matrix, widened exactly to float64. */
    public static OTResultMatrix solve(float[][] cost, SolveOptions options) {
        return solve(Validation.widen(cost, "C"), options);
    }

    /**
     * GeomLoss's {@code ot.solve_batch}: B problems of equal N and M, solved independently except
     * for one shared annealing schedule, whose start is the cost range of the whole batch (as
     * upstream: a problem may therefore differ from its {@link #solve} alone).
     *
     * @throws IllegalArgumentException as {@link #solve}, and for problems of unequal sizes
     */
    public static OTBatchResult solveBatch(double[][][] cost, BatchSolveOptions options) {
        requireOptions(options);
        Validation.jvmOnly(options.device, "OT.solveBatch (cost matrices)");
        Double rho = options.unbalanced;
        Validation.regularization(options.reg, rho, options);
        if (Objects.requireNonNull(cost, "C").length == 0) {
            throw new IllegalArgumentException("C should hold at least one cost matrix.");
        }
        int batch = cost.length;
        double[][] flat = new double[batch][];
        for (int k = 0; k < batch; k++) {
            flat[k] = Validation.rectangular(cost[k], "C[" + k + "]");
            if (cost[k].length != cost[0].length || cost[k][0].length != cost[0][0].length) {
                throw new IllegalArgumentException("C should hold matrices of one shape: C[" + k
                        + "] is " + PythonFormat.shape(cost[k].length, cost[k][0].length)
                        + ", C[0] is " + PythonFormat.shape(cost[0].length, cost[0][0].length) + ".");
            }
        }
        int n = cost[0].length;
        int m = cost[0][0].length;
        double[][] a = batchMarginal(options.a, "a", batch, n);
        double[][] b = batchMarginal(options.b, "b", batch, m);
        double magnitude = 0;
        for (double[] c : flat) {
            magnitude = Math.max(magnitude, largestMagnitude(c));
        }
        Validation.resolution(options.reg, rho, magnitude);
        return new OTBatchResult(solveMatrices(flat, n, m, a, b, options.reg, options));
    }

    /**
     * GeomLoss's {@code ot.solve_sample}: OT between the N points {@code xa} and the M points
     * {@code xb} of R^D for the cost {@code |x - y|^2}, computed in float64 with online soft-mins
     * (memory linear in N + M).
     *
     * @throws IllegalArgumentException      for ragged, empty or non-finite clouds, different
     *                                       dimensions, bad weights or parameters, both reg and blur,
     *                                       both unbalanced and reach, neither reg nor blur
     * @throws UnsupportedOperationException as {@link #solve}, and for a cost other than sqeuclidean
     */
    public static OTResultSample solveSample(double[][] xa, double[][] xb, SampleOptions options) {
        requireOptions(options);
        return solveSample(xa, xb, options, options.precision != null ? options.precision
                : Precision.FLOAT64);
    }

    /**
     * {@link #solveSample(double[][], double[][], SampleOptions)} on float32 clouds: the soft-mins
     * run on the float32 point kernels of the options' device ({@link Kernels#jvm()} by default,
     * Vector API when enabled), with float64 sums, unless {@link SampleOptions#precision} asks for
     * float64; results are computed from the coordinates the kernels saw.
     */
    public static OTResultSample solveSample(float[][] xa, float[][] xb, SampleOptions options) {
        requireOptions(options);
        return solveSample(Validation.widen(xa, "X_a"), Validation.widen(xb, "X_b"), options,
                options.precision != null ? options.precision : Precision.FLOAT32);
    }

    /**
     * {@link #solveSample(double[][], double[][], SampleOptions) solveSample} for B independent
     * problems of equal or different sizes (POT's {@code solve_sample_batch}; GeomLoss raises
     * {@code NotImplementedError}), with one set of options and each problem's own weights. Each
     * problem is solved exactly as alone (its own diameter and schedule), so the results equal the
     * one-by-one results; small problems run in parallel on the kernels' threads.
     *
     * @throws IllegalArgumentException as {@link #solveSample}, the message prefixed with the
     *                                  problem ({@code problems[k]: }); and for weights in
     *                                  {@code options} (they belong to each {@link SampleProblem})
     */
    public static OTSampleBatchResult solveSampleBatch(List<SampleProblem> problems,
                                                       SampleOptions options) {
        requireOptions(options);
        if (options.a != null || options.b != null) {
            throw new IllegalArgumentException("a and b: in a batch the weights belong to each "
                    + "SampleProblem (withWeights), got options.a of length "
                    + (options.a == null ? "none" : options.a.length) + " and options.b of length "
                    + (options.b == null ? "none" : options.b.length));
        }
        return new OTSampleBatchResult(IndependentProblems.solve(problems, "problems",
                SampleProblem::pointPairs, problem -> solveSample(problem.xa(), problem.xb(),
                        options.a(problem.a()).b(problem.b()))));
    }

    private static OTResultSample solveSample(double[][] xa, double[][] xb, SampleOptions options,
                                              Precision precision) {
        requireOptions(options);
        if (options.reg != null && options.blur != null) {
            throw new IllegalArgumentException("Parameters 'reg' and 'blur' are redundant. "
                    + "Please specify only one of them.");
        }
        Double reg = options.reg != null ? options.reg : scaleToSquared(options.blur, "blur");
        if (options.unbalanced != null && options.reach != null) {
            throw new IllegalArgumentException("Parameters 'unbalanced' and 'reach' are redundant. "
                    + "Please specify only one of them.");
        }
        Double rho = options.unbalanced != null ? options.unbalanced
                : scaleToSquared(options.reach, "reach");
        if (reg == null) {
            throw new IllegalArgumentException("Parameter 'reg' (or 'blur') is required: specify "
                    + "the temperature as SampleOptions.reg(eps) or SampleOptions.blur(sigma).");
        }
        Validation.regularization(reg, rho, options);
        double[] x = Validation.rectangular(xa, "X_a");
        double[] y = Validation.rectangular(xb, "X_b");
        int d = xa[0].length;
        if (xb[0].length != d) {
            throw new IllegalArgumentException("Expected X_a and X_b to have the same number of "
                    + "coordinates per sample. Received D=" + d + " for X_a and D=" + xb[0].length
                    + " for X_b.");
        }
        int n = xa.length;
        int m = xb.length;
        double[] a = Validation.marginal(options.a, "a", n, new int[] {n});
        double[] b = Validation.marginal(options.b, "b", m, new int[] {m});
        if (rho == null) {
            Validation.masses(new double[][] {a}, new double[][] {b});
        }
        Validation.iterations(options.maxIter);
        if (!SQEUCLIDEAN.equals(options.cost)) {
            throw new UnsupportedOperationException("Currently, we only support cost='sqeuclidean'. "
                    + "Received cost='" + options.cost + "'.");
        }
        double squaredDiameter = squaredDiameter(x, y, d);
        Validation.resolution(reg, rho, squaredDiameter);
        double rhoValue = rho == null ? Double.POSITIVE_INFINITY : rho;
        double[] schedule = EpsilonSchedule.geomspace(squaredDiameter, reg,
                iterationCount(options));
        Double tol = tolerance(options, a, b);
        ProgressTracker progress = tracker(options, "ot.solve_sample " + n + "x" + m, tol);
        double[] centre = precision == Precision.FLOAT32 ? float32Translation(x, y, d) : null;
        PointArray px = kernelPoints(x, n, d, precision, centre);
        PointArray py = kernelPoints(y, m, d, precision, centre);
        PointKernels kernels = options.device.kernels(precision);
        CostSource.SquaredDistances costs = new CostSource.SquaredDistances(px.doubleCoordinates(),
                py.doubleCoordinates(), d);
        if (options.multiscale != null) {
            SinkhornRun.Outcome outcome = MultiscaleSample.run(px, py, kernels, a, b, reg,
                    rhoValue, schedule, options, tol, progress);
            return new OTResultSample(a, b, costs, outcome, reg, rhoValue,
                    MultiscaleSample.description(options, kernels), precision);
        }
        double lambda = SymmetricSinkhorn.damping(schedule[0], rhoValue);
        double[] wa = exponentials(a);
        double[] wb = exponentials(b);
        double[][] start = {
            quirkyStart(meanSquaredDistances(x, y, wb, d), wa, lambda),
            quirkyStart(meanSquaredDistances(y, x, wa, d), wb, lambda),
            options.debias ? quirkyStart(meanSquaredDistances(x, x, wa, d), wa, lambda) : null,
            options.debias ? quirkyStart(meanSquaredDistances(y, y, wb, d), wb, lambda) : null};
        SymmetricSinkhorn.Operators operators = operators(kernels, px, py, options.debias);
        PointKernels finalKernels = finalKernels(options.device, precision);
        SymmetricSinkhorn.Operators finalOperators = finalKernels == kernels ? operators
                : operators(finalKernels, px, py, options.debias);
        String backend = "online " + precision.label() + " (" + kernels.name() + " kernels) on "
                + options.device.description();
        SinkhornRun.Outcome outcome = SinkhornRun.run(operators, finalOperators, a, b, rhoValue,
                schedule, start, tol, options.maxExtraIter, progress);
        return new OTResultSample(a, b, costs, outcome, reg, rhoValue, backend, precision);
    }

    /**
     * The kernels that end a run: the device's float64 kernels when it has them, else the kernels
     * of {@code precision} (a float32-only device ends on its float32 kernels).
     */
    private static PointKernels finalKernels(Device device, Precision precision) {
        return device.kernels(device.computes(Precision.FLOAT64) ? Precision.FLOAT64 : precision);
    }

    /** The soft-mins of the cost {@code |x - y|^2} between the clouds, on {@code kernels}. */
    private static SymmetricSinkhorn.Operators operators(PointKernels kernels, PointArray px,
                                                         PointArray py, boolean debias) {
        return new SymmetricSinkhorn.Operators(halved(kernels, px, py), halved(kernels, py, px),
                debias ? halved(kernels, px, px) : null, debias ? halved(kernels, py, py) : null);
    }

    /**
     * The translation of both clouds before their float32 rounding
     * ({@link PointArray#float32Translation} of their joint bounding box), or null.
     */
    private static double[] float32Translation(double[] x, double[] y, int d) {
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] cloud : new double[][] {x, y}) {
            for (int k = 0; k < cloud.length; k++) {
                min[k % d] = Math.min(min[k % d], cloud[k]);
                max[k % d] = Math.max(max[k % d], cloud[k]);
            }
        }
        return PointArray.float32Translation(min, max);
    }

    /**
     * The points {@code coords} as the kernels of {@code precision} read them: as given in float64;
     * in float32, moved by {@code -centre} (when not null), then rounded.
     */
    private static PointArray kernelPoints(double[] coords, int count, int d, Precision precision,
                                           double[] centre) {
        if (precision == Precision.FLOAT64) {
            return PointArray.ofDoubles(coords, count, d);
        }
        float[] rounded = new float[coords.length];
        for (int k = 0; k < coords.length; k++) {
            rounded[k] = (float) (centre != null ? coords[k] - centre[k % d] : coords[k]);
        }
        return new PointArray(rounded, count, d);
    }

    private static List<OTResultMatrix> solveMatrices(double[][] costs, int n, int m,
                                                      double[][] a, double[][] b, double reg,
                                                      SinkhornOptions<?> options) {
        Double rho = options.unbalanced;
        if (rho == null) {
            Validation.masses(a, b);
        }
        Validation.iterations(options.maxIter);
        double rhoValue = rho == null ? Double.POSITIVE_INFINITY : rho;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double[] c : costs) {
            for (double value : c) {
                max = Math.max(max, value);
                min = Math.min(min, value);
            }
        }
        double[] schedule = EpsilonSchedule.geomspace(max - min, reg, iterationCount(options));
        double lambda = SymmetricSinkhorn.damping(schedule[0], rhoValue);
        List<OTResultMatrix> results = new ArrayList<>(costs.length);
        for (int k = 0; k < costs.length; k++) {
            double[] c = costs[k];
            double[] transposed = new double[c.length];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    transposed[j * n + i] = c[i * m + j];
                }
            }
            double[] wa = exponentials(a[k]);
            double[] wb = exponentials(b[k]);
            double[][] start = {
                centredStart(weightedRowMeans(c, n, m, wb), wa, lambda),
                centredStart(weightedRowMeans(transposed, m, n, wa), wb, lambda), null, null};
            SymmetricSinkhorn.Operators operators = new SymmetricSinkhorn.Operators(
                    DenseSoftmin.fromMatrix(c, n, m), DenseSoftmin.fromMatrix(transposed, m, n),
                    null, null);
            Double tol = tolerance(options, a[k], b[k]);
            String label = "ot.solve " + n + "x" + m
                    + (costs.length == 1 ? "" : " problem " + (k + 1) + "/" + costs.length);
            SinkhornRun.Outcome outcome = SinkhornRun.run(operators, a[k], b[k], rhoValue,
                    schedule, start, tol, options.maxExtraIter, tracker(options, label, tol));
            results.add(new OTResultMatrix(a[k], b[k], new CostSource.Matrix(c, n, m), outcome,
                    reg, rhoValue, "tensorized float64 on " + Devices.jvm().description()));
        }
        return results;
    }

    /** The tracker of one problem; blur values are {@code sqrt(eps / 2)}, as {@code reg = 2 blur^2}. */
    private static ProgressTracker tracker(SinkhornOptions<?> options, String label, Double tol) {
        return new ProgressTracker(options.progress, label, eps -> Math.sqrt(eps / 2), tol != null);
    }

    private static void requireOptions(Object options) {
        Objects.requireNonNull(options, "options must not be null: start them with reg(eps)");
    }

    /** {@code max |C_ij|}: the scale of the costs' float64 rounding. */
    private static double largestMagnitude(double[] costs) {
        double largest = 0;
        for (double value : costs) {
            largest = Math.max(largest, Math.abs(value));
        }
        return largest;
    }

    /** {@code p * value^p} with {@code p = 2}: blur -> reg, reach -> unbalanced; null stays null. */
    private static Double scaleToSquared(Double value, String name) {
        if (value == null) {
            return null;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Parameter '" + name + "' should be > 0 and finite. "
                    + "Received " + PythonFormat.repr(value) + ".");
        }
        double scaled = 2 * (value * value);
        if (!(scaled >= Double.MIN_NORMAL) || Double.isInfinite(scaled)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "Parameter '%s' gives 2 %s^2 = %s, outside float64's normal range. Received "
                            + "%s; valid: %s in [%.3g, %.3g].", name, name,
                    PythonFormat.repr(scaled), PythonFormat.repr(value), name,
                    Math.sqrt(Double.MIN_NORMAL / 2), Math.sqrt(Double.MAX_VALUE / 2)));
        }
        return scaled;
    }

    private static double[][] batchMarginal(double[][] weights, String name, int batch, int size) {
        double[][] result = new double[batch][];
        int[] expected = {batch, size};
        if (weights != null && (weights.length != batch
                || java.util.Arrays.stream(weights).anyMatch(r -> r == null || r.length != size))) {
            boolean rectangular = weights.length > 0 && java.util.Arrays.stream(weights)
                    .allMatch(r -> r != null && r.length == weights[0].length);
            throw new IllegalArgumentException("The marginal '" + name + "' should be of shape "
                    + PythonFormat.shape(expected) + ". Instead, received an array of shape "
                    + (rectangular ? PythonFormat.shape(weights.length, weights[0].length)
                            : "(" + weights.length + ", ragged)") + ".");
        }
        for (int k = 0; k < batch; k++) {
            result[k] = Validation.marginal(weights == null ? null : weights[k], name,
                    name + "[" + k + "]", size, expected);
        }
        return result;
    }

    private static int iterationCount(SinkhornOptions<?> options) {
        return options.maxIter != null ? options.maxIter : SinkhornOptions.DEFAULT_MAX_ITER;
    }

    /** The tolerance of a run: given, default (no maxIter and no tol), or null (fixed schedule). */
    private static Double tolerance(SinkhornOptions<?> options, double[] a, double[] b) {
        if (options.tol != null) {
            return options.tol;
        }
        if (options.maxIter != null) {
            return null;
        }
        return SinkhornOptions.DEFAULT_RELATIVE_TOL
                * Math.max(Validation.sum(a), Validation.sum(b));
    }

    /** {@code e^{log w}} with GeomLoss's safe logarithm: the weights the soft-mins actually use. */
    private static double[] exponentials(double[] weights) {
        double[] logs = LogWeights.of(weights);
        for (int i = 0; i < logs.length; i++) {
            logs[i] = Math.exp(logs[i]);
        }
        return logs;
    }

    /** {@code sum_j w_j C_ij / sum_j w_j}: the soft-min at {@code eps = +infinity}. */
    private static double[] weightedRowMeans(double[] c, int rows, int columns, double[] w) {
        double total = Validation.sum(w);
        double[] means = new double[rows];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < columns; j++) {
                sum += w[j] * c[i * columns + j];
            }
            means[i] = sum / total;
        }
        return means;
    }

    /** Matrix start: {@code lambda (fbar_i - 1/2 sum_k w_k fbar_k)}. */
    private static double[] centredStart(double[] mean, double[] w, double lambda) {
        double offset = 0;
        for (int k = 0; k < mean.length; k++) {
            offset += w[k] * mean[k];
        }
        offset *= 0.5;
        double[] start = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            start[i] = lambda * (mean[i] - offset);
        }
        return start;
    }

    /** Point-cloud start, upstream's elementwise quirk: {@code lambda (fbar_i - 1/2 w_i fbar_i)}. */
    private static double[] quirkyStart(double[] mean, double[] w, double lambda) {
        double[] start = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            start[i] = lambda * (mean[i] - 0.5 * (w[i] * mean[i]));
        }
        return start;
    }

    /**
     * {@code sum_j w_j |x_i - y_j|^2 / sum_j w_j = |x_i - ybar|^2 + sum_j w_j |y_j - ybar|^2 / W}
     * with {@code ybar} the w-weighted mean: the soft-min at infinite temperature in O((N + M) D).
     */
    private static double[] meanSquaredDistances(double[] x, double[] y, double[] w, int d) {
        int n = x.length / d;
        int m = y.length / d;
        double total = Validation.sum(w);
        double[] centre = new double[d];
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < d; k++) {
                centre[k] += w[j] * y[j * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            centre[k] /= total;
        }
        double spread = 0;
        for (int j = 0; j < m; j++) {
            spread += w[j] * GroundCost.squaredDistance(y, j, centre, 0, d);
        }
        spread /= total;
        double[] means = new double[n];
        for (int i = 0; i < n; i++) {
            means[i] = GroundCost.squaredDistance(x, i, centre, 0, d) + spread;
        }
        return means;
    }

    /** The squared diagonal of the bounding box of both clouds: upstream's {@code diameter^2}. */
    private static double squaredDiameter(double[] x, double[] y, int d) {
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (double[] cloud : new double[][] {x, y}) {
                for (int i = k; i < cloud.length; i += d) {
                    max = Math.max(max, cloud[i]);
                    min = Math.min(min, cloud[i]);
                }
            }
            sum += (max - min) * (max - min);
        }
        double diameter = Math.sqrt(sum);
        return diameter * diameter;
    }

    private static SoftminOperator halved(PointKernels kernels, PointArray targets,
                                          PointArray sources) {
        return new HalvedCostSoftmin(PointSoftmin.dense(kernels, GroundCost.HALF_SQUARED_EUCLIDEAN,
                targets, sources));
    }
}
