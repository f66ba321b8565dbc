package org.geomloss.ot;

import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.ComputePool;
import org.geomloss.sinkhorn.SinkhornObjective;

/**
 * What every ot result computes from its weights, final potentials and costs: GeomLoss's
 * {@code OTResult} properties. Everything beyond the potentials is computed on first access and
 * cached; accessors return copies. Costs come from a {@link CostSource}, so operators and marginals
 * stream over the costs and never build the N x M density. Thread-safe.
 */
abstract sealed class AbstractOTResult permits OTResultMatrix, OTResultSample {

    final double[] a;
    final double[] b;
    final CostSource costs;
    final double[] f;
    final double[] g;
    final double[] fAA;
    final double[] gBB;
    final double eps;
    final double rho;
    private final int iterations;
    private final Convergence convergence;
    private final Double tol;
    private final String backend;
    private final Lazy<double[][]> density = new Lazy<>(this::computeDensity);
    private final Lazy<double[][]> plan = new Lazy<>(this::computePlan);
    private final Lazy<LinearOperator> densityOperator = new Lazy<>(this::buildDensityOperator);
    private final Lazy<double[]> marginalA = new Lazy<>(this::computeMarginalA);
    private final Lazy<double[]> marginalB = new Lazy<>(this::computeMarginalB);
    private final Lazy<Double> marginalError = new Lazy<>(this::computeMarginalError);
    private final Lazy<Double> value = new Lazy<>(this::computeValue);

    AbstractOTResult(double[] a, double[] b, CostSource costs, SinkhornRun.Outcome outcome,
                     double eps, double rho, String backend) {
        this.a = a;
        this.b = b;
        this.costs = costs;
        this.f = outcome.f();
        this.g = outcome.g();
        this.fAA = outcome.fAA();
        this.gBB = outcome.gBB();
        this.eps = eps;
        this.rho = rho;
        this.iterations = outcome.iterations();
        this.convergence = outcome.convergence();
        this.tol = outcome.tol();
        this.backend = backend;
    }

    /**
     * GeomLoss's {@code value}, the full regularised cost, from potentials and weights only
     * ({@code m_a}, {@code m_b} the total masses; {@link SinkhornObjective} with
     * {@link SinkhornObjective.UnbalancedCost#PRIMAL}):
     * <ul>
     *   <li>balanced: {@code <a, f> + <b, g>}, which at convergence is
     *       {@code <pi, C> + eps KL(pi | a x b)} (the entropic term is included);</li>
     *   <li>balanced, debiased: {@code <a, f - f_aa> + <b, g - g_bb>}, the Sinkhorn divergence;</li>
     *   <li>unbalanced: {@code rho (m_a + m_b) + eps m_a m_b
     *       - (rho + eps/2) (<a, e^{-f/rho}> + <b, e^{-g/rho}>)}, the primal optimum with both KL
     *       marginal penalties;</li>
     *   <li>unbalanced, debiased: {@code (rho + eps/2) (<a, e^{-f_aa/rho} - e^{-f/rho}>
     *       + <b, e^{-g_bb/rho} - e^{-g/rho}>)}.</li>
     * </ul>
     * May be infinite or NaN when the potentials overflowed (tiny {@code rho}, few iterations).
     */
    public double value() {
        return value.get();
    }

    private double computeValue() {
        return SinkhornObjective.value(a, f, fAA, b, g, gBB, eps, rho,
                SinkhornObjective.UnbalancedCost.PRIMAL);
    }

    /** GeomLoss's {@code potential_a}: the dual potential {@code f} on the N source points. */
    public double[] potentialA() {
        return f.clone();
    }

    /** GeomLoss's {@code potential_b}: the dual potential {@code g} on the M target points. */
    public double[] potentialB() {
        return g.clone();
    }

    /**
     * GeomLoss's {@code potential_aa}: the potential {@code f_aa} of the self problem OT(a, a).
     *
     * @throws IllegalStateException unless the result was debiased (upstream's ValueError; this is a
     *                               state of the result, not an argument)
     */
    public double[] potentialAA() {
        if (fAA == null) {
            throw new IllegalStateException("The self-interaction potential `f_aa` is not defined. "
                    + "To fix this issue, run your OT solver with `debias = True`.");
        }
        return fAA.clone();
    }

    /**
     * GeomLoss's {@code potential_bb}: the potential {@code g_bb} of the self problem OT(b, b).
     *
     * @throws IllegalStateException unless the result was debiased
     */
    public double[] potentialBB() {
        if (gBB == null) {
            throw new IllegalStateException("The self-interaction potential `g_bb` is not defined. "
                    + "To fix this issue, run your OT solver with `debias = True`.");
        }
        return gBB.clone();
    }

    /**
     * GeomLoss's {@code density}: {@code P_ij = exp((f_i + g_j - C_ij) / eps)}, the density of the
     * plan with respect to {@code a x b}, as a dense N x M array built on first access. May overflow
     * to {@code +infinity} far from convergence.
     */
    public double[][] density() {
        return deepCopy(density.get());
    }

    /**
     * GeomLoss's {@code plan}: {@code pi_ij = a_i b_j P_ij}, dense N x M, built on first access. Rows
     * and columns of zero weight are exactly 0.
     */
    public double[][] plan() {
        return deepCopy(plan.get());
    }

    /** GeomLoss's {@code density_operator}: {@code x -> P x}, streamed over the costs. */
    public LinearOperator densityOperator() {
        return densityOperator.get();
    }

    /**
     * GeomLoss's {@code plan_operator}: {@code x -> a . P (b . x) = pi x}; its transpose is
     * {@code pi^T}, for any N and M.
     */
    public LinearOperator planOperator() {
        return densityOperator().rescale(b, a);
    }

    /** GeomLoss's {@code marginal_a}: {@code a . (P b) = pi 1_M}. */
    public double[] marginalA() {
        return marginalA.get().clone();
    }

    /** GeomLoss's {@code marginal_b}: {@code b . (P^T a) = pi^T 1_N}. */
    public double[] marginalB() {
        return marginalB.get().clone();
    }

    /**
     * The L1 marginal violation of the plan, {@code max(|pi 1 - a e^{-f/rho}|_1,
     * |pi^T 1 - b e^{-g/rho}|_1)} (with {@code e^{-f/rho} = 1} when balanced): 0 at the exact
     * optimum of the regularised problem. Not in upstream, which never measures it.
     */
    public double marginalError() {
        return marginalError.get();
    }

    /** The appropriate citation, in plain text and BibTeX (GeomLoss's {@code citation}). */
    public String citation() {
        return Citation.TEXT;
    }

    /** The temperature {@code eps} the problem was solved at (GeomLoss's {@code reg}). */
    public double reg() {
        return eps;
    }

    /** The marginal penalty {@code rho}; {@code +infinity} for balanced OT. */
    public double unbalanced() {
        return rho;
    }

    /** Whether the self problems were solved (GeomLoss's {@code debias}). */
    public boolean debiased() {
        return fAA != null;
    }

    /**
     * Number of averaged Sinkhorn iterations run: {@code max_iter} annealing steps plus those a
     * tolerance added (the final full step of a fixed schedule is not counted).
     */
    public int iterations() {
        return iterations;
    }

    /**
     * How the run ended. {@link Convergence#CONVERGED} only when this result's
     * {@link #marginalError()} is within the tolerance too (so it computes that error once): a
     * loop that met its own stopping test on potentials the plan cannot honour (float32 soft-mins,
     * costs at the edge of float64's resolution) reports {@link Convergence#NOT_CONVERGED}.
     */
    public Convergence convergence() {
        if (convergence == Convergence.CONVERGED && !(marginalError() <= tol)) {
            return Convergence.NOT_CONVERGED;
        }
        return convergence;
    }

    /** Whether a tolerance was asked for and reached ({@link #convergence()}). */
    public boolean converged() {
        return convergence() == Convergence.CONVERGED;
    }

    /** The soft-min strategy and precision that ran, e.g. {@code "tensorized float64"}. */
    public String backendUsed() {
        return backend;
    }

    /** {@code P_ij}, evaluated the same way everywhere. */
    private double densityEntry(int i, int j) {
        return Math.exp((f[i] + g[j] - costs.cost(i, j)) / eps);
    }

    private double[][] computeDensity() {
        int n = costs.rows();
        int m = costs.columns();
        double[][] result = new double[n][m];
        forEachRowBlock(n, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < m; j++) {
                    result[i][j] = densityEntry(i, j);
                }
            }
        });
        return result;
    }

    /** {@code a_i b_j P_ij}, without caching the density on the way (one N x M array only). */
    private double[][] computePlan() {
        int n = costs.rows();
        int m = costs.columns();
        double[][] result = new double[n][m];
        forEachRowBlock(n, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < m; j++) {
                    result[i][j] = a[i] * b[j] * densityEntry(i, j);
                }
            }
        });
        return result;
    }

    private LinearOperator buildDensityOperator() {
        int n = costs.rows();
        int m = costs.columns();
        return LinearOperator.of(n, m, (x, width, out) -> forEachRowBlock(n, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < m; j++) {
                    double p = densityEntry(i, j);
                    for (int v = 0; v < width; v++) {
                        out[i * width + v] += p * x[j * width + v];
                    }
                }
            }
        }), (y, width, out) -> forEachRowBlock(m, n, (from, to) -> {
            for (int j = from; j < to; j++) {
                for (int i = 0; i < n; i++) {
                    double p = densityEntry(i, j);
                    for (int v = 0; v < width; v++) {
                        out[j * width + v] += p * y[i * width + v];
                    }
                }
            }
        }));
    }

    private double[] computeMarginalA() {
        double[] pb = densityOperator().apply(b);
        for (int i = 0; i < pb.length; i++) {
            pb[i] *= a[i];
        }
        return pb;
    }

    private double[] computeMarginalB() {
        double[] pa = densityOperator().transpose().apply(a);
        for (int j = 0; j < pa.length; j++) {
            pa[j] *= b[j];
        }
        return pa;
    }

    private double computeMarginalError() {
        return Math.max(violation(marginalA.get(), a, f), violation(marginalB.get(), b, g));
    }

    private double violation(double[] marginal, double[] weights, double[] potential) {
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            double target = Double.isInfinite(rho) ? weights[i]
                    : weights[i] * Math.exp(-potential[i] / rho);
            total += Math.abs(marginal[i] - target);
        }
        return total;
    }

    /** A range of output rows {@code [from, to)}. */
    @FunctionalInterface
    interface RowRange {
        void run(int from, int to);
    }

    /** Runs {@code body} over blocks of {@code rows} on the library's compute pool. */
    static void forEachRowBlock(int rows, int columns, RowRange body) {
        int[] starts = BlockSparsity.dense(rows, columns).rowStarts();
        ComputePool.forEachBlock(starts.length - 1, k -> body.run(starts[k], starts[k + 1]));
    }

    static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
