package org.geomloss;

import static org.geomloss.golden.Tolerance.relativeDifference;

import java.util.Arrays;
import java.util.Random;

/**
 * Issue "multiscale", first criterion on random problems: the Sinkhorn divergence (p = 2,
 * debiased, balanced, scaling 0.5, default {@code truncate = 5}) between two 3D clouds of N points
 * each, x uniform in the unit cube and y a Gaussian blob (mean 0.5, standard deviation 0.2 per
 * axis), uniform weights, computed by the multiscale and the online backends, both refined to
 * {@code tol} (default 1e-6), as in {@link MultiscaleAgreementTest}.
 *
 * <p>Usage: {@code MultiscaleAgreementRun blur[,blur...] N[,N...] [tol [D [reach]]]}: {@code tol}
 * {@code none} runs GeomLoss's fixed schedule (the extra iterations and errors then read 0 and NaN),
 * {@code D} is 2 or 3 (default 3), {@code reach} makes the problem unbalanced. Each line gives the
 * normwise relative differences (multiscale against online) of the value, the position gradients
 * and the weight gradients, which the golden float32 tolerances bound by 1e-4, 5e-4 and 1e-4, the
 * times of both backends, their extra iterations at {@code blur^p} and their final marginal
 * errors.
 */
public final class MultiscaleAgreementRun {

    private MultiscaleAgreementRun() {
    }

    public static void main(String[] args) {
        double[] blurs = Arrays.stream(args[0].split(",")).mapToDouble(Double::parseDouble).toArray();
        int[] sizes = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        Double tol = args.length <= 2 ? Double.valueOf(1e-6)
                : args[2].equals("none") ? null : Double.valueOf(args[2]);
        int d = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Double reach = args.length > 4 ? Double.valueOf(args[4]) : null;
        System.out.println("blur,N,value,multiscaleValue,valueDiff,gradXDiff,gradYDiff,gradADiff,gradBDiff,"
                + "multiscaleSeconds,onlineSeconds,multiscaleIterations,onlineIterations,"
                + "multiscaleError,onlineError");
        for (double blur : blurs) {
            for (int n : sizes) {
                run(blur, n, tol, d, reach);
            }
        }
    }

    private static void run(double blur, int n, Double tol, int d, Double reach) {
        Random random = new Random(n);
        float[][] x = new float[n][d];
        float[][] y = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int axis = 0; axis < d; axis++) {
                x[i][axis] = random.nextFloat();
                y[i][axis] = (float) (0.5 + 0.2 * random.nextGaussian());
            }
        }
        Measure a = Measure.of(x);
        Measure b = Measure.of(y);
        SamplesLoss.Builder builder = SamplesLoss.builder().p(2).blur(blur).scaling(0.5).tol(tol)
                .reach(reach);
        long start = System.nanoTime();
        LossGradients multiscale = builder.backend(Backend.MULTISCALE).build()
                .valueAndGradients(a, b);
        double multiscaleSeconds = (System.nanoTime() - start) * 1e-9;
        start = System.nanoTime();
        LossGradients online = builder.backend(Backend.ONLINE).build().valueAndGradients(a, b);
        double onlineSeconds = (System.nanoTime() - start) * 1e-9;
        System.out.printf("%.2f,%d,%.8f,%.8f,%.2e,%.2e,%.2e,%.2e,%.2e,%.1f,%.1f,%d,%d,%.1e,%.1e%n",
                blur, n, online.value(), multiscale.value(),
                Math.abs(multiscale.value() - online.value()) / Math.abs(online.value()),
                relativeDifference(online.gradX(), multiscale.gradX()),
                relativeDifference(online.gradY(), multiscale.gradY()),
                relativeDifference(online.gradA(), multiscale.gradA()),
                relativeDifference(online.gradB(), multiscale.gradB()), multiscaleSeconds,
                onlineSeconds, iterations(multiscale), iterations(online), error(multiscale),
                error(online));
    }

    private static int iterations(LossGradients result) {
        return result.refinement() == null ? 0 : result.refinement().iterations();
    }

    private static double error(LossGradients result) {
        return result.refinement() == null ? Double.NaN : result.refinement().marginalError();
    }
}
