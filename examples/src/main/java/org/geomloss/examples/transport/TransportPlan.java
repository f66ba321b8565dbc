package org.geomloss.examples.transport;

import org.geomloss.DualPotentials;
import org.geomloss.Measure;
import org.geomloss.kernels.GroundCost;

/**
 * The dense entropic transport plan rebuilt from the dual potentials of a raw (not debiased)
 * Sinkhorn cost: {@code pi_ij = a_i b_j exp((f_i + g_j - C(x_i, y_j)) / eps)} with
 * {@code eps = blur^p} and {@code C} the ground cost of exponent p ({@link GroundCost}); GeomLoss
 * users build it the same way from {@code SamplesLoss(..., debias=False, potentials=True)}.
 *
 * <p>Its marginals are {@code a} and {@code b} up to the convergence of the Sinkhorn loop (the
 * potentials come from its last, extrapolated step). N x M doubles: for small clouds only. The
 * barycentric map {@code T(x_i) = sum_j pi_ij y_j / sum_j pi_ij} is the entropic estimate of the
 * Brenier map (a point whose plan row underflows to zero, for a blur far below the distances, maps
 * to NaN).
 *
 * <p>Immutable by contract; thread-safe.
 */
public final class TransportPlan {

    private final int n;
    private final int m;
    private final double[] plan;

    private TransportPlan(int n, int m, double[] plan) {
        this.n = n;
        this.m = m;
        this.plan = plan;
    }

    /**
     * The plan of the raw Sinkhorn potentials {@code (f, g)} between {@code x} and {@code y}.
     *
     * @param p    the cost exponent used for the potentials (1 or 2)
     * @param blur the blur used for the potentials ({@code eps = blur^p})
     */
    public static TransportPlan fromPotentials(Measure x, Measure y, DualPotentials potentials,
                                               int p, double blur) {
        if (x.dimension() != y.dimension()) {
            throw new IllegalArgumentException("y has dimension " + y.dimension()
                    + " but x has dimension " + x.dimension());
        }
        double[] f = potentials.f();
        double[] g = potentials.g();
        if (f.length != x.count() || g.length != y.count()) {
            throw new IllegalArgumentException("potentials have lengths " + f.length + " and "
                    + g.length + " but the clouds have " + x.count() + " and " + y.count()
                    + " points");
        }
        GroundCost cost = GroundCost.forExponent(p);
        double eps = Math.pow(blur, p);
        float[] xs = x.coordinates();
        float[] ys = y.coordinates();
        int d = x.dimension();
        double[] plan = new double[x.count() * y.count()];
        for (int i = 0; i < x.count(); i++) {
            for (int j = 0; j < y.count(); j++) {
                double c = cost.cost(xs, i, ys, j, d);
                plan[i * y.count() + j] = x.weight(i) * y.weight(j)
                        * Math.exp((f[i] + g[j] - c) / eps);
            }
        }
        return new TransportPlan(x.count(), y.count(), plan);
    }

    /** {@code pi_ij}. */
    public double get(int i, int j) {
        return plan[i * m + j];
    }

    /** N. */
    public int rows() {
        return n;
    }

    /** M. */
    public int columns() {
        return m;
    }

    /** {@code sum_j pi_ij}, which approximates {@code a}. */
    public double[] rowSums() {
        double[] sums = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                sums[i] += plan[i * m + j];
            }
        }
        return sums;
    }

    /** {@code sum_i pi_ij}, which approximates {@code b}. */
    public double[] columnSums() {
        double[] sums = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                sums[j] += plan[i * m + j];
            }
        }
        return sums;
    }

    /** The barycentric map {@code T(x_i) = sum_j pi_ij y_j / sum_j pi_ij}, flat N x D. */
    public double[] barycentricMap(Measure y) {
        int d = y.dimension();
        double[] mapped = new double[n * d];
        for (int i = 0; i < n; i++) {
            double mass = 0.0;
            for (int j = 0; j < m; j++) {
                double weight = plan[i * m + j];
                mass += weight;
                for (int k = 0; k < d; k++) {
                    mapped[i * d + k] += weight * y.coordinate(j, k);
                }
            }
            for (int k = 0; k < d; k++) {
                mapped[i * d + k] = mass > 0 ? mapped[i * d + k] / mass : Double.NaN;
            }
        }
        return mapped;
    }
}
