package org.geomloss.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.geomloss.SamplesLoss;

/**
 * The loss between the two clouds of each row of a table, as a Spark job: the table's columns plus
 * {@value #VALUE}, and, as requested ({@link RowwiseRequest}), {@value #GRAD_X}, {@value #GRAD_Y}
 * ({@code array<array<double>>}, N x D and M x D), {@value #GRAD_A}, {@value #GRAD_B}
 * ({@code array<double>}), {@value #OT_VALUE} and {@value #OT_MARGINAL_ERROR}, and with
 * {@link ErrorPolicy#COLUMN} {@value #ERROR}.
 *
 * <ul>
 *   <li>The value is {@code settings.samplesLoss().value(x, y)} (or {@code valueAndGradients}
 *       when gradients are asked for), bitwise what a single machine computes; the ot value is
 *       {@code OT.solveSample} on the same float32 coordinates and weights.</li>
 *   <li>Cloud columns hold {@code array<array<float>>} or a struct (see {@link CloudColumns}).
 *       Messages name a row by its {@code id} column when the table has one, else by its
 *       partition and position.</li>
 *   <li>A malformed cloud or refused pair fails the job or, with {@link ErrorPolicy#COLUMN}, gives
 *       a row with null results and the reason. One output row per input row, in the same
 *       partitions and order.</li>
 * </ul>
 * Settings and columns are checked on the driver; the returned dataset is lazy. Stateless and
 * thread-safe.
 */
public final class RowwiseLosses {

    /** The column of the loss. */
    public static final String VALUE = "value";
    /** The column of the reason the results are missing ({@link ErrorPolicy#COLUMN}). */
    public static final String ERROR = "error";
    /** The column of {@code dL/dx}. */
    public static final String GRAD_X = "grad_x";
    /** The column of {@code dL/dy}. */
    public static final String GRAD_Y = "grad_y";
    /** The column of {@code dL/da}. */
    public static final String GRAD_A = "grad_a";
    /** The column of {@code dL/db}. */
    public static final String GRAD_B = "grad_b";
    /** The column of the ot value. */
    public static final String OT_VALUE = "ot_value";
    /** The column of the ot marginal error. */
    public static final String OT_MARGINAL_ERROR = "ot_marginal_error";

    private RowwiseLosses() {
    }

    /** The loss value of each row, failing on the first bad row. */
    public static Dataset<Row> rowwise(Dataset<Row> table, String xColumn, String yColumn,
                                       LossSettings settings) {
        return rowwise(table, xColumn, yColumn, settings, RowwiseRequest.value(),
                JobOptions.defaults());
    }

    /**
     * The loss of each row and what {@code request} asks for.
     *
     * @throws IllegalArgumentException if a column is missing or holds no clouds, the result
     *                                  columns already exist, or the ot settings are invalid
     */
    public static Dataset<Row> rowwise(Dataset<Row> table, String xColumn, String yColumn,
                                       LossSettings settings, RowwiseRequest request,
                                       JobOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        StructType input = table.schema();
        CloudColumn x = CloudColumn.of(input, xColumn);
        CloudColumn y = CloudColumn.of(input, yColumn);
        settings.samplesLoss();
        if (request.ot() != null) {
            request.ot().validate();
        }
        StructType output = schema(input, request, options.errors());
        boolean labelled = input.getFieldIndex(CloudColumns.ID).isDefined();
        ErrorPolicy errors = options.errors();
        LongAccumulator progress = options.progress();
        JavaRDD<Row> rows = table.toJavaRDD().mapPartitions(partition -> {
            SamplesLoss loss = settings.samplesLoss();
            int partitionId = TaskContext.getPartitionId();
            return new Iterator<Row>() {
                private long position;

                @Override
                public boolean hasNext() {
                    return partition.hasNext();
                }

                @Override
                public Row next() {
                    Row row = partition.next();
                    String label = labelled && !row.isNullAt(row.fieldIndex(CloudColumns.ID))
                            ? "row '" + row.get(row.fieldIndex(CloudColumns.ID)) + "'"
                            : "row " + position + " of partition " + partitionId;
                    position++;
                    RowResult result = RowResult.compute(loss, request, x.read(row, label),
                            y.read(row, label));
                    if (progress != null) {
                        progress.add(1);
                    }
                    return result.append(row, request, errors);
                }
            };
        });
        return table.sparkSession().createDataFrame(rows, output);
    }

    private static StructType schema(StructType input, RowwiseRequest request, ErrorPolicy errors) {
        List<StructField> fields = new ArrayList<>(List.of(input.fields()));
        DataType matrix = DataTypes.createArrayType(
                DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        DataType vector = DataTypes.createArrayType(DataTypes.DoubleType, false);
        add(fields, input, VALUE, DataTypes.DoubleType);
        if (errors == ErrorPolicy.COLUMN) {
            add(fields, input, ERROR, DataTypes.StringType);
        }
        if (request.gradients()) {
            add(fields, input, GRAD_X, matrix);
            add(fields, input, GRAD_Y, matrix);
            add(fields, input, GRAD_A, vector);
            add(fields, input, GRAD_B, vector);
        }
        if (request.ot() != null) {
            add(fields, input, OT_VALUE, DataTypes.DoubleType);
            add(fields, input, OT_MARGINAL_ERROR, DataTypes.DoubleType);
        }
        return DataTypes.createStructType(fields);
    }

    private static void add(List<StructField> fields, StructType input, String name,
                            DataType type) {
        if (input.getFieldIndex(name).isDefined()) {
            throw new IllegalArgumentException("the table already has a column '" + name
                    + "', which the results would shadow; rename it");
        }
        fields.add(new StructField(name, type, true, Metadata.empty()));
    }
}
