package org.geomloss.multiscale;

import org.geomloss.sinkhorn.EpsilonSchedule;

/**
 * Test support: an independent, dense (tensorized) float64 transcription of GeomLoss's multiscale
 * Sinkhorn, {@code ALGORITHMS_SAMPLESLOSS.md} §5.6 and §7.3, written from the formulas with full cost
 * matrices and boolean masks and sharing no code with the production loop. It takes the clusterings
 * (tested separately) as input and returns the four final potentials and their gradients on the
 * sorted points.
 */
final class DenseMultiscaleReference {

    /** Final potentials and {@code lambda sum_j P_ij grad_1 c(x_i, y_j)}, sorted order. */
    record Output(double[] fBA, double[] gAB, double[] fAA, double[] gBB, double[] gradFBA,
                  double[] gradGAB, double[] gradFAA, double[] gradGBB, int jump) {
    }

    private final int p;
    private final int d;
    private final double rho;

    private DenseMultiscaleReference(int p, int d, double rho) {
        this.p = p;
        this.d = d;
        this.rho = rho;
    }

    static Output run(Clustering cx, Clustering cy, int p, double blur, double rho, double diameter,
                      double scaling, Double truncate) {
        return new DenseMultiscaleReference(p, cx.points().dimension(), rho)
                .solve(cx, cy, blur, diameter, scaling, truncate);
    }

    private Output solve(Clustering cx, Clustering cy, double blur, double diameter, double scaling,
                         Double truncate) {
        double[] eps = EpsilonSchedule.geomloss(p, diameter, blur, scaling);
        int last = eps.length - 1;
        double coarse = Math.pow(cx.scale(), p);
        int jump = last;
        for (int t = 2; t < eps.length; t++) {
            if (coarse > eps[t]) {
                jump = t - 1;
                break;
            }
        }
        float[] xc = cx.centroids().coords();
        float[] yc = cy.centroids().coords();
        float[] xs = cx.points().coords();
        float[] ys = cy.points().coords();
        double[] laC = logs(cx.masses());
        double[] lbC = logs(cy.masses());
        double[][] cXY = costs(xc, yc);
        double[][] cYX = costs(yc, xc);
        double[][] cXX = costs(xc, xc);
        double[][] cYY = costs(yc, yc);
        double lambda = damping(eps[0]);
        double[] f = softmin(cXY, null, lbC, eps[0], lambda);
        double[] g = softmin(cYX, null, laC, eps[0], lambda);
        double[] fa = softmin(cXX, null, laC, eps[0], lambda);
        double[] gb = softmin(cYY, null, lbC, eps[0], lambda);
        for (int t = 0; t <= jump; t++) {
            double[][] next = step(cXY, cYX, cXX, cYY, null, null, null, null, laC, lbC, f, g, fa,
                    gb, eps[t]);
            f = next[0];
            g = next[1];
            fa = next[2];
            gb = next[3];
        }
        double[][] extXY = costs(xs, yc);
        double[][] extYX = costs(ys, xc);
        double[][] extXX = costs(xs, xc);
        double[][] extYY = costs(ys, yc);
        if (jump == last) {
            lambda = damping(eps[last]);
            double[] hb = logVector(lbC, g, eps[last]);
            double[] ha = logVector(laC, f, eps[last]);
            double[] haa = logVector(laC, fa, eps[last]);
            double[] hbb = logVector(lbC, gb, eps[last]);
            return new Output(softmin(extXY, null, hb, eps[last], lambda),
                    softmin(extYX, null, ha, eps[last], lambda),
                    softmin(extXX, null, haa, eps[last], lambda),
                    softmin(extYY, null, hbb, eps[last], lambda),
                    gradient(xs, yc, extXY, null, hb, eps[last], lambda),
                    gradient(ys, xc, extYX, null, ha, eps[last], lambda),
                    gradient(xs, xc, extXX, null, haa, eps[last], lambda),
                    gradient(ys, yc, extYY, null, hbb, eps[last], lambda), jump);
        }
        double margin = truncate == null ? Double.POSITIVE_INFINITY : truncate * eps[jump];
        boolean[][] keepXY = keep(f, g, cXY, margin);
        boolean[][] keepXX = keep(fa, fa, cXX, margin);
        boolean[][] keepYY = keep(gb, gb, cYY, margin);
        int[] labX = labels(cx);
        int[] labY = labels(cy);
        boolean[][] maskXY = fineMask(keepXY, labX, labY, false);
        boolean[][] maskYX = fineMask(keepXY, labY, labX, true);
        boolean[][] maskXX = fineMask(keepXX, labX, labX, false);
        boolean[][] maskYY = fineMask(keepYY, labY, labY, false);
        lambda = damping(eps[jump]);
        double[] fFine = softmin(extXY, null, logVector(lbC, g, eps[jump]), eps[jump], lambda);
        double[] gFine = softmin(extYX, null, logVector(laC, f, eps[jump]), eps[jump], lambda);
        double[] faFine = softmin(extXX, null, logVector(laC, fa, eps[jump]), eps[jump],
                lambda);
        double[] gbFine = softmin(extYY, null, logVector(lbC, gb, eps[jump]), eps[jump],
                lambda);
        double[][] fXY = costs(xs, ys);
        double[][] fYX = costs(ys, xs);
        double[][] fXX = costs(xs, xs);
        double[][] fYY = costs(ys, ys);
        double[] la = logs(cx.weights());
        double[] lb = logs(cy.weights());
        for (int t = jump + 1; t <= last; t++) {
            double[][] next = step(fXY, fYX, fXX, fYY, maskXY, maskYX, maskXX, maskYY, la, lb,
                    fFine, gFine, faFine, gbFine, eps[t]);
            fFine = next[0];
            gFine = next[1];
            faFine = next[2];
            gbFine = next[3];
        }
        double e = eps[last];
        lambda = damping(e);
        double[] hb = logVector(lb, gFine, e);
        double[] ha = logVector(la, fFine, e);
        double[] haa = logVector(la, faFine, e);
        double[] hbb = logVector(lb, gbFine, e);
        return new Output(softmin(fXY, maskXY, hb, e, lambda),
                softmin(fYX, maskYX, ha, e, lambda),
                softmin(fXX, maskXX, haa, e, lambda),
                softmin(fYY, maskYY, hbb, e, lambda),
                gradient(xs, ys, fXY, maskXY, hb, e, lambda),
                gradient(ys, xs, fYX, maskYX, ha, e, lambda),
                gradient(xs, xs, fXX, maskXX, haa, e, lambda),
                gradient(ys, ys, fYY, maskYY, hbb, e, lambda), jump);
    }

    /** One Jacobi step from the previous potentials, then the average. */
    private double[][] step(double[][] cXY, double[][] cYX, double[][] cXX, double[][] cYY,
                            boolean[][] mXY, boolean[][] mYX, boolean[][] mXX, boolean[][] mYY,
                            double[] la, double[] lb, double[] f, double[] g, double[] fa,
                            double[] gb, double eps) {
        double lambda = damping(eps);
        double[] nf = softmin(cXY, mXY, logVector(lb, g, eps), eps, lambda);
        double[] ng = softmin(cYX, mYX, logVector(la, f, eps), eps, lambda);
        double[] nfa = softmin(cXX, mXX, logVector(la, fa, eps), eps, lambda);
        double[] ngb = softmin(cYY, mYY, logVector(lb, gb, eps), eps, lambda);
        return new double[][] {average(f, nf), average(g, ng), average(fa, nfa), average(gb, ngb)};
    }

    private double damping(double eps) {
        return Double.isInfinite(rho) ? 1.0 : 1.0 / (1.0 + eps / rho);
    }

    /** {@code -lambda eps LSE_j(h_j - C_ij/eps)} over the unmasked j. */
    private static double[] softmin(double[][] c, boolean[][] mask, double[] h, double eps,
                                    double lambda) {
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = -lambda * eps * lse(c[i], mask == null ? null : mask[i], h, eps);
        }
        return out;
    }

    private static double lse(double[] row, boolean[] mask, double[] h, double eps) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < row.length; j++) {
            if (mask == null || mask[j]) {
                max = Math.max(max, h[j] - row[j] / eps);
            }
        }
        double sum = 0;
        for (int j = 0; j < row.length; j++) {
            if (mask == null || mask[j]) {
                sum += Math.exp(h[j] - row[j] / eps - max);
            }
        }
        return max + Math.log(sum);
    }

    /** {@code lambda sum_j P_ij grad_1 c(u_i, v_j)}, P the row soft-max of {@code h_j - C_ij/eps}. */
    private double[] gradient(float[] u, float[] v, double[][] c, boolean[][] mask, double[] h,
                              double eps, double lambda) {
        int n = c.length;
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            double l = lse(c[i], mask == null ? null : mask[i], h, eps);
            for (int j = 0; j < c[i].length; j++) {
                if (mask != null && !mask[i][j]) {
                    continue;
                }
                double w = Math.exp(h[j] - c[i][j] / eps - l);
                double r2 = 0;
                for (int k = 0; k < d; k++) {
                    double diff = (double) u[i * d + k] - v[j * d + k];
                    r2 += diff * diff;
                }
                double factor = p == 2 ? 1.0 : (r2 < 1e-8 ? 0.0 : 1.0 / Math.sqrt(r2));
                for (int k = 0; k < d; k++) {
                    out[i * d + k] += lambda * w * factor * ((double) u[i * d + k] - v[j * d + k]);
                }
            }
        }
        return out;
    }

    private double[][] costs(float[] u, float[] v) {
        int n = u.length / d;
        int m = v.length / d;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double r2 = 0;
                for (int k = 0; k < d; k++) {
                    double diff = (double) u[i * d + k] - v[j * d + k];
                    r2 += diff * diff;
                }
                c[i][j] = p == 2 ? r2 / 2 : Math.sqrt(Math.max(r2, 1e-8));
            }
        }
        return c;
    }

    private static boolean[][] keep(double[] f, double[] g, double[][] c, double margin) {
        boolean[][] keep = new boolean[f.length][g.length];
        for (int k = 0; k < f.length; k++) {
            for (int l = 0; l < g.length; l++) {
                keep[k][l] = f[k] + g[l] > c[k][l] - margin;
            }
        }
        return keep;
    }

    private static boolean[][] fineMask(boolean[][] keep, int[] rowLabels, int[] columnLabels,
                                        boolean transposed) {
        boolean[][] mask = new boolean[rowLabels.length][columnLabels.length];
        for (int i = 0; i < rowLabels.length; i++) {
            for (int j = 0; j < columnLabels.length; j++) {
                mask[i][j] = transposed ? keep[columnLabels[j]][rowLabels[i]]
                        : keep[rowLabels[i]][columnLabels[j]];
            }
        }
        return mask;
    }

    private static int[] labels(Clustering c) {
        int[] labels = new int[c.points().count()];
        for (int k = 0; k < c.clusterCount(); k++) {
            for (int s = c.clusterStarts()[k]; s < c.clusterStarts()[k + 1]; s++) {
                labels[s] = k;
            }
        }
        return labels;
    }

    private static double[] logs(double[] w) {
        double[] l = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            l[i] = w[i] > 0 ? Math.log(w[i]) : -100000.0;
        }
        return l;
    }

    private static double[] logVector(double[] logs, double[] potential, double eps) {
        double[] h = new double[logs.length];
        for (int j = 0; j < h.length; j++) {
            h[j] = logs[j] + potential[j] / eps;
        }
        return h;
    }

    private static double[] average(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = 0.5 * (a[i] + b[i]);
        }
        return out;
    }
}
