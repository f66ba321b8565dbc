package org.geomloss.multiscale;

import java.util.Arrays;
import java.util.Random;
import org.geomloss.kernels.ComputePool;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.SinkhornProgress;

/**
 * Size sweep of the multiscale Sinkhorn divergence (p = 2, debiased, balanced, truncate = 5, default
 * cluster scale, scaling 0.5) between two 3D clouds of N points each: x uniform in the unit cube, y a
 * Gaussian blob (mean 0.5, standard deviation 0.2 per axis), uniform weights 1/N. One run per size
 * computes the value and both position gradients ({@link FinalStep#gradient}).
 *
 * <p>Usage: {@code MultiscaleSweep blur[,blur...] N[,N...] [budgetSeconds [N[,N...]]]}: the sizes
 * run in order for each blur, and a blur's sweep stops after the first run longer than the budget
 * (default 300 s). Each run checks that the value is finite and non-negative and the gradients
 * finite. The optional last list names sizes for which only the grid clustering of both clouds is
 * timed.
 *
 * <p>Besides the time, each line gives the number of pairs the run's soft-mins evaluated (coarse
 * and fine; the dense extrapolation and gradients not counted) and the number the single-scale
 * online loop's soft-mins would evaluate on the same problem ({@code 4 N^2 (L + 1)}), whose ratio
 * is the work saved. The kept fractions are those of the final step. With {@code -Dbaseline=true} each size also runs that online loop, and the line
 * gives its time and the relative difference of the two values.
 */
public final class MultiscaleSweep {

    private MultiscaleSweep() {
    }

    public static void main(String[] args) {
        double[] blurs = Arrays.stream(args[0].split(",")).mapToDouble(Double::parseDouble).toArray();
        int[] sizes = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        double budget = args.length > 2 ? Double.parseDouble(args[2]) : 300;
        PointKernels kernels = Kernels.jvm();
        System.out.printf("kernels=%s threads=%d java=%s maxHeap=%dMiB%n", kernels.name(),
                ComputePool.parallelism(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        if (args.length > 3) {
            for (String size : args[3].split(",")) {
                timeClustering(Integer.parseInt(size));
            }
        }
        System.out.println("blur,N,clustersX,clustersY,L,J,keptXY,keptXX,keptYY,value,seconds,"
                + "pairs,onlinePairs,pairsPerSecond,onlineSeconds,valueDifference");
        for (double blur : blurs) {
            for (int n : sizes) {
                double seconds = run(kernels, blur, n);
                if (seconds > budget) {
                    break;
                }
            }
        }
    }

    private static void timeClustering(int n) {
        PointArray[] clouds = clouds(n);
        double[] weights = uniformWeights(n);
        long start = System.nanoTime();
        double scale = GridClustering.refinedScale(clouds[0], SinkhornReadout.diameter(clouds[0], clouds[1]));
        Clustering cx = GridClustering.cluster(clouds[0], weights, scale);
        Clustering cy = GridClustering.cluster(clouds[1], weights, scale);
        System.out.printf("clustering only: N=%d clusters %dx%d in %.2f s%n", n, cx.clusterCount(),
                cy.clusterCount(), (System.nanoTime() - start) * 1e-9);
    }

    private static PointArray[] clouds(int n) {
        Random random = new Random(n);
        float[] x = new float[3 * n];
        float[] y = new float[3 * n];
        for (int k = 0; k < 3 * n; k++) {
            x[k] = random.nextFloat();
            y[k] = (float) (0.5 + 0.2 * random.nextGaussian());
        }
        return new PointArray[] {new PointArray(x, n, 3), new PointArray(y, n, 3)};
    }

    private static double[] uniformWeights(int n) {
        double[] weights = new double[n];
        Arrays.fill(weights, 1.0 / n);
        return weights;
    }

    private static double run(PointKernels kernels, double blur, int n) {
        PointArray[] clouds = clouds(n);
        PointArray xs = clouds[0];
        PointArray ys = clouds[1];
        double[] weights = uniformWeights(n);
        double diameter = SinkhornReadout.diameter(xs, ys);
        long start = System.nanoTime();
        MultiscaleResult result = MultiscaleSinkhorn.solve(kernels, GroundCost.HALF_SQUARED_EUCLIDEAN, xs, weights, ys, weights,
                new MultiscaleSettings(MultiscalePlan.TWO_SCALE, 2, blur, Double.POSITIVE_INFINITY, diameter, 0.5, 5.0, null, null, true, true),
                SinkhornProgress.NONE);
        SinkhornReadout.Divergence divergence = SinkhornReadout.balancedDebiased(result, 3);
        double seconds = (System.nanoTime() - start) * 1e-9;
        check(divergence);
        MultiscaleResult.KeptPairs kept = result.keptPairs();
        int length = result.schedule().length;
        int jump = result.jumpIndex();
        double cx = result.x().clusterCount();
        double cy = result.y().clusterCount();
        double square = (double) n * n;
        double coarse = (2 * cx * cy + cx * cx + cy * cy) * (jump + 2);
        double pairs = coarse + kept.visitedPairs();
        double online = 4 * square * (length + 1);
        String baseline = Boolean.getBoolean("baseline")
                ? baseline(kernels, xs, ys, weights, blur, diameter, divergence.value()) : ",";
        System.out.printf("%.2f,%d,%d,%d,%d,%d,%.4f,%.4f,%.4f,%.6f,%.2f,%.3e,%.3e,%.3e,%s%n", blur,
                n, result.x().clusterCount(), result.y().clusterCount(), length, jump, kept.xy(),
                kept.xx(), kept.yy(), divergence.value(), seconds, pairs, online, pairs / seconds,
                baseline);
        return seconds;
    }

    /** Times the single-scale online loop; returns "seconds,relative value difference". */
    private static String baseline(PointKernels kernels, PointArray xs, PointArray ys,
                                   double[] weights, double blur, double diameter,
                                   double multiscaleValue) {
        long start = System.nanoTime();
        FinalStep step = SinkhornReadout.plainLoop(kernels, GroundCost.HALF_SQUARED_EUCLIDEAN, xs,
                weights, ys, weights, 2, blur, Double.POSITIVE_INFINITY, diameter, 0.5);
        SinkhornReadout.Divergence online = SinkhornReadout.balancedDebiased(step, weights,
                weights, 3);
        double seconds = (System.nanoTime() - start) * 1e-9;
        check(online);
        return String.format("%.2f,%.2e", seconds,
                Math.abs(multiscaleValue - online.value()) / Math.abs(online.value()));
    }

    private static void check(SinkhornReadout.Divergence divergence) {
        if (!(divergence.value() >= -1e-6) || Double.isInfinite(divergence.value())) {
            throw new IllegalStateException("bad value " + divergence.value());
        }
        for (double[] g : new double[][] {divergence.gradX(), divergence.gradY()}) {
            for (double v : g) {
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException("non-finite gradient");
                }
            }
        }
    }
}
