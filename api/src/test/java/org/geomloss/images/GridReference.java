package org.geomloss.images;

import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.PointArray;
import org.geomloss.sinkhorn.SingleScale;
import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.DenseSoftmin;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.SinkhornProgress;
import org.geomloss.sinkhorn.SoftminOperator;
import org.geomloss.sinkhorn.SymmetricSinkhorn;

/**
 * The reference of the grid tests: the Sinkhorn divergence between the grid cells as weighted
 * samples, computed by the point-cloud machinery (dense cost matrix, {@link SymmetricSinkhorn} on one
 * scale, GeomLoss's schedule) and the value formulas of ALGORITHMS_SAMPLESLOSS.md section 5.8.
 * Coordinates are {@code u_k = k / n} with {@code n} the largest side; the diameter is the box
 * diagonal {@code sqrt(sum (n_k / n)^2)}.
 */
final class GridReference {

    private GridReference() {
    }

    static GridLossResult compute(double[] a, double[] b, int[] shape, int p, double blur,
                                  Double reach, double scaling, boolean debias) {
        return compute(a, b, shape, p, blur, reach, scaling, debias, 0);
    }

    /**
     * As above, with {@code extraIterations} more iterations at the final temperature, so that the
     * loop converges and the value is a smooth function of the weights.
     */
    static GridLossResult compute(double[] a, double[] b, int[] shape, int p, double blur,
                                  Double reach, double scaling, boolean debias,
                                  int extraIterations) {
        int n = 0;
        for (int size : shape) {
            n = Math.max(n, size);
        }
        int d = shape.length;
        int count = a.length;
        float[] coords = new float[count * d];
        for (int cell = 0; cell < count; cell++) {
            int rest = cell;
            for (int axis = d - 1; axis >= 0; axis--) {
                coords[cell * d + axis] = (float) ((rest % shape[axis]) / (double) n);
                rest /= shape[axis];
            }
        }
        PointArray points = new PointArray(coords, count, d);
        SoftminOperator op = p == 2
                ? DenseSoftmin.fromPoints(GroundCost.HALF_SQUARED_EUCLIDEAN, points, points,
                        org.geomloss.kernels.Precision.FLOAT32)
                : DenseSoftmin.fromMatrix(l1Matrix(coords, count, d), count, count);
        double diagonal = 0;
        for (int size : shape) {
            diagonal += (size / (double) n) * (size / (double) n);
        }
        double[] annealing = EpsilonSchedule.geomloss(p, Math.sqrt(diagonal), blur, scaling);
        double[] schedule = java.util.Arrays.copyOf(annealing, annealing.length + extraIterations);
        java.util.Arrays.fill(schedule, annealing.length, schedule.length,
                annealing[annealing.length - 1]);
        double rho = reach == null ? Double.POSITIVE_INFINITY : Math.pow(reach, p);
        SingleScale plan = SingleScale.of(debias
                ? new SymmetricSinkhorn.Operators(op, op, op, op)
                : new SymmetricSinkhorn.Operators(op, op, null, null), a, b);
        FinalStep last = AnnealingDriver.run(plan,
                AnnealingDriver.Settings.fixedSchedule(schedule, rho), SinkhornProgress.NONE)
                .finalStep();
        double eps = last.eps();
        double[] fba = last.fBA().potential();
        double[] gab = last.gAB().potential();
        double[] faa = debias ? last.fAA().potential() : null;
        double[] gbb = debias ? last.gBB().potential() : null;
        double[] gradA = new double[count];
        double[] gradB = new double[count];
        double value = 0;
        for (int i = 0; i < count; i++) {
            if (reach == null) {
                gradA[i] = fba[i] - (debias ? faa[i] : 0);
                gradB[i] = gab[i] - (debias ? gbb[i] : 0);
                value += a[i] * gradA[i] + b[i] * gradB[i];
            } else {
                double ta = (debias ? Math.exp(-faa[i] / rho) : 1) - Math.exp(-fba[i] / rho);
                double tb = (debias ? Math.exp(-gbb[i] / rho) : 1) - Math.exp(-gab[i] / rho);
                value += (rho + eps / 2) * (a[i] * ta + b[i] * tb);
                gradA[i] = (rho + eps) * ta - (debias ? 0 : eps / 2);
                gradB[i] = (rho + eps) * tb - (debias ? 0 : eps / 2);
            }
        }
        double[] potentialA = fba.clone();
        double[] potentialB = gab.clone();
        for (int i = 0; i < count && debias; i++) {
            potentialA[i] -= faa[i];
            potentialB[i] -= gbb[i];
        }
        return new GridLossResult(value, gradA, gradB, potentialA, potentialB);
    }

    private static double[] l1Matrix(float[] coords, int count, int d) {
        double[] matrix = new double[count * count];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < count; j++) {
                double distance = 0;
                for (int k = 0; k < d; k++) {
                    distance += Math.abs((double) coords[i * d + k] - coords[j * d + k]);
                }
                matrix[i * count + j] = distance;
            }
        }
        return matrix;
    }

    static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    /** A smooth random-looking positive density with {@code zeros} empty cells, mass 1. */
    static double[] density(int count, long seed, int zeros) {
        java.util.Random random = new java.util.Random(seed);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = 0.1 + random.nextDouble();
        }
        for (int k = 0; k < zeros; k++) {
            values[random.nextInt(count)] = 0;
        }
        double total = sum(values);
        for (int i = 0; i < count; i++) {
            values[i] /= total;
        }
        return values;
    }
}
