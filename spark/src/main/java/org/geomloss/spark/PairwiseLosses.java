package org.geomloss.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.geomloss.SamplesLoss;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The loss between every pair of clouds of a table ({@link #pairwise}) or of two tables
 * ({@link #crossPairs}), as a Spark job: one row per pair with the columns {@value #ID_X},
 * {@value #ID_Y}, {@value #VALUE} and, with {@link ErrorPolicy#COLUMN}, {@value #ERROR}.
 *
 * <ul>
 *   <li>{@code pairwise}: each unordered pair of distinct clouds once ({@code n(n-1)/2} rows), x the
 *       cloud with the smaller id; the losses are symmetric, and the zero diagonal is not
 *       computed. Each value is {@code settings.samplesLoss().value(x, y)}, computed in one task by
 *       the same code as on a single machine, hence bitwise equal to it.</li>
 *   <li>The clouds are split into B blocks by the hash of their id; each task receives two blocks
 *       and computes the pairs between them ({@link BlockPairing}). By default B is the smallest
 *       with at least {@value #TASKS_PER_CORE} tasks per core of the cluster (and at most one block
 *       per cloud); {@link JobOptions#blocks()} sets it.</li>
 *   <li>A malformed cloud (see {@link CloudColumns}) or a pair the loss refuses fails the job with
 *       the cloud's id (or the pair's ids) and the reason, or, with {@link ErrorPolicy#COLUMN}, gives
 *       rows whose value is null and whose error says why. A null or duplicate id always fails the
 *       job. The number of rows is always the number of pairs.</li>
 * </ul>
 * The settings are validated on the driver before any job starts; the returned dataset is lazy
 * (computed by the action that uses it) apart from one job that counts the clouds. Stateless and
 * thread-safe.
 */
public final class PairwiseLosses {

    /** The column of the first cloud's id. */
    public static final String ID_X = "id_x";
    /** The column of the second cloud's id. */
    public static final String ID_Y = "id_y";
    /** The column of the loss. */
    public static final String VALUE = "value";
    /** The column of the reason a value is missing ({@link ErrorPolicy#COLUMN}). */
    public static final String ERROR = "error";
    private static final Logger LOG = LoggerFactory.getLogger(PairwiseLosses.class);
    /** Tasks per core the automatic block count aims at: enough to balance and report progress. */
    static final int TASKS_PER_CORE = 8;

    private PairwiseLosses() {
    }

    /** {@link #pairwise(Dataset, LossSettings, JobOptions)} with {@link JobOptions#defaults()}. */
    public static Dataset<Row> pairwise(Dataset<Row> clouds, LossSettings settings) {
        return pairwise(clouds, settings, JobOptions.defaults());
    }

    /**
     * The loss of every unordered pair of distinct clouds of {@code clouds}.
     *
     * @throws IllegalArgumentException if the table lacks the cloud columns (see
     *                                  {@link CloudColumns})
     */
    public static Dataset<Row> pairwise(Dataset<Row> clouds, LossSettings settings,
                                        JobOptions options) {
        Objects.requireNonNull(options, "options");
        CloudColumns columns = CloudColumns.ofTable("clouds", clouds.schema());
        settings.samplesLoss();
        int parallelism = parallelism(clouds);
        long count = clouds.count();
        int blocks = options.blocks() > 0 ? options.blocks() : selfBlocks(count, parallelism);
        BlockPairing pairing = new BlockPairing.Self(blocks);
        LOG.info("pairwise: {} clouds, {} pairs, {} blocks, {} tasks", count,
                count * (count - 1) / 2, blocks, pairing.tasks());
        return run(clouds.sparkSession(), pairing, routed(clouds, columns, 0, pairing), settings,
                options);
    }

    /** {@link #crossPairs(Dataset, Dataset, LossSettings, JobOptions)} with the default options. */
    public static Dataset<Row> crossPairs(Dataset<Row> left, Dataset<Row> right,
                                          LossSettings settings) {
        return crossPairs(left, right, settings, JobOptions.defaults());
    }

    /**
     * The loss between every cloud of {@code left} (x) and every cloud of {@code right} (y): one
     * row per (left, right) pair. A fixed {@link JobOptions#blocks()} applies to each table.
     */
    public static Dataset<Row> crossPairs(Dataset<Row> left, Dataset<Row> right,
                                          LossSettings settings, JobOptions options) {
        Objects.requireNonNull(options, "options");
        CloudColumns leftColumns = CloudColumns.ofTable("left clouds", left.schema());
        CloudColumns rightColumns = CloudColumns.ofTable("right clouds", right.schema());
        settings.samplesLoss();
        int side = options.blocks() > 0 ? options.blocks()
                : (int) Math.ceil(Math.sqrt((double) TASKS_PER_CORE * parallelism(left)));
        long leftCount = left.count();
        long rightCount = right.count();
        BlockPairing pairing = new BlockPairing.Cross((int) Math.max(1, Math.min(side, leftCount)),
                (int) Math.max(1, Math.min(side, rightCount)));
        LOG.info("crossPairs: {} x {} clouds, {} tasks", leftCount, rightCount, pairing.tasks());
        return run(left.sparkSession(), pairing, routed(left, leftColumns, 0, pairing)
                .union(routed(right, rightColumns, 1, pairing)), settings, options);
    }

    /** The schema of the result rows. */
    public static StructType schema(ErrorPolicy errors) {
        List<StructField> fields = new ArrayList<>(List.of(
                new StructField(ID_X, DataTypes.StringType, false, Metadata.empty()),
                new StructField(ID_Y, DataTypes.StringType, false, Metadata.empty()),
                new StructField(VALUE, DataTypes.DoubleType, true, Metadata.empty())));
        if (errors == ErrorPolicy.COLUMN) {
            fields.add(new StructField(ERROR, DataTypes.StringType, true, Metadata.empty()));
        }
        return DataTypes.createStructType(fields);
    }

    /** The smallest block count giving {@value #TASKS_PER_CORE} tasks per core, at most one block
     * per cloud. */
    static int selfBlocks(long clouds, int parallelism) {
        long target = (long) TASKS_PER_CORE * parallelism;
        int blocks = 1;
        while ((long) blocks * (blocks + 1) / 2 < target && blocks < clouds) {
            blocks++;
        }
        return blocks;
    }

    private static int parallelism(Dataset<Row> table) {
        return table.sparkSession().sparkContext().defaultParallelism();
    }

    private static JavaPairRDD<Integer, BlockPairing.Routed> routed(
            Dataset<Row> table, CloudColumns columns, int side, BlockPairing pairing) {
        String name = columns.name();
        return table.toJavaRDD().flatMapToPair(row -> {
            CloudRecord cloud = columns.record(CloudColumns.id(row, name), row);
            List<Tuple2<Integer, BlockPairing.Routed>> sent = new ArrayList<>();
            pairing.route(side, cloud, (task, routed) -> sent.add(new Tuple2<>(task, routed)));
            return sent.iterator();
        });
    }

    private static Dataset<Row> run(SparkSession spark, BlockPairing pairing,
                                    JavaPairRDD<Integer, BlockPairing.Routed> routed,
                                    LossSettings settings, JobOptions options) {
        ErrorPolicy errors = options.errors();
        LongAccumulator progress = options.progress();
        JavaRDD<Row> rows = routed.groupByKey(new HashPartitioner(pairing.tasks()))
                .flatMap(task -> {
                    SamplesLoss loss = settings.samplesLoss();
                    Iterator<BlockPairing.Pair> pairs = pairing.pairs(task._1(), task._2())
                            .iterator();
                    return new Iterator<Row>() {
                        @Override
                        public boolean hasNext() {
                            return pairs.hasNext();
                        }

                        @Override
                        public Row next() {
                            BlockPairing.Pair pair = pairs.next();
                            Row row = PairResult.compute(loss, pair.x(), pair.y()).row(errors);
                            if (progress != null) {
                                progress.add(1);
                            }
                            return row;
                        }
                    };
                });
        return spark.createDataFrame(rows, schema(errors));
    }
}
