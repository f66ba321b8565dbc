package org.geomloss.sinkhorn;

/**
 * The symmetric, averaged Sinkhorn loop of GeomLoss ({@code sinkhorn_loop}), written once for every
 * soft-min strategy. It solves OT(alpha, beta) and, when debiasing, the self problems OT(alpha, alpha)
 * and OT(beta, beta), all in parallel ("Jacobi" updates from the previous values):
 * <pre>
 *   f_ba &lt;- (f_ba + lambda softmin_eps(C_xy, l_b + g_ab/eps)) / 2
 *   g_ab &lt;- (g_ab + lambda softmin_eps(C_yx, l_a + f_ba/eps)) / 2
 *   f_aa &lt;- (f_aa + lambda softmin_eps(C_xx, l_a + f_aa/eps)) / 2
 *   g_bb &lt;- (g_bb + lambda softmin_eps(C_yy, l_b + g_bb/eps)) / 2
 * </pre>
 * with {@code lambda = 1 / (1 + eps/rho)} (1 when balanced, {@code rho = +infinity}) and {@code l} the
 * safe log-weights. The symmetric averaged form makes S(a, b) = S(b, a), S(a, a) = 0 and
 * dS(a, a) = 0 hold after finitely many iterations.
 *
 * <p>The updates of one problem; {@link AnnealingDriver} runs them along a schedule and a
 * {@link ScalePlan}: {@link #initialize(double)} (or {@link #setPotentials}), then
 * {@link #step(double)} once per temperature ({@link #switchScale} between two steps when the
 * representation changes), then {@link #extrapolate(double)}. As in GeomLoss, the schedule fixes the
 * number of iterations; {@link #refine} optionally continues at the final temperature until a
 * tolerance is met.
 *
 * <p>Before each reduction the operator is told the potentials whose plan it reduces, the row
 * potential as {@link #rowBound} ({@link SoftminOperator#adapt}), so that truncated operators can
 * choose the pairs they visit.
 *
 * <p>Not thread-safe: one loop per thread. The soft-min operators may use many threads internally.
 */
public final class SymmetricSinkhorn {

    /**
     * The soft-min directions of one problem: {@code xy} has targets x and sources y; {@code xx} and
     * {@code yy} are {@code null} when not debiasing; {@code xy} and {@code yx} are {@code null} when
     * only the self problems are solved (the Hausdorff divergence).
     */
    public record Operators(SoftminOperator xy, SoftminOperator yx, SoftminOperator xx,
                            SoftminOperator yy) {
        /** Whether the self problems are present. */
        public boolean debiased() {
            return xx != null && yy != null;
        }

        /** Whether the cross problem OT(alpha, beta) is present. */
        public boolean crossed() {
            return xy != null && yx != null;
        }
    }

    private final double rho;
    private Operators operators;
    private double[] logA;
    private double[] logB;
    private double[] fBA;
    private double[] gAB;
    private double[] fAA;
    private double[] gBB;

    /**
     * @param operators the soft-min directions
     * @param logA      safe log-weights of alpha ({@link LogWeights})
     * @param logB      safe log-weights of beta
     * @param rho       the marginal penalty {@code reach^p}, or {@code +infinity} for balanced OT
     */
    public SymmetricSinkhorn(Operators operators, double[] logA, double[] logB, double rho) {
        this.rho = rho;
        this.operators = operators;
        this.logA = logA;
        this.logB = logB;
    }

    /** The damping {@code 1 / (1 + eps / rho)} of unbalanced OT; 1 when {@code rho} is infinite. */
    public static double damping(double eps, double rho) {
        return Double.isInfinite(rho) ? 1.0 : 1.0 / (1.0 + eps / rho);
    }

    /** Potentials of the "eps-infinity" start: {@code lambda * softmin_eps(C, l)} (zero potentials). */
    public void initialize(double eps) {
        double lambda = damping(eps, rho);
        if (operators.crossed()) {
            fBA = softmin(operators.xy(), eps, logB, null, lambda);
            gAB = softmin(operators.yx(), eps, logA, null, lambda);
        }
        if (operators.debiased()) {
            fAA = softmin(operators.xx(), eps, logA, null, lambda);
            gBB = softmin(operators.yy(), eps, logB, null, lambda);
        }
    }

    /** Replaces the current potentials (a custom initialisation); self potentials may be null. */
    public void setPotentials(double[] fBA, double[] gAB, double[] fAA, double[] gBB) {
        this.fBA = fBA;
        this.gAB = gAB;
        this.fAA = fAA;
        this.gBB = gBB;
    }

    /** Moves the loop to other clouds (a finer scale) with potentials already extrapolated there. */
    public void switchScale(Operators operators, double[] logA, double[] logB, double[] fBA,
                            double[] gAB, double[] fAA, double[] gBB) {
        this.operators = operators;
        this.logA = logA;
        this.logB = logB;
        setPotentials(fBA, gAB, fAA, gBB);
    }

    /** One averaged symmetric update at temperature {@code eps}. */
    public void step(double eps) {
        double lambda = damping(eps, rho);
        if (operators.crossed()) {
            double[] newF = update(operators.xy(), eps, fBA, logB, gAB, lambda);
            double[] newG = update(operators.yx(), eps, gAB, logA, fBA, lambda);
            average(fBA, newF);
            average(gAB, newG);
        }
        if (operators.debiased()) {
            double[] newFaa = update(operators.xx(), eps, fAA, logA, fAA, lambda);
            double[] newGbb = update(operators.yy(), eps, gBB, logB, gBB, lambda);
            average(fAA, newFaa);
            average(gBB, newGbb);
        }
    }

    /**
     * Continues at {@code eps} (the last temperature) until the marginal error of the potentials is
     * within {@code refinement.tolerance()} ({@link Refinement}), at most
     * {@code refinement.maxIterations()} iterations; the loop's potentials become the last measured
     * ones, ready for {@link #extrapolate}.
     *
     * <p>The cross problem takes alternating Sinkhorn updates, {@code f <- lambda S_x(g)} then
     * {@code g <- lambda S_y(f)}, which contract like {@code sigma_2^2} per iteration where the
     * averaged symmetric ones contract like {@code (1 + sigma_2)/2}: up to four times fewer
     * iterations near convergence. After {@code g <- lambda S_y(f)} the condition on y holds exactly,
     * so the error is the one on x, read from the soft-min the next update needs anyway: the test
     * costs nothing. Self problems keep their averaged symmetric updates and must meet the tolerance
     * too. The symmetry {@code S(a, b) = S(b, a)} then holds up to the tolerance only.
     *
     * <p>Balanced potentials are defined up to {@code (f + c, g - c)}; GeomLoss's symmetric loop
     * picks {@code c} by its trajectory. The refined ones are shifted so that
     * {@code <a, f> = <b, g>}, a choice that does not depend on the trajectory (so that backends
     * that anneal differently return the same potentials) and that swapping the two measures keeps.
     *
     * @param eps        the final temperature
     * @param a          the raw weights of alpha (the error is in their mass units)
     * @param b          the raw weights of beta
     * @param refinement the tolerance and the iteration cap
     * @param progress   told of each iteration ({@link SinkhornProgress#onRefinement})
     */
    public Refinement.Outcome refine(double eps, double[] a, double[] b, Refinement refinement,
                                     SinkhornProgress progress) {
        double lambda = damping(eps, rho);
        double[] f = null;
        double[] g = null;
        if (operators.crossed()) {
            f = update(operators.xy(), eps, fBA, logB, gAB, lambda);
            g = update(operators.yx(), eps, gAB, logA, f, lambda);
        }
        double[] faa = null;
        double[] gbb = null;
        if (operators.debiased()) {
            faa = update(operators.xx(), eps, fAA, logA, fAA, lambda);
            gbb = update(operators.yy(), eps, gBB, logB, gBB, lambda);
        }
        for (int extra = 0; ; extra++) {
            double error = 0;
            double[] nextF = null;
            if (f != null) {
                nextF = update(operators.xy(), eps, f, logB, g, lambda);
                error = marginalError(f, nextF, a, lambda, eps);
            }
            double[] nextFaa = null;
            double[] nextGbb = null;
            if (faa != null) {
                nextFaa = update(operators.xx(), eps, faa, logA, faa, lambda);
                nextGbb = update(operators.yy(), eps, gbb, logB, gbb, lambda);
                error = Math.max(error, Math.max(marginalError(faa, nextFaa, a, lambda, eps),
                        marginalError(gbb, nextGbb, b, lambda, eps)));
            }
            if (error <= refinement.tolerance() || extra == refinement.maxIterations()) {
                if (f != null && Double.isInfinite(rho)) {
                    balanceConstant(f, a, g, b);
                }
                setPotentials(f, g, faa, gbb);
                return new Refinement.Outcome(extra, error, error <= refinement.tolerance());
            }
            progress.onRefinement(extra + 1, error);
            if (f != null) {
                f = nextF;
                g = update(operators.yx(), eps, g, logA, f, lambda);
            }
            if (faa != null) {
                average(faa, nextFaa);
                average(gbb, nextGbb);
            }
        }
    }

    /** The final, non-averaged update at {@code eps}; the loop's potentials are left unchanged. */
    public FinalStep extrapolate(double eps) {
        double lambda = damping(eps, rho);
        if (operators.crossed()) {
            announce(operators.xy(), eps, fBA, gAB, lambda);
            announce(operators.yx(), eps, gAB, fBA, lambda);
        }
        if (operators.debiased()) {
            announce(operators.xx(), eps, fAA, fAA, lambda);
            announce(operators.yy(), eps, gBB, gBB, lambda);
        }
        return extrapolate(eps, operators, logA, logB);
    }

    /**
     * The final-step formula through other directions: each current potential carried by
     * {@code through} (its sources the loop's atoms, with log-masses {@code sourceLogA},
     * {@code sourceLogB}; its targets possibly other atoms, a finer representation), e.g.
     * {@code F_i = lambda softmin_eps(through.xy, sourceLogB + gAB/eps)}. The directions are not
     * adapted; the loop's potentials are left unchanged.
     */
    public FinalStep extrapolate(double eps, Operators through, double[] sourceLogA,
                                 double[] sourceLogB) {
        FinalStep.Direction f = null;
        FinalStep.Direction g = null;
        if (through.crossed()) {
            f = extrapolate(through.xy(), eps, sourceLogB, gAB);
            g = extrapolate(through.yx(), eps, sourceLogA, fBA);
        }
        FinalStep.Direction faa = null;
        FinalStep.Direction gbb = null;
        if (through.debiased()) {
            faa = extrapolate(through.xx(), eps, sourceLogA, fAA);
            gbb = extrapolate(through.yy(), eps, sourceLogB, gBB);
        }
        return new FinalStep(eps, damping(eps, rho), f, g, faa, gbb);
    }

    /** Current potential {@code f_ba} (live array). */
    public double[] fBA() {
        return fBA;
    }

    /** Current potential {@code g_ab} (live array). */
    public double[] gAB() {
        return gAB;
    }

    /** Current self potential {@code f_aa}, or null (live array). */
    public double[] fAA() {
        return fAA;
    }

    /** Current self potential {@code g_bb}, or null (live array). */
    public double[] gBB() {
        return gBB;
    }

    /**
     * One damped soft-min {@code lambda * softmin_eps(op, l + potential/eps)} with what produced it:
     * an extrapolation of a source-side potential to the targets of {@code op}.
     */
    public FinalStep.Direction extrapolate(SoftminOperator op, double eps, double[] logWeights,
                                           double[] potential) {
        double lambda = damping(eps, rho);
        double[] h = logVector(eps, logWeights, potential);
        double[] out = new double[op.targetCount()];
        op.softmin(eps, h, out);
        scale(out, lambda);
        return new FinalStep.Direction(op, h, out);
    }

    /** Shifts {@code (f, g)} to {@code (f + c, g - c)} with {@code <a, f + c> = <b, g - c>}. */
    private static void balanceConstant(double[] f, double[] a, double[] g, double[] b) {
        double af = 0;
        double massA = 0;
        for (int i = 0; i < f.length; i++) {
            af += a[i] * f[i];
            massA += a[i];
        }
        double bg = 0;
        double massB = 0;
        for (int j = 0; j < g.length; j++) {
            bg += b[j] * g[j];
            massB += b[j];
        }
        double c = (bg - af) / (massA + massB);
        for (int i = 0; i < f.length; i++) {
            f[i] += c;
        }
        for (int j = 0; j < g.length; j++) {
            g[j] -= c;
        }
    }

    /**
     * {@code lambda softmin_eps(op, l + source/eps)}, the operator first adapted to the plan of
     * {@code (target, source)}.
     */
    private static double[] update(SoftminOperator op, double eps, double[] target,
                                   double[] logWeights, double[] source, double lambda) {
        announce(op, eps, target, source, lambda);
        return softmin(op, eps, logWeights, source, lambda);
    }

    /**
     * Announces a reduction to {@code op} ({@link SoftminOperator#adapt}): the source potential,
     * and for the rows {@link #rowBound} of the current potential.
     */
    private static void announce(SoftminOperator op, double eps, double[] target, double[] source,
                                 double lambda) {
        op.adapt(eps, target == null ? null : rowBound(target, lambda), source);
    }

    /**
     * {@code max(p_i, p_i / lambda)} for a damped potential {@code p}: a bound on both {@code p}
     * and, where {@code p = lambda S} as at an unbalanced fixed point, the soft-min {@code S} it
     * damps; what the loop announces to a reduction ({@link SoftminOperator#adapt}). Returns
     * {@code potential} itself when balanced ({@code lambda = 1}), a new array otherwise.
     */
    public static double[] rowBound(double[] potential, double lambda) {
        if (lambda == 1.0) {
            return potential;
        }
        double[] bound = new double[potential.length];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = Math.max(potential[i], potential[i] / lambda);
        }
        return bound;
    }

    /**
     * {@code sum_i w_i |exp((p_i - S_i)/eps) - exp(-p_i/rho)|} over {@code w_i > 0}, with
     * {@code S = next / lambda}: the L1 violation of the marginal on the side of {@code p}. NaN
     * counts as not converged.
     */
    private double marginalError(double[] current, double[] next, double[] weights, double lambda,
                                 double eps) {
        double total = 0;
        for (int i = 0; i < current.length; i++) {
            if (weights[i] == 0) {
                continue;
            }
            double marginal = Math.exp((current[i] - next[i] / lambda) / eps);
            double target = Double.isInfinite(rho) ? 1.0 : Math.exp(-current[i] / rho);
            total += weights[i] * Math.abs(marginal - target);
        }
        return Double.isNaN(total) ? Double.POSITIVE_INFINITY : total;
    }

    private static double[] softmin(SoftminOperator op, double eps, double[] logWeights,
                                    double[] potential, double lambda) {
        double[] out = new double[op.targetCount()];
        op.softmin(eps, logVector(eps, logWeights, potential), out);
        scale(out, lambda);
        return out;
    }

    /** {@code h = l + g / eps}, or {@code l} when {@code potential} is null. */
    private static double[] logVector(double eps, double[] logWeights, double[] potential) {
        double[] h = logWeights.clone();
        if (potential != null) {
            for (int j = 0; j < h.length; j++) {
                h[j] += potential[j] / eps;
            }
        }
        return h;
    }

    private static void scale(double[] values, double factor) {
        if (factor != 1.0) {
            for (int i = 0; i < values.length; i++) {
                values[i] *= factor;
            }
        }
    }

    private static void average(double[] current, double[] update) {
        for (int i = 0; i < current.length; i++) {
            current[i] = 0.5 * (current[i] + update[i]);
        }
    }
}
