package org.geomloss.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.geomloss.kernels.BlockSparsity;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.kernels.PointKernels;
import org.geomloss.kernels.RadialKernel;

/**
 * The float32 kernels of this JVM ({@code Kernels.jvm()}) against the float64 scalar kernels
 * ({@code Kernels.scalar()}) on the data of {@link SoftminBenchmark}: N = M = 10,000, D = 3,
 * {@code x} uniform in {@code [0,1]^3}, {@code y} in {@code [0.1,1.1] x [0,1]^2},
 * {@code h_j = -log M + 0.2 (u_j - 1/2) / eps}, eps = 0.01. The float32 kernels reduce every row;
 * {@value #ROWS} rows, evenly spaced, are compared. Prints, one line each:
 *
 * <ul>
 *   <li>the soft-min's largest error {@code max_i |out_i - ref_i| / eps};</li>
 *   <li>the soft-min gradient's (at the float64 soft-min) largest error per entry, relative to the
 *       row's largest gradient entry;</li>
 *   <li>the same two on a block-sparse structure like the multiscale backend's at 1,000,000 points
 *       (row blocks of 31 rows keeping 100 ranges of 25 columns each, at random places);</li>
 *   <li>for the Gaussian (sigma = 0.1), Laplacian (sigma = 0.1) and energy kernels, with the weights
 *       {@code w_j = (u_j - 0.3) / M}: the sums' and gradients' largest error relative to
 *       {@code sum_j |w_j| max k} (the largest value a row can reach: 1 for the exponential kernels,
 *       the diameter for the energy kernel) and to {@code sum_j |w_j| / sigma}.</li>
 * </ul>
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     org.geomloss.benchmarks.KernelAccuracy
 * </pre>
 */
public final class KernelAccuracy {

    private static final int N = 10_000;
    private static final int D = 3;
    private static final int ROWS = 48;
    private static final double EPS = 0.01;
    private static final double SIGMA = 0.1;
    private static final int SPARSE_ROWS = 31;
    private static final int SPARSE_RANGES = 100;
    private static final int SPARSE_LENGTH = 25;

    private KernelAccuracy() {
    }

    /** Runs the comparison; no arguments. */
    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(42);
        PointArray x = new PointArray(uniform(random, 0.0), N, D);
        PointArray y = new PointArray(uniform(random, 0.1), N, D);
        double[] h = new double[N];
        for (int j = 0; j < N; j++) {
            h[j] = -Math.log(N) + 0.2 * (random.nextDouble() - 0.5) / EPS;
        }
        double[] w = new double[N];
        double weightSum = 0.0;
        for (int j = 0; j < N; j++) {
            w[j] = (random.nextDouble() - 0.3) / N;
            weightSum += Math.abs(w[j]);
        }
        PointKernels fast = Kernels.jvm();
        PointKernels reference = Kernels.scalar();
        int step = N / ROWS;
        float[] rowCoords = new float[ROWS * D];
        for (int r = 0; r < ROWS; r++) {
            System.arraycopy(x.coords(), r * step * D, rowCoords, r * D, D);
        }
        PointArray rows = new PointArray(rowCoords, ROWS, D);
        System.out.printf(Locale.ROOT, "kernels %s against %s, N = M = %d, D = %d, %d rows%n",
                fast.name(), reference.name(), N, D, ROWS);

        GroundCost cost = GroundCost.HALF_SQUARED_EUCLIDEAN;
        double[] softmin = new double[N];
        fast.softmin(cost, x, y, h, EPS, BlockSparsity.dense(N, N), softmin);
        double[] softminReference = new double[ROWS];
        reference.softmin(cost, rows, y, h, EPS, BlockSparsity.dense(ROWS, N), softminReference);
        double softminError = 0.0;
        for (int r = 0; r < ROWS; r++) {
            softminError = Math.max(softminError, Math.abs(softmin[r * step] - softminReference[r]));
        }
        System.out.printf(Locale.ROOT, "softmin p=2 eps=%s: max |error| / eps = %.2e%n", EPS,
                softminError / EPS);

        double[] gradient = new double[N * D];
        double[] atReference = new double[N];
        for (int r = 0; r < ROWS; r++) {
            atReference[r * step] = softminReference[r];
        }
        fast.softminGradient(cost, x, y, h, EPS, atReference, BlockSparsity.dense(N, N), gradient);
        double[] gradientReference = new double[ROWS * D];
        reference.softminGradient(cost, rows, y, h, EPS, softminReference,
                BlockSparsity.dense(ROWS, N), gradientReference);
        System.out.printf(Locale.ROOT, "softmin gradient: max |error| / max |row entry| = %.2e%n",
                rowRelativeError(gradient, gradientReference, step));

        // the shape of the multiscale backend's blocks at 1,000,000 points
        BlockSparsity sparse = ReductionsBenchmark.randomBlocks(new SplittableRandom(43), N,
                SPARSE_ROWS, SPARSE_RANGES, SPARSE_LENGTH);
        double[] sparseSoftmin = new double[N];
        fast.softmin(cost, x, y, h, EPS, sparse, sparseSoftmin);
        double[] sparseReference = new double[ROWS];
        double[] sparseGradientReference = new double[ROWS * D];
        double sparseError = 0.0;
        for (int r = 0; r < ROWS; r++) {
            PointArray row = new PointArray(Arrays.copyOfRange(rowCoords, r * D, r * D + D), 1, D);
            BlockSparsity rowBlock = blockOf(sparse, r * step);
            double[] one = new double[1];
            reference.softmin(cost, row, y, h, EPS, rowBlock, one);
            sparseReference[r] = one[0];
            sparseError = Math.max(sparseError, Math.abs(sparseSoftmin[r * step] - one[0]));
            double[] oneGradient = new double[D];
            reference.softminGradient(cost, row, y, h, EPS, one, rowBlock, oneGradient);
            System.arraycopy(oneGradient, 0, sparseGradientReference, r * D, D);
        }
        System.out.printf(Locale.ROOT, "block-sparse softmin (row blocks of %d rows, %d ranges of"
                + " %d columns each): max |error| / eps = %.2e%n", SPARSE_ROWS, SPARSE_RANGES,
                SPARSE_LENGTH, sparseError / EPS);
        double[] sparseAtReference = new double[N];
        for (int r = 0; r < ROWS; r++) {
            sparseAtReference[r * step] = sparseReference[r];
        }
        fast.softminGradient(cost, x, y, h, EPS, sparseAtReference, sparse, gradient);
        System.out.printf(Locale.ROOT, "block-sparse softmin gradient: max |error| / max |row entry|"
                + " = %.2e%n", rowRelativeError(gradient, sparseGradientReference, step));

        for (RadialKernel kernel : RadialKernel.values()) {
            double sigma = kernel == RadialKernel.ENERGY ? 1.0 : SIGMA;
            double largestValue = kernel == RadialKernel.ENERGY ? Math.sqrt(D) * 1.1 : 1.0;
            double[] sums = new double[N];
            fast.kernelSum(kernel, sigma, x, y, w, sums);
            double[] sumsReference = new double[ROWS];
            reference.kernelSum(kernel, sigma, rows, y, w, sumsReference);
            double sumError = 0.0;
            for (int r = 0; r < ROWS; r++) {
                sumError = Math.max(sumError, Math.abs(sums[r * step] - sumsReference[r]));
            }
            double[] kernelGradient = new double[N * D];
            fast.kernelGradient(kernel, sigma, x, y, w, kernelGradient);
            double[] kernelGradientReference = new double[ROWS * D];
            reference.kernelGradient(kernel, sigma, rows, y, w, kernelGradientReference);
            double gradientError = 0.0;
            for (int r = 0; r < ROWS; r++) {
                for (int k = 0; k < D; k++) {
                    gradientError = Math.max(gradientError, Math.abs(
                            kernelGradient[r * step * D + k] - kernelGradientReference[r * D + k]));
                }
            }
            System.out.printf(Locale.ROOT, "%s sigma=%s: sum max |error| / (sum|w| max k) = %.2e,"
                    + " gradient max |error| / (sum|w| / sigma) = %.2e%n", kernel, sigma,
                    sumError / (weightSum * largestValue), gradientError / (weightSum / sigma));
        }
    }

    /** The kept ranges of row {@code i} of {@code blocks}, as a one-row structure. */
    private static BlockSparsity blockOf(BlockSparsity blocks, int i) {
        int k = 0;
        while (blocks.rowStarts()[k + 1] <= i) {
            k++;
        }
        int first = blocks.rangeOffsets()[k];
        int end = blocks.rangeOffsets()[k + 1];
        return new BlockSparsity(new int[] {0, 1}, new int[] {0, end - first},
                Arrays.copyOfRange(blocks.columnRanges(), 2 * first, 2 * end));
    }

    /** The largest {@code |a - b|} of an entry over the largest entry of its row in {@code b}. */
    private static double rowRelativeError(double[] all, double[] reference, int step) {
        double worst = 0.0;
        for (int r = 0; r < ROWS; r++) {
            double scale = 0.0;
            double error = 0.0;
            for (int k = 0; k < D; k++) {
                scale = Math.max(scale, Math.abs(reference[r * D + k]));
                error = Math.max(error, Math.abs(all[r * step * D + k] - reference[r * D + k]));
            }
            worst = Math.max(worst, error / scale);
        }
        return worst;
    }

    private static float[] uniform(SplittableRandom random, double firstAxisShift) {
        float[] coords = new float[N * D];
        for (int k = 0; k < coords.length; k++) {
            coords[k] = (float) (random.nextDouble() + (k % D == 0 ? firstAxisShift : 0.0));
        }
        return coords;
    }
}
