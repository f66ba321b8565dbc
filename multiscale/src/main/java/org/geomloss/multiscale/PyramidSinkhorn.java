package org.geomloss.multiscale;

import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.LogWeights;
import org.geomloss.sinkhorn.PointSoftmin;
import org.geomloss.sinkhorn.SinkhornProgress;
import org.geomloss.sinkhorn.SinkhornScale;
import org.geomloss.sinkhorn.SoftminOperator;
import org.geomloss.sinkhorn.SymmetricSinkhorn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The point pyramid as a scale plan ({@link MultiscalePlan#PYRAMID}) of the one annealing driver
 * ({@link AnnealingDriver}): GeomLoss's symmetric epsilon-scaling loop, each temperature on the
 * coarsest representation of the two measures that resolves it.
 *
 * <ol>
 *   <li>Both clouds are sorted into nested grids over a shared root cube ({@link GridFrame},
 *       {@link PointPyramid}); the finest grid level has a few points per cell.</li>
 *   <li>Temperature {@code eps_t = sigma_t^p} runs on the coarsest grid level whose cells have side
 *       at most {@link #CELL_PER_SIGMA}{@code sigma_t}, its atoms being the cells' centroids with
 *       their masses; on the points when that level is finer than the finest grid level or does not
 *       have fewer atoms than three quarters of the points, and always at the last temperature, the refinement
 *       and the final step.</li>
 *   <li>Moving down from level {@code c} (last run at {@code eps_c}) to a finer one, the four
 *       potentials are C-transforms of the coarse ones at {@code eps_c}, e.g.
 *       {@code f_i = lambda softmin_{eps_c}(c(x_i, y_l), log beta_l + g_l/eps_c)} over the coarse
 *       atoms {@code y_l}, all four from the coarse values.</li>
 *   <li>Every soft-min with more than {@code densePairs} pairs is truncated ({@link TruncatedSoftmin}):
 *       before each one the kept blocks are those {@link KernelTruncation} certifies for the current
 *       potentials, with the margin {@code truncate * eps} of the current temperature
 *       ({@link TruncationMargin#relative}) and each row's skipped mass certified within the
 *       budget {@link TruncatedSoftmin#skippedMass} of the kernels' precision.
 *       Row blocks are the cells {@link #ROW_BLOCK_BITS} Morton bits above the column blocks, so
 *       that the block search and the kernels' column gathering run once per larger row block
 *       while the column bounds stay tight. A C-transform has no row potential yet: its blocks are
 *       chosen for the coarse potential of each atom's parent cell raised by
 *       {@link #ESTIMATE_RISE}{@code eps}, and the soft-min confirms the choice against its
 *       result ({@code TruncatedSoftmin.estimate}). The first soft-min of each temperature
 *       chooses its blocks for the announced potentials lowered by how far it falls below them
 *       on a sample of rows, and confirms them the same way. A truncated soft-min is never below
 *       the exact one, so a choice that holds for it holds for the exact one: every row skips at
 *       most the budget of its mass.</li>
 * </ol>
 *
 * <p>Accuracy: every skipped pair has a plan density below {@code exp(-truncate)} for the
 * potentials of the current iteration, and each row's skipped mass is within the budget; with a
 * {@code refinement} the loop ends at the fixed point of the truncated operators on the points, which
 * agrees with the single-scale loop within the tolerances of the kernels' precision (float32 or
 * float64: the budget follows it). Without it, the fixed schedule ends on a path that differs from
 * the single-scale loop's by the coarse iterations.
 *
 * <p>Logs each level (atoms, iterations, kept pairs of the last soft-min onto x, time) through SLF4J,
 * at INFO when {@code verbose} and DEBUG otherwise. A plan serves one run on one thread; the
 * kernels use their own threads.
 */
final class PyramidSinkhorn implements MultiscaleScalePlan {

    private static final Logger LOG = LoggerFactory.getLogger(PyramidSinkhorn.class);

    /** A temperature {@code sigma^p} runs on cells of side at most this times {@code sigma}. */
    static final double CELL_PER_SIGMA = 1.5;
    /** Soft-mins with at most this many pairs visit them all. */
    static final long DENSE_PAIRS = 1L << 22;
    /** Row blocks are this many Morton bits coarser than column blocks ({@code 2^bits} cells). */
    static final int ROW_BLOCK_BITS = 3;
    /**
     * A C-transform's first blocks are chosen for its parent cells' coarse potential (undamped)
     * raised by this times eps: an upper estimate of its result, which the soft-min confirms
     * ({@code TruncatedSoftmin.estimate}), on uniform clouds without a second search (the result
     * was within 0.9 eps of the parent value).
     */
    static final double ESTIMATE_RISE = 1.0;

    private final MultiscaleSettings settings;
    private final Level logLevel;
    private final long start;
    private final double[] schedule;
    private final PointPyramid px;
    private final PointPyramid py;
    private final Scales scales;
    /** The grid level of each temperature; {@code depth + 1} is the points. */
    private final int[] levels;
    private Scale current;

    private PyramidSinkhorn(MultiscaleSettings settings, double[] schedule, PointPyramid px,
                            PointPyramid py, Scales scales, long start) {
        this.settings = settings;
        this.logLevel = settings.verbose() ? Level.INFO : Level.DEBUG;
        this.start = start;
        this.schedule = schedule;
        this.px = px;
        this.py = py;
        this.scales = scales;
        int last = schedule.length - 1;
        int points = px.depth() + 1;
        this.levels = new int[schedule.length];
        for (int t = 0; t <= last; t++) {
            levels[t] = t == last ? points : Math.max(t == 0 ? 0 : levels[t - 1],
                    scales.levelFor(Math.pow(schedule[t], 1.0 / settings.p())));
        }
    }

    /**
     * Runs the loop with GeomLoss's schedule; the arguments are checked by the caller
     * ({@link MultiscaleSinkhorn#solve}).
     *
     * @param densePairs soft-mins with at most this many pairs are not truncated
     */
    static MultiscaleResult solve(PointKernels kernels, GroundCost cost, PointArray x, double[] a,
                                  PointArray y, double[] b, MultiscaleSettings settings,
                                  SinkhornProgress progress, long densePairs) {
        double[] schedule = settings.schedule();
        return MultiscaleSinkhorn.run(plan(kernels, cost, x, a, y, b, settings, schedule,
                densePairs), settings, schedule, progress);
    }

    /**
     * The pyramid of both clouds and the plan of {@code schedule} on it.
     *
     * @param densePairs soft-mins with at most this many pairs are not truncated
     */
    static PyramidSinkhorn plan(PointKernels kernels, GroundCost cost, PointArray x, double[] a,
                                PointArray y, double[] b, MultiscaleSettings settings,
                                double[] schedule, long densePairs) {
        long start = System.nanoTime();
        Level logLevel = settings.verbose() ? Level.INFO : Level.DEBUG;
        x = KernelCoordinates.inPrecision(x, kernels.precision());
        y = KernelCoordinates.inPrecision(y, kernels.precision());
        GridFrame frame = GridFrame.of(x, y);
        boolean xLarger = x.count() >= y.count();
        PointPyramid first = PointPyramid.of(frame, xLarger ? x : y, xLarger ? a : b,
                settings.clusterScale(), null);
        PointPyramid second = PointPyramid.of(frame, xLarger ? y : x, xLarger ? b : a, null,
                first.finestPrefix());
        PointPyramid px = xLarger ? first : second;
        PointPyramid py = xLarger ? second : first;
        Scales scales = new Scales(kernels, cost, frame, px, py, settings, densePairs);
        LOG.atLevel(logLevel).log("Pyramid: {} grid levels over a cube of side {}, finest cells {}"
                        + " ({}x{} cells); built in {} s", px.depth() + 1,
                String.format("%.3g", frame.side()), String.format("%.3g",
                        frame.cellSide(px.depth())), px.cellCount(px.depth()),
                py.cellCount(py.depth()), seconds(start));
        LOG.atLevel(logLevel).log("Successive scales :  {}",
                EpsilonSchedule.describe(schedule, settings.p()));
        return new PyramidSinkhorn(settings, schedule, px, py, scales, start);
    }

    @Override
    public SinkhornScale scaleAt(int t) {
        if (current == null || levels[t] != current.level()) {
            current = scales.at(levels[t]);
        }
        return current;
    }

    /** The points: the representation of the last temperature. */
    @Override
    public SinkhornScale finest() {
        return scaleAt(schedule.length - 1);
    }

    /**
     * Each potential becomes the C-transform at {@code eps} of the coarse potential of the other
     * side (or of itself for the self problems); the C-transforms are released once computed.
     */
    @Override
    public FinalStep transfer(SymmetricSinkhorn loop, SinkhornScale from, SinkhornScale to,
                              double eps) {
        Scale coarse = (Scale) from;
        Scale fine = (Scale) to;
        double rho = settings.rho();
        SymmetricSinkhorn.Operators down = fine.from(coarse);
        FinalStep.Direction fBA = null;
        FinalStep.Direction gAB = null;
        if (down.crossed()) {
            fBA = cTransform(loop, down.xy(), eps, rho, coarse.logB(), loop.gAB(),
                    fine.parentValues(loop.fBA(), coarse, true));
            gAB = cTransform(loop, down.yx(), eps, rho, coarse.logA(), loop.fBA(),
                    fine.parentValues(loop.gAB(), coarse, false));
        }
        FinalStep.Direction fAA = null;
        FinalStep.Direction gBB = null;
        if (down.debiased()) {
            fAA = cTransform(loop, down.xx(), eps, rho, coarse.logA(), loop.fAA(),
                    fine.parentValues(loop.fAA(), coarse, true));
            gBB = cTransform(loop, down.yy(), eps, rho, coarse.logB(), loop.gBB(),
                    fine.parentValues(loop.gBB(), coarse, false));
        }
        scales.release(down);
        return new FinalStep(eps, SymmetricSinkhorn.damping(eps, rho), fBA, gAB, fAA, gBB);
    }

    @Override
    public void left(SinkhornScale scale) {
        scales.release(scale.operators());
    }

    @Override
    public MultiscaleResult result(AnnealingDriver.Result run) {
        FinalStep finalStep = run.finalStep();
        if (settings.verbose() && settings.truncate() != null && finalStep.fBA() != null) {
            double radius = settings.truncate() * settings.blur();
            LOG.atLevel(logLevel).log("Point pairs within truncate*blur = {}: {} (xy); above"
                            + " -truncate*eps for the final potentials (GeomLoss's rule): {}; kept"
                            + " at the final step: {}", String.format("%.3g", radius),
                    PairsWithinReach.count(px.points(), py.points(), radius),
                    PairsWithinReach.count(scales.cost, px.points(), finalStep.fBA().potential(),
                            py.points(), finalStep.gAB().potential(),
                            settings.truncate() * finalStep.eps()),
                    current.keptPairs(current.operators().xy()));
        }
        LOG.atLevel(logLevel).log("Pyramid solved in {} s", seconds(start));
        SymmetricSinkhorn.Operators ops = current.operators();
        MultiscaleResult.KeptPairs kept = new MultiscaleResult.KeptPairs(fraction(ops.xy()),
                fraction(ops.xx()), fraction(ops.yy()), scales.visitedPairs(ops));
        int points = px.depth() + 1;
        int firstOnPoints = 0;
        while (levels[firstOnPoints] != points) {
            firstOnPoints++;
        }
        return new MultiscaleResult(finalStep, px.points(), py.points(), schedule,
                firstOnPoints - 1, kept, run.refinement());
    }

    /**
     * {@code lambda softmin_eps(op, l + source/eps)} onto the fine atoms; a truncated operator
     * chooses its blocks for {@code estimate} (a damped potential, an array of its own, changed
     * here) first, then checks them against its own result.
     */
    private static FinalStep.Direction cTransform(SymmetricSinkhorn loop, SoftminOperator op,
                                                  double eps, double rho, double[] logWeights,
                                                  double[] source, double[] estimate) {
        if (!(op instanceof TruncatedSoftmin truncated)) {
            return loop.extrapolate(op, eps, logWeights, source);
        }
        // The soft-min is undamped: the damped estimate's bound on it, raised.
        double[] row = SymmetricSinkhorn.rowBound(estimate, SymmetricSinkhorn.damping(eps, rho));
        for (int i = 0; i < row.length; i++) {
            row[i] += ESTIMATE_RISE * eps;
        }
        truncated.estimate(eps, row, source);
        return loop.extrapolate(op, eps, logWeights, source);
    }

    private static double fraction(SoftminOperator operator) {
        if (operator == null) {
            return Double.NaN;
        }
        return operator instanceof TruncatedSoftmin truncated ? truncated.kept().pointFraction()
                : 1.0;
    }

    private static String seconds(long start) {
        return String.format("%.2f", (System.nanoTime() - start) * 1e-9);
    }

    /**
     * The representations of the two measures, built when the loop reaches them; the loop only
     * moves to finer ones, so a representation it leaves is released (its kept blocks with it) and
     * only the count of the pairs it visited is kept.
     */
    private static final class Scales {
        private final PointKernels kernels;
        private final GroundCost cost;
        private final GridFrame frame;
        private final PointPyramid px;
        private final PointPyramid py;
        private final MultiscaleSettings settings;
        private final long densePairs;
        private long releasedPairs;

        Scales(PointKernels kernels, GroundCost cost, GridFrame frame, PointPyramid px,
               PointPyramid py, MultiscaleSettings settings, long densePairs) {
            this.kernels = kernels;
            this.cost = cost;
            this.frame = frame;
            this.px = px;
            this.py = py;
            this.settings = settings;
            this.densePairs = densePairs;
        }

        /**
         * The coarsest grid level with cells of side at most {@link #CELL_PER_SIGMA}{@code sigma},
         * or the points ({@code depth + 1}) when that level is beyond the finest grid or does not
         * halve the larger cloud.
         */
        int levelFor(double sigma) {
            int points = px.depth() + 1;
            int level = (int) Math.ceil(Math.log(frame.side() / (CELL_PER_SIGMA * sigma))
                    / Math.log(2));
            level = Math.max(0, level);
            if (level >= points) {
                return points;
            }
            long atoms = Math.max(px.cellCount(level), py.cellCount(level));
            long largest = Math.max(px.points().points().count(), py.points().points().count());
            return 4 * atoms > 3 * largest ? points : level;
        }

        Scale at(int level) {
            return new Scale(this, level);
        }

        /** Counts the pairs visited by soft-mins no longer used. */
        void release(SymmetricSinkhorn.Operators operators) {
            releasedPairs += visited(operators);
        }

        /** The pairs visited by every truncated soft-min: the released ones and {@code current}. */
        long visitedPairs(SymmetricSinkhorn.Operators current) {
            return releasedPairs + visited(current);
        }

        private static long visited(SymmetricSinkhorn.Operators ops) {
            long total = 0;
            for (SoftminOperator op : new SoftminOperator[] {ops.xy(), ops.yx(), ops.xx(),
                    ops.yy()}) {
                total += op instanceof TruncatedSoftmin truncated ? truncated.visitedPairs() : 0;
            }
            return total;
        }
    }

    /** One representation: a grid level's atoms, or the points; its soft-mins and block trees. */
    private static final class Scale implements SinkhornScale {
        private final Scales scales;
        private final int level;
        private final boolean points;
        private final PointArray xAtoms;
        private final PointArray yAtoms;
        private final double[] logA;
        private final double[] logB;
        /** The trees of the row and column blocks of each cloud, built when first used. */
        private final ClusterTree[] trees = new ClusterTree[4];
        private final SymmetricSinkhorn.Operators operators;

        Scale(Scales scales, int level) {
            this.scales = scales;
            this.level = level;
            PointPyramid px = scales.px;
            PointPyramid py = scales.py;
            this.points = level > px.depth();
            if (points) {
                xAtoms = px.points().points();
                yAtoms = py.points().points();
                logA = LogWeights.of(px.points().weights());
                logB = LogWeights.of(py.points().weights());
            } else {
                xAtoms = px.atoms(level);
                yAtoms = py.atoms(level);
                logA = LogWeights.of(px.masses(level));
                logB = LogWeights.of(py.masses(level));
            }
            boolean debias = scales.settings.debias();
            operators = new SymmetricSinkhorn.Operators(operator(this, true, this, false),
                    operator(this, false, this, true),
                    debias ? operator(this, true, this, true) : null,
                    debias ? operator(this, false, this, false) : null);
        }

        /** The C-transforms from {@code coarse} onto this scale: xy, yx, xx, yy. */
        SymmetricSinkhorn.Operators from(Scale coarse) {
            boolean debias = scales.settings.debias();
            return new SymmetricSinkhorn.Operators(
                    operator(this, true, coarse, false), operator(this, false, coarse, true),
                    debias ? operator(this, true, coarse, true) : null,
                    debias ? operator(this, false, coarse, false) : null);
        }

        /** {@code coarsePotential} of each atom's parent cell in {@code coarse}. */
        double[] parentValues(double[] coarsePotential, Scale coarse, boolean onX) {
            PointPyramid pyramid = onX ? scales.px : scales.py;
            int[] parents = pyramid.ancestors(level, coarse.level);
            double[] out = new double[parents.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = coarsePotential[parents[k]];
            }
            return out;
        }

        private static SoftminOperator operator(Scale targets, boolean targetsOnX, Scale sources,
                                                boolean sourcesOnX) {
            Scales scales = targets.scales;
            PointArray t = targetsOnX ? targets.xAtoms : targets.yAtoms;
            PointArray s = sourcesOnX ? sources.xAtoms : sources.yAtoms;
            Double truncate = scales.settings.truncate();
            if (truncate == null || (long) t.count() * s.count() <= scales.densePairs
                    || targets.level == 0 || sources.level == 0) {
                return PointSoftmin.dense(scales.kernels, scales.cost, t, s);
            }
            return new TruncatedSoftmin(scales.kernels, scales.cost, t, targets.tree(targetsOnX, true),
                    s, sources.tree(sourcesOnX, false), TruncationMargin.relative(truncate),
                    TruncatedSoftmin.skippedMass(scales.kernels.precision()));
        }

        /** The tree of the row ({@code rows}) or column blocks of one cloud. */
        private ClusterTree tree(boolean onX, boolean rows) {
            int k = (onX ? 0 : 2) + (rows ? 1 : 0);
            if (trees[k] == null) {
                PointPyramid pyramid = onX ? scales.px : scales.py;
                int coarsening = rows ? ROW_BLOCK_BITS : 0;
                trees[k] = ClusterTree.of(points ? pyramid.pointBlocks(coarsening)
                        : pyramid.atomBlocks(level, coarsening));
            }
            return trees[k];
        }

        int level() {
            return level;
        }

        @Override
        public SymmetricSinkhorn.Operators operators() {
            return operators;
        }

        @Override
        public double[] logA() {
            return logA;
        }

        @Override
        public double[] logB() {
            return logB;
        }

        @Override
        public double[] a() {
            return points ? scales.px.points().weights() : scales.px.masses(level);
        }

        @Override
        public double[] b() {
            return points ? scales.py.points().weights() : scales.py.masses(level);
        }

        /** The name, the atoms and the pairs kept by the last soft-min onto x. */
        @Override
        public String describe() {
            return name() + ": " + xCount() + "x" + yCount() + " atoms, kept pairs "
                    + keptPairs(operators.xy()) + " of " + (long) xCount() * yCount() + " (xy)";
        }

        int xCount() {
            return xAtoms.count();
        }

        int yCount() {
            return yAtoms.count();
        }

        String name() {
            return points ? "points" : "grid level " + level + " (cells of side "
                    + String.format("%.3g", scales.frame.cellSide(level)) + ")";
        }

        long keptPairs(SoftminOperator operator) {
            return operator instanceof TruncatedSoftmin truncated && truncated.kept() != null
                    ? truncated.kept().keptPointPairs()
                    : (long) operator.targetCount() * operator.sourceCount();
        }
    }
}
