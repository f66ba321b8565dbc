package org.geomloss.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.kernels.ComputePool;

/**
 * Measures Spark's overhead on a pairwise job (not a unit test; run by hand, see BENCHMARKS.md):
 * K clouds of N random 3D points, Sinkhorn at blur 0.05, every pair i &lt; j computed by
 * {@link PairwiseLosses#pairwise} on {@code local[2]} and by a plain Java loop over the same pairs
 * with the same {@link SamplesLoss}, interleaved (loop, two-thread loop, Spark, loop, ...). The
 * two-thread loop computes the same pairs on two plain Java threads, as {@code local[2]} runs two
 * tasks at once: it separates what running two losses at once costs from what Spark costs. Prints
 * each time, the ratios to the loop, and the largest relative difference between the values.
 *
 * <p>Arguments: K (default 100), N (default 2000), rounds (default 2), kernel threads of each
 * Spark task (default: the loop's, the machine's core count; 1 is the cluster setting
 * {@code -Dgeomloss.threads=1}, one kernel thread per task as Spark runs one task per core).
 */
public final class PairwiseOverheadRun {

    private PairwiseOverheadRun() {
    }

    public static void main(String[] args) {
        int clouds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int loopThreads = ComputePool.parallelism();
        int taskThreads = args.length > 3 ? Integer.parseInt(args[3]) : loopThreads;
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
                + "kernel threads: loop %d, each Spark task %d%n", clouds, points, pairs,
                loopThreads, taskThreads);
        double[] loopValues = new double[(int) pairs];
        double loopTotal = 0;
        double twoThreadTotal = 0;
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
            twoThreads(loss, measures, loopValues);
            double twoThreadLoop = (System.nanoTime() - start) / 1e9;
            ComputePool.setParallelism(taskThreads);
            TaskTimes tasks = new TaskTimes();
            spark.sparkContext().addSparkListener(tasks);
            start = System.nanoTime();
            List<Row> result = PairwiseLosses.pairwise(table, settings).collectAsList();
            double sparkSeconds = (System.nanoTime() - start) / 1e9;
            ComputePool.setParallelism(loopThreads);
            spark.sparkContext().removeSparkListener(tasks);
            System.out.printf(Locale.ROOT, "  spark tasks: %d, run time %.1f s, cpu time %.1f s, "
                    + "gc %.1f s, slots busy %.0f%% of the wall time%n", tasks.count.get(),
                    tasks.runMillis.get() / 1e3, tasks.cpuNanos.get() / 1e9, tasks.gcMillis.get() / 1e3,
                    100.0 * tasks.runMillis.get() / 1e3 / (2 * sparkSeconds));
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
            twoThreadTotal += twoThreadLoop;
            sparkTotal += sparkSeconds;
            System.out.printf(Locale.ROOT, "round %d: loop %.1f s, two-thread loop %.1f s, spark "
                    + "local[2] %.1f s; spark / loop %.3f, spark / two-thread loop %.3f%n",
                    round + 1, loop, twoThreadLoop, sparkSeconds, sparkSeconds / loop,
                    sparkSeconds / twoThreadLoop);
        }
        System.out.printf(Locale.ROOT, "total: loop %.1f s (%.2f ms/pair), two-thread loop %.1f s, "
                        + "spark %.1f s (%.2f ms/pair); spark / loop %.3f, spark / two-thread loop "
                        + "%.3f, largest relative difference %.2e%n", loopTotal,
                1e3 * loopTotal / (rounds * pairs), twoThreadTotal, sparkTotal,
                1e3 * sparkTotal / (rounds * pairs), sparkTotal / loopTotal,
                sparkTotal / twoThreadTotal, maxDifference);
        spark.stop();
    }

    /** Sums the metrics of the tasks that end while it listens. */
    private static final class TaskTimes extends SparkListener {
        final AtomicLong count = new AtomicLong();
        final AtomicLong runMillis = new AtomicLong();
        final AtomicLong cpuNanos = new AtomicLong();
        final AtomicLong gcMillis = new AtomicLong();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                count.incrementAndGet();
                runMillis.addAndGet(end.taskMetrics().executorRunTime());
                cpuNanos.addAndGet(end.taskMetrics().executorCpuTime());
                gcMillis.addAndGet(end.taskMetrics().jvmGCTime());
            }
        }
    }

    /** The pairs i &lt; j of the loop, on two threads taking rows i alternately. */
    private static void twoThreads(SamplesLoss loss, List<Measure> measures, double[] check) {
        int clouds = measures.size();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int first = t;
            threads[t] = new Thread(() -> {
                for (int i = first; i < clouds; i += 2) {
                    for (int j = i + 1; j < clouds; j++) {
                        double value = loss.value(measures.get(i), measures.get(j));
                        if (value != check[i * clouds - i * (i + 1) / 2 + (j - i - 1)]) {
                            throw new IllegalStateException("pair " + i + ", " + j);
                        }
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
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
