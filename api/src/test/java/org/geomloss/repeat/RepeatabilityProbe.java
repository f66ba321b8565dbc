package org.geomloss.repeat;

import java.util.Arrays;
import java.util.Random;
import org.geomloss.Backend;
import org.geomloss.Loss;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.ot.OT;
import org.geomloss.ot.OTResultSample;
import org.geomloss.ot.SampleOptions;

/**
 * Run in a fresh JVM by {@link RepeatabilityTest}: computes an energy distance, a Sinkhorn
 * divergence (online backend) and a float32 {@code OT.solveSample} three times each, in this order,
 * and prints one line per call, {@code <what> <call> <hex digest of every output bit>}. The first
 * calls run in the interpreter and C1, the later ones mostly in C2.
 */
public final class RepeatabilityProbe {

    private RepeatabilityProbe() {
    }

    public static void main(String[] args) {
        Random random = new Random(5);
        float[][] x = cloud(random, 300, 0.0f);
        float[][] y = cloud(random, 250, 0.3f);
        SamplesLoss energy = SamplesLoss.builder().loss(Loss.ENERGY).backend(Backend.ONLINE).build();
        SamplesLoss sinkhorn = SamplesLoss.builder().blur(0.05).backend(Backend.ONLINE).build();
        SampleOptions options = SampleOptions.blur(0.1).maxIter(40);
        for (int call = 1; call <= 3; call++) {
            print("energy", call, energy.valueAndGradients(Measure.of(x), Measure.of(y)));
            print("sinkhorn", call, sinkhorn.valueAndGradients(Measure.of(x), Measure.of(y)));
            OTResultSample ot = OT.solveSample(x, y, options);
            System.out.println("solveSample " + call + " " + digest(new double[] {ot.value()},
                    ot.potentialA(), ot.potentialB()));
        }
    }

    private static void print(String what, int call, LossGradients result) {
        System.out.println(what + " " + call + " " + digest(new double[] {result.value()},
                result.gradX(), result.gradY()));
    }

    /** The hash of every bit of the arrays, and the first value's bits. */
    private static String digest(double[]... arrays) {
        long hash = 17;
        for (double[] array : arrays) {
            for (double value : array) {
                hash = 31 * hash + Double.doubleToRawLongBits(value);
            }
        }
        return Long.toHexString(hash) + ":" + Double.toHexString(arrays[0][0]) + ":"
                + Arrays.stream(arrays).mapToInt(a -> a.length).sum();
    }

    private static float[][] cloud(Random random, int n, float shift) {
        float[][] points = new float[n][3];
        for (float[] point : points) {
            for (int k = 0; k < 3; k++) {
                point[k] = (float) random.nextDouble() + (k == 0 ? shift : 0f);
            }
        }
        return points;
    }
}
