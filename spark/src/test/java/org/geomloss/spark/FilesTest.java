package org.geomloss.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.io.ArrayFiles;
import org.geomloss.examples.io.NpyFormat;
import org.geomloss.examples.io.NumericMatrix;
import org.geomloss.examples.io.PointCloudInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder reader and the Parquet/CSV writer. */
class FilesTest {

    @TempDir
    Path folder;

    private Path cloudFolder() throws IOException {
        Path clouds = Files.createDirectory(folder.resolve("clouds"));
        List<Clouds.Cloud> random = Clouds.random(4, 2, 21);
        for (int c = 0; c < random.size(); c++) {
            float[][] points = random.get(c).points();
            double[] values = new double[points.length * 2];
            for (int i = 0; i < points.length; i++) {
                values[2 * i] = points[i][0] + 0.1;
                values[2 * i + 1] = points[i][1] / 3.0;
            }
            String name = "shape" + c + (c % 2 == 0 ? ".npy" : ".csv");
            ArrayFiles.write(clouds.resolve(name), NumericMatrix.of(points.length, 2, values),
                    NpyFormat.DType.FLOAT64);
        }
        Files.writeString(clouds.resolve("broken.csv"), "x,y\n1,2\n3,abc\n",
                StandardCharsets.UTF_8);
        Files.writeString(clouds.resolve("notes.txt"), "not a cloud", StandardCharsets.UTF_8);
        return clouds;
    }

    @Test
    void aFolderGivesOneCloudPerFileWithTheCommandLinesParsingAndMessages() throws IOException {
        Path clouds = cloudFolder();
        Map<String, Row> rows = CloudReaders.folder(LocalSpark.session(), clouds).collectAsList()
                .stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
        assertEquals(List.of("broken", "shape0", "shape1", "shape2", "shape3"),
                rows.keySet().stream().sorted().toList());
        assertEquals(clouds.resolve("broken.csv").toAbsolutePath()
                        + ": line 3, field 2: 'abc' is not a number",
                rows.get("broken").getString(4));
        assertNull(rows.get("shape1").get(4));
        LossSettings settings = LossSettings.defaults();
        SamplesLoss loss = settings.samplesLoss();
        Measure x = PointCloudInput.read(clouds.resolve("shape0.npy"), null, null);
        Measure y = PointCloudInput.read(clouds.resolve("shape1.csv"), null, null);
        Row pair = PairwiseLosses.pairwise(CloudReaders.folder(LocalSpark.session(), clouds)
                        .filter("id like 'shape%'"), settings).filter("id_x = 'shape0' and id_y = "
                        + "'shape1'").first();
        assertEquals(Double.doubleToRawLongBits(loss.value(x, y)),
                Double.doubleToRawLongBits(pair.getDouble(2)), "same as geomloss loss X Y");
    }

    @Test
    void aFolderWithoutCloudsIsRefused() throws IOException {
        Path empty = Files.createDirectory(folder.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CloudReaders.folder(LocalSpark.session(), empty));
        assertTrue(e.getMessage().endsWith("holds no .npy or .csv file"), e.getMessage());
    }

    @Test
    void csvAndParquetOutputsAreWrittenWholeAndReplaceOnlyWhenComplete() throws IOException {
        Dataset<Row> pairs = PairwiseLosses.pairwise(Clouds.table(Clouds.random(4, 2, 22)),
                LossSettings.defaults(), JobOptions.defaults().withErrors(ErrorPolicy.COLUMN));
        Path csv = folder.resolve("D.csv");
        Files.writeString(csv, "old", StandardCharsets.UTF_8);
        TableWriter.write(pairs, csv.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("id_x,id_y,value,error", lines.get(0));
        assertEquals(7, lines.size(), "header and 6 pairs");
        Path parquet = folder.resolve("D.parquet");
        TableWriter.write(pairs, parquet.toString());
        assertEquals(6, TableWriter.read(LocalSpark.session(), parquet.toString()).count());
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of("D.csv", "D.parquet"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left");
        }
        Dataset<Row> failing = PairwiseLosses.pairwise(Clouds.table(List.of(
                new Clouds.Cloud("a", new float[][] {{0f, Float.NaN}}, null),
                new Clouds.Cloud("b", new float[][] {{0f, 1f}}, null))), LossSettings.defaults());
        assertThrows(Exception.class, () -> TableWriter.write(failing, csv.toString()));
        assertEquals(lines, Files.readAllLines(csv), "a failed job leaves the output as it was");
        try (Stream<Path> left = Files.list(folder)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().contains(".tmp-")
                    || p.getFileName().toString().contains(".old-")));
        }
    }

    @Test
    void anUnknownOutputTypeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableWriter.Format.of("D.json"));
        assertTrue(e.getMessage().contains("D.json: unknown output type"), e.getMessage());
    }
}
