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
 * <p>Use: {@link #initialize(double)} (or {@link #setPotentials}), then {@link #step(double)} once per
 * temperature, then {@link #extrapolate(double)}; or {@link #solve(double[], SinkhornProgress)} for
 * GeomLoss's whole sequence. Multiscale drivers call {@link #switchScale} between two steps. There
 * is no convergence test: the schedule fixes the number of iterations.
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

    /** GeomLoss's whole loop: initialise at {@code schedule[0]}, one step per temperature, extrapolate. */
    public FinalStep solve(double[] schedule, SinkhornProgress progress) {
        initialize(schedule[0]);
        for (int t = 0; t < schedule.length; t++) {
            step(schedule[t]);
            progress.onIteration(t, schedule.length, schedule[t]);
        }
        return extrapolate(schedule[schedule.length - 1]);
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
            double[] newF = softmin(operators.xy(), eps, logB, gAB, lambda);
            double[] newG = softmin(operators.yx(), eps, logA, fBA, lambda);
            average(fBA, newF);
            average(gAB, newG);
        }
        if (operators.debiased()) {
            double[] newFaa = softmin(operators.xx(), eps, logA, fAA, lambda);
            double[] newGbb = softmin(operators.yy(), eps, logB, gBB, lambda);
            average(fAA, newFaa);
            average(gBB, newGbb);
        }
    }

    /** The final, non-averaged update at {@code eps}; the loop's potentials are left unchanged. */
    public FinalStep extrapolate(double eps) {
        double lambda = damping(eps, rho);
        FinalStep.Direction f = null;
        FinalStep.Direction g = null;
        if (operators.crossed()) {
            f = extrapolate(operators.xy(), eps, logB, gAB);
            g = extrapolate(operators.yx(), eps, logA, fBA);
        }
        FinalStep.Direction faa = null;
        FinalStep.Direction gbb = null;
        if (operators.debiased()) {
            faa = extrapolate(operators.xx(), eps, logA, fAA);
            gbb = extrapolate(operators.yy(), eps, logB, gBB);
        }
        return new FinalStep(eps, lambda, f, g, faa, gbb);
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
