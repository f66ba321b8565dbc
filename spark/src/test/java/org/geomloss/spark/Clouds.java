package org.geomloss.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.geomloss.Measure;

/** Random test clouds, as measures and as Spark tables. */
final class Clouds {

    /** The schema of a table with nested float points and double weights. */
    static final StructType NESTED = new StructType(new StructField[] {
        new StructField("id", DataTypes.StringType, true, Metadata.empty()),
        new StructField("points", DataTypes.createArrayType(
                DataTypes.createArrayType(DataTypes.FloatType)), true, Metadata.empty()),
        new StructField("weights", DataTypes.createArrayType(DataTypes.DoubleType), true,
                Metadata.empty())});

    /** One cloud: id, N x D points, weights (null: uniform). */
    record Cloud(String id, float[][] points, double[] weights) {

        Measure measure() {
            return Measure.of(points, weights);
        }

        Row row() {
            List<List<Float>> rows = new ArrayList<>();
            for (float[] point : points) {
                List<Float> row = new ArrayList<>();
                for (float value : point) {
                    row.add(value);
                }
                rows.add(row);
            }
            return RowFactory.create(id, rows,
                    weights == null ? null : Arrays.stream(weights).boxed().toList());
        }
    }

    private Clouds() {
    }

    /**
     * {@code count} clouds in dimension {@code d} with 5 to 40 points, centred at random places so
     * that the losses differ; every third one has random weights of total mass 1.
     */
    static List<Cloud> random(int count, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Cloud> clouds = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            int n = 5 + random.nextInt(36);
            float[][] points = new float[n][d];
            double shift = random.nextDouble();
            for (float[] point : points) {
                for (int k = 0; k < d; k++) {
                    point[k] = (float) (shift + 0.3 * random.nextGaussian());
                }
            }
            double[] weights = null;
            if (c % 3 == 2) {
                weights = new double[n];
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    weights[i] = 0.5 + random.nextDouble();
                    sum += weights[i];
                }
                for (int i = 0; i < n; i++) {
                    weights[i] /= sum;
                }
            }
            clouds.add(new Cloud(String.format("cloud-%03d", c), points, weights));
        }
        return clouds;
    }

    /** The clouds as a table with the columns id, points (nested), weights. */
    static Dataset<Row> table(List<Cloud> clouds) {
        return LocalSpark.session().createDataFrame(clouds.stream().map(Cloud::row).toList(),
                NESTED);
    }
}
