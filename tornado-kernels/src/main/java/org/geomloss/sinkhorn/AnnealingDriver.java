package org.geomloss.sinkhorn;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The one annealing driver of every Sinkhorn solver in the library (OTT-JAX's "solver" role): the
 * epsilon-scaling loop of GeomLoss over a {@link ScalePlan}, with the symmetric updates, the
 * debiasing and the unbalanced damping of {@link SymmetricSinkhorn}, the optional refinement to a
 * tolerance, the progress reports and the {@code verbose} log. For a schedule
 * {@code eps_0 > ... >= eps_{L-1}}:
 * <ol>
 *   <li>start on {@code plan.scaleAt(0)} ({@link Start}: GeomLoss's soft-min of zero potentials at
 *       {@code eps_0}, or given potentials);</li>
 *   <li>for {@code t = 0 .. L-1}: when {@code plan.scaleAt(t)} differs from the current
 *       representation, carry the potentials there at {@code eps_{t-1}}
 *       ({@link ScalePlan#transfer}); one averaged symmetric update at {@code eps_t}; report it;</li>
 *   <li>if the last temperature did not run on {@code plan.finest()}: transfer there at
 *       {@code eps_{L-1}}, unless the plan's {@link ScalePlan.Ending} makes that transfer the final
 *       step and no refinement is asked for;</li>
 *   <li>with a {@link Refinement}: iterate at {@code eps_{L-1}} until the marginal error meets the
 *       tolerance ({@link SymmetricSinkhorn#refine}), each iteration reported;</li>
 *   <li>the caller takes the final step ({@link Result#finalStep()}) or the loop's potentials.</li>
 * </ol>
 * Each representation the loop leaves is logged (name, atoms, pairs visited, iterations, time)
 * through SLF4J at the settings' level (INFO for {@code verbose}, DEBUG otherwise).
 *
 * <p>Why it may not converge: see {@link Refinement} and the solvers' notes (a blur far below the
 * diameter with an aggressive scaling leaves the fixed schedule short of convergence).
 *
 * <p>Stateless and thread-safe; one run uses one thread (the soft-mins may use more).
 */
public final class AnnealingDriver {

    private static final Logger LOG = LoggerFactory.getLogger(AnnealingDriver.class);

    private AnnealingDriver() {
    }

    /** How the potentials start at the first temperature. */
    @FunctionalInterface
    public interface Start {
        /**
         * GeomLoss's "eps = infinity" start: {@code lambda softmin_{eps_0}} of zero potentials
         * ({@link SymmetricSinkhorn#initialize}).
         */
        Start SOFTMIN_OF_ZERO = SymmetricSinkhorn::initialize;

        /** Sets the loop's first potentials, given the first temperature. */
        void apply(SymmetricSinkhorn loop, double firstEps);

        /** Given potentials on the first representation (self ones null unless debiasing). */
        static Start potentials(double[] fBA, double[] gAB, double[] fAA, double[] gBB) {
            return (loop, firstEps) -> loop.setPotentials(fBA, gAB, fAA, gBB);
        }
    }

    /**
     * What a run does, beyond the plan.
     *
     * @param schedule   the temperatures {@code eps_0 .. eps_{L-1}}, {@code L >= 1}
     * @param rho        the marginal penalty, {@code +infinity} for balanced OT
     * @param start      the first potentials
     * @param refinement the tolerance and cap of the iterations at {@code eps_{L-1}}, or null for a
     *                   fixed schedule
     * @param logLevel   the SLF4J level of the per-representation log
     */
    public record Settings(double[] schedule, double rho, Start start, Refinement refinement,
                           Level logLevel) {

        /** Checks the non-null parts and the schedule's length. */
        public Settings {
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(logLevel, "logLevel");
            if (schedule.length == 0) {
                throw new IllegalArgumentException("schedule must hold at least one temperature");
            }
        }

        /** GeomLoss's run: its start, no refinement, logged at DEBUG. */
        public static Settings fixedSchedule(double[] schedule, double rho) {
            return new Settings(schedule, rho, Start.SOFTMIN_OF_ZERO, null, Level.DEBUG);
        }

        /** The last temperature. */
        public double finalEps() {
            return schedule[schedule.length - 1];
        }
    }

    /**
     * A finished annealing: the loop on its last representation, ready for the final step. Not
     * thread-safe.
     */
    public static final class Result {
        private final SymmetricSinkhorn loop;
        private final SinkhornScale scale;
        private final double eps;
        private final Refinement.Outcome refinement;
        private FinalStep finalStep;

        private Result(SymmetricSinkhorn loop, SinkhornScale scale, double eps,
                       Refinement.Outcome refinement, FinalStep finalStep) {
            this.loop = loop;
            this.scale = scale;
            this.eps = eps;
            this.refinement = refinement;
            this.finalStep = finalStep;
        }

        /**
         * The final, differentiated step at the last temperature ({@link SymmetricSinkhorn#extrapolate})
         * or the transfer the plan made final; computed on first call.
         */
        public FinalStep finalStep() {
            if (finalStep == null) {
                finalStep = loop.extrapolate(eps);
            }
            return finalStep;
        }

        /** The loop, its potentials the last ones computed before the final step. */
        public SymmetricSinkhorn loop() {
            return loop;
        }

        /** The representation the loop ended on. */
        public SinkhornScale scale() {
            return scale;
        }

        /** How the refinement ended, or null when none was asked for. */
        public Refinement.Outcome refinement() {
            return refinement;
        }
    }

    /** Runs the annealing of {@code settings} on {@code plan}, reporting to {@code progress}. */
    public static Result run(ScalePlan plan, Settings settings, SinkhornProgress progress) {
        double[] schedule = settings.schedule();
        int last = schedule.length - 1;
        SinkhornScale current = plan.scaleAt(0);
        SymmetricSinkhorn loop = new SymmetricSinkhorn(current.operators(), current.logA(),
                current.logB(), settings.rho());
        settings.start().apply(loop, schedule[0]);
        ScaleLog log = new ScaleLog(settings.logLevel());
        for (int t = 0; t <= last; t++) {
            SinkhornScale wanted = plan.scaleAt(t);
            if (wanted != current) {
                log.left(current, schedule[t - 1]);
                move(plan, loop, current, wanted, schedule[t - 1]);
                current = wanted;
            }
            loop.step(schedule[t]);
            log.iteration();
            progress.onIteration(t, schedule.length, schedule[t]);
        }
        double eps = schedule[last];
        SinkhornScale finest = plan.finest();
        if (current != finest) {
            log.left(current, eps);
            if (plan.ending() == ScalePlan.Ending.TRANSFER_IS_FINAL_STEP
                    && settings.refinement() == null) {
                FinalStep transfer = plan.transfer(loop, current, finest, eps);
                return new Result(loop, current, eps, null, transfer);
            }
            move(plan, loop, current, finest, eps);
            current = finest;
        }
        Refinement.Outcome refined = null;
        if (settings.refinement() != null) {
            refined = loop.refine(eps, finest.a(), finest.b(), settings.refinement(), progress);
            log.refined(refined, eps);
        }
        log.left(current, eps);
        return new Result(loop, current, eps, refined, null);
    }

    /** Carries the loop's potentials from {@code coarse} to {@code fine} at {@code eps}. */
    private static void move(ScalePlan plan, SymmetricSinkhorn loop, SinkhornScale coarse,
                             SinkhornScale fine, double eps) {
        FinalStep moved = plan.transfer(loop, coarse, fine, eps);
        loop.switchScale(fine.operators(), fine.logA(), fine.logB(),
                moved.fBA() == null ? null : moved.fBA().potential(),
                moved.gAB() == null ? null : moved.gAB().potential(),
                moved.debiased() ? moved.fAA().potential() : null,
                moved.debiased() ? moved.gBB().potential() : null);
        plan.left(coarse);
    }

    /** The per-representation log: iterations and time spent on each. */
    private static final class ScaleLog {
        private final Level level;
        private long start = System.nanoTime();
        private int iterations;

        ScaleLog(Level level) {
            this.level = level;
        }

        void iteration() {
            iterations++;
        }

        void left(SinkhornScale scale, double lastEps) {
            LOG.atLevel(level).log("{}: {} iterations (last eps={}), {} s", scale.describe(),
                    iterations, String.format("%.3g", lastEps),
                    String.format("%.2f", (System.nanoTime() - start) * 1e-9));
            start = System.nanoTime();
            iterations = 0;
        }

        void refined(Refinement.Outcome refined, double eps) {
            iterations += refined.iterations();
            LOG.atLevel(level).log("Refined at eps={} in {} iterations: marginal error {} ({}).",
                    String.format("%.3g", eps), refined.iterations(),
                    String.format("%.2e", refined.marginalError()),
                    refined.converged() ? "converged" : "not converged");
        }
    }
}
