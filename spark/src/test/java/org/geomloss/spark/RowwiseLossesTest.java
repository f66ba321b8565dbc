package org.geomloss.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.geomloss.LossGradients;
import org.geomloss.SamplesLoss;
import org.geomloss.ot.OT;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** Rowwise losses on a {@code local[2]} session against the single-machine computations. */
class RowwiseLossesTest {

    private static final LossSettings SINKHORN = LossSettings.builder().blur(0.05).build();
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("x", Clouds.NESTED.fields()[1].dataType())
            .add("y", new StructType()
                    .add("points", Clouds.NESTED.fields()[1].dataType())
                    .add("weights", DataTypes.createArrayType(DataTypes.DoubleType)));

    /** Rows r0..r(n-1): x = cloud 2k (uniform), y = cloud 2k+1 with its weights, as a struct. */
    private static Dataset<Row> table(List<Clouds.Cloud> clouds) {
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k + 1 < clouds.size(); k += 2) {
            Row x = clouds.get(k).row();
            Row y = clouds.get(k + 1).row();
            rows.add(RowFactory.create("r" + k / 2, x.get(1), RowFactory.create(y.get(1),
                    y.get(2))));
        }
        return LocalSpark.session().createDataFrame(rows, SCHEMA).repartition(3);
    }

    private static List<Clouds.Cloud> uniformX(List<Clouds.Cloud> clouds) {
        List<Clouds.Cloud> out = new ArrayList<>(clouds);
        for (int k = 0; k < out.size(); k += 2) {
            out.set(k, new Clouds.Cloud(out.get(k).id(), out.get(k).points(), null));
        }
        return out;
    }

    private static Clouds.Cloud cloud(List<Clouds.Cloud> clouds, Row row, int side) {
        int k = Integer.parseInt(row.getString(0).substring(1));
        return clouds.get(2 * k + side);
    }

    @Test
    void valuesGradientsAndOtEqualTheSingleMachineResultsBitwise() {
        List<Clouds.Cloud> clouds = uniformX(Clouds.random(12, 3, 11));
        OtSettings ot = OtSettings.blur(0.05).debias(true);
        List<Row> rows = RowwiseLosses.rowwise(table(clouds), "x", "y", SINKHORN,
                RowwiseRequest.value().withGradients().withOt(ot), JobOptions.defaults())
                .collectAsList();
        assertEquals(6, rows.size());
        SamplesLoss loss = SINKHORN.samplesLoss();
        for (Row row : rows) {
            Clouds.Cloud x = cloud(clouds, row, 0);
            Clouds.Cloud y = cloud(clouds, row, 1);
            LossGradients expected = loss.valueAndGradients(x.measure(), y.measure());
            assertEquals(Double.doubleToRawLongBits(expected.value()),
                    Double.doubleToRawLongBits(row.getAs("value")));
            List<scala.collection.Seq<Double>> gradX = row.getList(row.fieldIndex("grad_x"));
            assertEquals(x.points().length, gradX.size());
            double[] flat = gradX.stream().flatMap(p -> CollectionConverters.asJava(p).stream())
                    .mapToDouble(Double::doubleValue).toArray();
            assertArrayEquals(expected.gradX(), flat);
            assertArrayEquals(expected.gradB(), row.<Double>getList(row.fieldIndex("grad_b"))
                    .stream().mapToDouble(Double::doubleValue).toArray());
            var solved = OT.solveSample(x.points(), y.points(),
                    ot.sampleOptions(null, y.weights()));
            assertEquals(solved.value(), (double) row.getAs("ot_value"));
            assertEquals(solved.marginalError(), (double) row.getAs("ot_marginal_error"));
        }
    }

    @Test
    void theValueAloneEqualsSamplesLossValueBitwise() {
        List<Clouds.Cloud> clouds = uniformX(Clouds.random(8, 2, 12));
        SamplesLoss loss = SINKHORN.samplesLoss();
        for (Row row : RowwiseLosses.rowwise(table(clouds), "x", "y", SINKHORN).collectAsList()) {
            double expected = loss.value(cloud(clouds, row, 0).measure(),
                    cloud(clouds, row, 1).measure());
            assertEquals(Double.doubleToRawLongBits(expected),
                    Double.doubleToRawLongBits(row.getAs("value")), row.getString(0));
        }
    }

    private static Dataset<Row> withBadRow() {
        List<Clouds.Cloud> clouds = uniformX(Clouds.random(6, 2, 13));
        float[][] nan = clouds.get(2).points().clone();
        nan[0] = new float[] {0f, Float.POSITIVE_INFINITY};
        clouds.set(2, new Clouds.Cloud("bad", nan, null));
        return table(clouds);
    }

    @Test
    void aBadRowFailsTheJobWithTheRowAndTheReason() {
        Exception failure = assertThrows(Exception.class, () -> RowwiseLosses.rowwise(withBadRow(),
                "x", "y", SINKHORN).collectAsList());
        assertTrue(failure.getMessage().contains("cloud 'row 'r1'/x'")
                && failure.getMessage().contains("finite"), failure.getMessage());
    }

    @Test
    void theErrorColumnKeepsEveryRow() {
        List<Row> rows = RowwiseLosses.rowwise(withBadRow(), "x", "y", SINKHORN,
                RowwiseRequest.value().withGradients(), JobOptions.defaults()
                        .withErrors(ErrorPolicy.COLUMN)).collectAsList();
        assertEquals(3, rows.size());
        for (Row row : rows) {
            boolean bad = row.getString(0).equals("r1");
            assertEquals(bad, row.isNullAt(row.fieldIndex("value")));
            assertEquals(bad, row.isNullAt(row.fieldIndex("grad_x")));
            assertEquals(bad, !row.isNullAt(row.fieldIndex("error")), row.toString());
        }
    }

    @Test
    void missingColumnsAndBadOtSettingsAreRefusedOnTheDriver() {
        Dataset<Row> table = withBadRow();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RowwiseLosses.rowwise(table, "x", "z", SINKHORN));
        assertTrue(missing.getMessage().contains("column 'z' does not exist"),
                missing.getMessage());
        IllegalArgumentException notCloud = assertThrows(IllegalArgumentException.class,
                () -> RowwiseLosses.rowwise(table, "id", "y", SINKHORN));
        assertTrue(notCloud.getMessage().contains("column 'id'"), notCloud.getMessage());
        IllegalArgumentException redundant = assertThrows(IllegalArgumentException.class,
                () -> RowwiseLosses.rowwise(table, "x", "y", SINKHORN, RowwiseRequest.value()
                        .withOt(OtSettings.blur(0.05).reach(0.3).unbalanced(1.0)),
                        JobOptions.defaults()));
        assertTrue(redundant.getMessage().contains("redundant"), redundant.getMessage());
    }
}
