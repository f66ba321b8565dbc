package org.geomloss.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.geomloss.Loss;
import org.geomloss.SamplesLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pairwise losses on a {@code local[2]} session against a plain loop over the same pairs with the
 * single-machine {@link SamplesLoss}: same numbers bit for bit, every pair once.
 */
class PairwiseLossesTest {

    private static final LossSettings SINKHORN = LossSettings.builder().blur(0.05).build();

    /** The single-machine values, keyed "x|y", for every pair of ids x < y. */
    private static Map<String, Double> loop(List<Clouds.Cloud> clouds, SamplesLoss loss) {
        Map<String, Double> values = new HashMap<>();
        for (Clouds.Cloud x : clouds) {
            for (Clouds.Cloud y : clouds) {
                if (x.id().compareTo(y.id()) < 0) {
                    values.put(x.id() + "|" + y.id(), loss.value(x.measure(), y.measure()));
                }
            }
        }
        return values;
    }

    private static void assertBitwise(Map<String, Double> expected, List<Row> rows) {
        assertEquals(expected.size(), rows.size(), "one row per pair");
        Map<String, Double> actual = new HashMap<>();
        for (Row row : rows) {
            assertTrue(row.getString(0).compareTo(row.getString(1)) < 0, "id_x < id_y: " + row);
            assertNull(actual.put(row.getString(0) + "|" + row.getString(1), row.getDouble(2)),
                    "pair computed twice: " + row);
        }
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((pair, value) -> assertEquals(Double.doubleToRawLongBits(value),
                Double.doubleToRawLongBits(actual.get(pair)), pair + ": " + value + " vs "
                        + actual.get(pair)));
    }

    @ParameterizedTest(name = "{0} blocks (0: automatic)")
    @ValueSource(ints = {0, 1, 3, 7})
    void sinkhornEqualsTheSingleMachineLossBitwise(int blocks) {
        List<Clouds.Cloud> clouds = Clouds.random(13, 3, 1);
        List<Row> rows = PairwiseLosses.pairwise(Clouds.table(clouds), SINKHORN,
                JobOptions.defaults().withBlocks(blocks)).collectAsList();
        assertBitwise(loop(clouds, SINKHORN.samplesLoss()), rows);
    }

    @Test
    void otherLossesEqualTheSingleMachineLossBitwise() {
        List<Clouds.Cloud> clouds = Clouds.random(6, 2, 2);
        for (LossSettings settings : List.of(
                LossSettings.builder().loss(Loss.HAUSDORFF).blur(0.1).build(),
                LossSettings.builder().loss(Loss.ENERGY).build(),
                LossSettings.builder().reach(0.3).p(1).scaling(0.8).build())) {
            assertBitwise(loop(clouds, settings.samplesLoss()),
                    PairwiseLosses.pairwise(Clouds.table(clouds), settings).collectAsList());
        }
    }

    @Test
    void lossesAreSymmetricSoTheOrderOfAPairDoesNotMatter() {
        List<Clouds.Cloud> clouds = Clouds.random(5, 3, 3);
        SamplesLoss loss = SINKHORN.samplesLoss();
        for (Row row : PairwiseLosses.pairwise(Clouds.table(clouds), SINKHORN).collectAsList()) {
            Clouds.Cloud x = find(clouds, row.getString(0));
            Clouds.Cloud y = find(clouds, row.getString(1));
            assertEquals(loss.value(y.measure(), x.measure()), row.getDouble(2),
                    1e-6 * Math.abs(row.getDouble(2)) + 1e-9, row.toString());
        }
    }

    @Test
    void flatFloat64PointsGiveTheSameNumbersAsNestedFloat32Points() {
        List<Clouds.Cloud> clouds = Clouds.random(5, 3, 4);
        Dataset<Row> nested = Clouds.table(clouds);
        Dataset<Row> flat = nested.select(functions.col("id"),
                functions.flatten(functions.col("points")).cast("array<double>").as("points"),
                functions.lit(3).as("dimension"), functions.col("weights"));
        assertBitwise(loop(clouds, SINKHORN.samplesLoss()),
                PairwiseLosses.pairwise(flat, SINKHORN).collectAsList());
    }

    @Test
    void crossPairsGiveEveryLeftRightPairOnce() {
        List<Clouds.Cloud> left = Clouds.random(4, 2, 5);
        List<Clouds.Cloud> right = Clouds.random(3, 2, 6).stream()
                .map(c -> new Clouds.Cloud("r" + c.id(), c.points(), c.weights())).toList();
        SamplesLoss loss = SINKHORN.samplesLoss();
        List<Row> rows = PairwiseLosses.crossPairs(Clouds.table(left), Clouds.table(right),
                SINKHORN).collectAsList();
        assertEquals(12, rows.size());
        Map<String, Row> byPair = new HashMap<>();
        rows.forEach(row -> byPair.put(row.getString(0) + "|" + row.getString(1), row));
        for (Clouds.Cloud x : left) {
            for (Clouds.Cloud y : right) {
                Row row = byPair.get(x.id() + "|" + y.id());
                assertNotNull(row, x.id() + "|" + y.id());
                assertEquals(Double.doubleToRawLongBits(loss.value(x.measure(), y.measure())),
                        Double.doubleToRawLongBits(row.getDouble(2)));
            }
        }
    }

    /** Clouds 0..5 where cloud-001 has a NaN, cloud-003 no points, cloud-004 mass 2. */
    private static Dataset<Row> withBadClouds() {
        List<Clouds.Cloud> clouds = new ArrayList<>(Clouds.random(6, 2, 7));
        float[][] nan = clouds.get(1).points().clone();
        nan[2] = new float[] {Float.NaN, 0f};
        clouds.set(1, new Clouds.Cloud("cloud-001", nan, null));
        clouds.set(3, new Clouds.Cloud("cloud-003", new float[0][], null));
        double[] heavy = new double[clouds.get(4).points().length];
        java.util.Arrays.fill(heavy, 2.0 / heavy.length);
        clouds.set(4, new Clouds.Cloud("cloud-004", clouds.get(4).points(), heavy));
        return Clouds.table(clouds);
    }

    @Test
    void aBadCloudFailsTheJobWithItsIdAndTheReason() {
        Exception failure = assertThrows(Exception.class, () -> PairwiseLosses.pairwise(
                withBadClouds(), SINKHORN).collectAsList());
        String message = String.valueOf(failure.getMessage());
        assertTrue(message.contains("cloud 'cloud-001'") || message.contains("cloud 'cloud-003'")
                || message.contains("'cloud-004'"), message);
    }

    @Test
    void theErrorColumnKeepsEveryPairAndSaysWhy() {
        List<Row> rows = PairwiseLosses.pairwise(withBadClouds(), SINKHORN,
                JobOptions.defaults().withErrors(ErrorPolicy.COLUMN)).collectAsList();
        assertEquals(15, rows.size(), "6 clouds give 15 pairs, bad or not");
        int errors = 0;
        for (Row row : rows) {
            String x = row.getString(0);
            String y = row.getString(1);
            boolean bad = List.of(x, y).stream().anyMatch(
                    id -> id.equals("cloud-001") || id.equals("cloud-003"))
                    || List.of(x, y).contains("cloud-004");
            assertEquals(bad, row.isNullAt(2), row.toString());
            assertEquals(bad, !row.isNullAt(3), row.toString());
            if (bad) {
                errors++;
                String error = row.getString(3);
                if (x.equals("cloud-001") || y.equals("cloud-001")) {
                    assertTrue(error.contains("cloud 'cloud-001'") && error.contains("NaN")
                            || error.contains("cloud-003"), error);
                } else if (x.equals("cloud-003") || y.equals("cloud-003")) {
                    assertTrue(error.contains("cloud 'cloud-003': holds no points"), error);
                } else {
                    assertTrue(error.contains("pair (") && error.contains("cloud-004")
                            && error.contains("mass"), error);
                }
            }
        }
        assertEquals(5 + 4 + 3, errors, "pairs touching 001, 003 or 004");
    }

    @Test
    void duplicateIdsFailInEveryMode() {
        List<Clouds.Cloud> clouds = new ArrayList<>(Clouds.random(3, 2, 8));
        clouds.add(new Clouds.Cloud("cloud-000", clouds.get(1).points(), null));
        Exception failure = assertThrows(Exception.class, () -> PairwiseLosses.pairwise(
                Clouds.table(clouds), SINKHORN, JobOptions.defaults()
                        .withErrors(ErrorPolicy.COLUMN)).collectAsList());
        assertTrue(failure.getMessage().contains("id 'cloud-000' appears more than once"),
                failure.getMessage());
    }

    @Test
    void aTableWithoutPointsIsRefusedBeforeAnyJob() {
        Dataset<Row> table = LocalSpark.session().createDataFrame(
                List.of(RowFactory.create("a")), new org.apache.spark.sql.types.StructType()
                        .add("id", "string"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairwiseLosses.pairwise(table, SINKHORN));
        assertTrue(e.getMessage().contains("no 'points' column"), e.getMessage());
    }

    @Test
    void automaticBlocksAimAtEightTasksPerCoreAndAtMostOneBlockPerCloud() {
        assertEquals(6, PairwiseLosses.selfBlocks(1000, 2));
        assertEquals(3, PairwiseLosses.selfBlocks(3, 2));
        assertEquals(1, PairwiseLosses.selfBlocks(0, 2));
        assertEquals(40, PairwiseLosses.selfBlocks(1000, 100));
    }

    private static Clouds.Cloud find(List<Clouds.Cloud> clouds, String id) {
        return clouds.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
