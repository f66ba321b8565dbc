package org.geomloss.ot;

import org.geomloss.kernels.Precision;

import org.geomloss.sinkhorn.LogWeights;

/**
 * The result of {@link OT#solveSample} between two point clouds (GeomLoss's {@code OTResultSample}),
 * for the cost {@code C_ij = |x_i - y_j|^2}. Costs are recomputed from the points whenever needed:
 * the operators, marginals and displacements stream over pairs of points, in memory linear in
 * N + M; only {@link #plan()} and {@link #density()} build N x M arrays, on request.
 *
 * <p>Displacements, which upstream declares but leaves unimplemented ({@code a_to_b} and
 * {@code b_to_a} return {@code None} there), are the barycentric projections of the plan minus the
 * positions:
 * <pre>
 *   aToB_i = sum_j pi_ij y_j / sum_j pi_ij - x_i
 *   bToA_j = sum_i pi_ij x_i / sum_i pi_ij - y_j
 * </pre>
 * Since {@code pi_ij / sum_j pi_ij} is the soft-max over j of {@code log b_j + (g_j - C_ij)/eps},
 * they are computed in the log domain and are defined for every point, even of zero weight. For a
 * converged balanced problem {@code sum_j pi_ij = a_i}, so {@code aToB_i = sum_j pi_ij y_j / a_i -
 * x_i}; in the unbalanced case the normalisation by the mass actually transported keeps the
 * projection a weighted mean of target points (dividing by {@code a_i} would shrink it). As
 * {@code eps -> 0} this tends to the Brenier (Monge) map minus the identity.
 *
 * <p>Immutable and thread-safe.
 */
public final class OTResultSample extends AbstractOTResult implements OTResult {

    private final CostSource.SquaredDistances points;
    private final Precision precision;
    private final Lazy<double[][]> aToB = new Lazy<>(() -> displacements(true));
    private final Lazy<double[][]> bToA = new Lazy<>(() -> displacements(false));

    OTResultSample(double[] a, double[] b, CostSource.SquaredDistances points,
                   SinkhornRun.Outcome outcome, double eps, double rho, String backend,
                   Precision precision) {
        super(a, b, points, outcome, eps, rho, backend);
        this.points = points;
        this.precision = precision;
    }

    /** The precision the point kernels ran in ({@link SampleOptions#precision}). */
    public Precision precision() {
        return precision;
    }

    /** The displacements {@code aToB_i} from each source point (N x D), see the class notes. */
    public double[][] aToB() {
        return deepCopy(aToB.get());
    }

    /** The displacements {@code bToA_j} from each target point (M x D), see the class notes. */
    public double[][] bToA() {
        return deepCopy(bToA.get());
    }

    private double[][] displacements(boolean fromA) {
        int d = points.dimension();
        double[] origins = fromA ? points.x() : points.y();
        double[] destinations = fromA ? points.y() : points.x();
        double[] logWeights = LogWeights.of(fromA ? b : a);
        double[] potential = fromA ? g : f;
        int count = origins.length / d;
        int others = destinations.length / d;
        double[][] result = new double[count][d];
        forEachRowBlock(count, others, (from, to) -> {
            double[] mean = new double[d];
            for (int i = from; i < to; i++) {
                java.util.Arrays.fill(mean, 0);
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0;
                for (int j = 0; j < others; j++) {
                    double cost = fromA ? points.cost(i, j) : points.cost(j, i);
                    double s = logWeights[j] + (potential[j] - cost) / eps;
                    if (s > max) {
                        double rescale = Math.exp(max - s);
                        sum *= rescale;
                        for (int k = 0; k < d; k++) {
                            mean[k] *= rescale;
                        }
                        max = s;
                    }
                    double w = Math.exp(s - max);
                    sum += w;
                    for (int k = 0; k < d; k++) {
                        mean[k] += w * destinations[j * d + k];
                    }
                }
                for (int k = 0; k < d; k++) {
                    result[i][k] = mean[k] / sum - origins[i * d + k];
                }
            }
        });
        return result;
    }
}
