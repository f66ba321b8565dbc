package org.geomloss.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;

/**
 * Measures Spark's overhead on a pairwise job (not a unit test; run by hand, see BENCHMARKS.md):
 * K clouds of N random 3D points, Sinkhorn at blur 0.05, every pair i &lt; j computed by
 * {@link PairwiseLosses#pairwise} on {@code local[2]} and by a plain Java loop over the same pairs
 * with the same {@link SamplesLoss}, interleaved (loop, Spark, loop, Spark, ...). Prints each time,
 * the ratio Spark / loop, and the largest relative difference between the two sets of values.
 *
 * <p>Arguments: K (default 100), N (default 2000), rounds (default 2).
 */
public final class PairwiseOverheadRun {

    private PairwiseOverheadRun() {
    }

    public static void main(String[] args) {
        int clouds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("overhead")
                .config("spark.ui.enabled", false).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        List<float[][]> data = shapes(clouds, points, 7);
        List<Row> rows = new ArrayList<>();
        List<Measure> measures = new ArrayList<>();
        for (int c = 0; c < clouds; c++) {
            List<List<Float>> list = new ArrayList<>();
            for (float[] p : data.get(c)) {
                list.add(List.of(p[0], p[1], p[2]));
            }
            rows.add(RowFactory.create(String.format(Locale.ROOT, "c%04d", c), list));
            measures.add(Measure.of(data.get(c)));
        }
        StructType schema = new StructType().add("id", DataTypes.StringType).add("points",
                DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)));
        Dataset<Row> table = spark.createDataFrame(rows, schema).cache();
        table.count();
        LossSettings settings = LossSettings.builder().blur(0.05).build();
        SamplesLoss loss = settings.samplesLoss();
        for (int w = 0; w < 20; w++) {
            loss.value(measures.get(w % clouds), measures.get((w + 1) % clouds));
        }
        long pairs = (long) clouds * (clouds - 1) / 2;
        System.out.printf(Locale.ROOT, "%d clouds x %d points, %d pairs, blur 0.05, "
                + "kernel threads %d%n", clouds, points, pairs,
                org.geomloss.kernels.ComputePool.parallelism());
        double[] loopValues = new double[(int) pairs];
        double loopTotal = 0;
        double sparkTotal = 0;
        double maxDifference = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            int k = 0;
            for (int i = 0; i < clouds; i++) {
                for (int j = i + 1; j < clouds; j++) {
                    loopValues[k++] = loss.value(measures.get(i), measures.get(j));
                }
            }
            double loop = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            List<Row> result = PairwiseLosses.pairwise(table, settings).collectAsList();
            double sparkSeconds = (System.nanoTime() - start) / 1e9;
            for (Row row : result) {
                int i = Integer.parseInt(row.getString(0).substring(1));
                int j = Integer.parseInt(row.getString(1).substring(1));
                int index = i * clouds - i * (i + 1) / 2 + (j - i - 1);
                double expected = loopValues[index];
                maxDifference = Math.max(maxDifference,
                        Math.abs(row.getDouble(2) - expected) / Math.abs(expected));
            }
            if (result.size() != pairs) {
                throw new IllegalStateException(result.size() + " rows, expected " + pairs);
            }
            loopTotal += loop;
            sparkTotal += sparkSeconds;
            System.out.printf(Locale.ROOT, "round %d: loop %.1f s, spark local[2] %.1f s, ratio "
                    + "%.3f%n", round + 1, loop, sparkSeconds, sparkSeconds / loop);
        }
        System.out.printf(Locale.ROOT, "total: loop %.1f s (%.2f ms/pair), spark %.1f s (%.2f "
                        + "ms/pair), ratio %.3f, largest relative difference %.2e%n", loopTotal,
                1e3 * loopTotal / (rounds * pairs), sparkTotal, 1e3 * sparkTotal / (rounds * pairs),
                sparkTotal / loopTotal, maxDifference);
        spark.stop();
    }

    /** Anisotropic Gaussian blobs with random centres and axes, in [0, 1]^3 roughly. */
    private static List<float[][]> shapes(int count, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[][]> shapes = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            double[] centre = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
            double[] axes = {0.05 + 0.2 * random.nextDouble(), 0.05 + 0.2 * random.nextDouble(),
                0.05 + 0.2 * random.nextDouble()};
            float[][] points = new float[n][3];
            for (float[] p : points) {
                for (int k = 0; k < 3; k++) {
                    p[k] = (float) (centre[k] + axes[k] * random.nextGaussian());
                }
            }
            shapes.add(points);
        }
        return shapes;
    }
}
