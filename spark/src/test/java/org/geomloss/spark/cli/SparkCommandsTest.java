package org.geomloss.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.io.ArrayFiles;
import org.geomloss.examples.io.NpyFormat;
import org.geomloss.examples.io.NumericMatrix;
import org.geomloss.examples.io.PointCloudInput;
import org.geomloss.spark.LocalSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pairwise and rowwise commands end to end on {@code local[2]}. */
class SparkCommandsTest {

    @TempDir
    Path folder;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void startSpark() {
        LocalSpark.session();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkCommands.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path clouds() throws IOException {
        Path clouds = Files.createDirectory(folder.resolve("clouds"));
        for (int c = 0; c < 4; c++) {
            double[] values = new double[20];
            for (int k = 0; k < values.length; k++) {
                values[k] = Math.sin(7.0 * k + c) + (c < 2 ? 0 : 3);
            }
            ArrayFiles.write(clouds.resolve("c" + c + ".npy"), NumericMatrix.of(10, 2, values),
                    NpyFormat.DType.FLOAT32);
        }
        return clouds;
    }

    @Test
    void pairwiseWritesTheCsvThePictureAndASummary() throws IOException {
        Path clouds = clouds();
        Path csv = folder.resolve("D.csv");
        Path png = folder.resolve("D.png");
        Run run = run("pairwise", clouds.toString(), "--out", csv.toString(), "--png",
                png.toString(), "--blur", "0.1", "--master", "local[2]");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("{\"command\": \"pairwise\", \"clouds\": 4, \"pairs\": 6"),
                run.out());
        assertTrue(run.err().contains("6 / 6 pairs (100.0%)"), run.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("id_x,id_y,value", lines.get(0));
        String c0c1 = lines.stream().filter(l -> l.startsWith("c0,c1,")).findFirst().orElseThrow();
        SamplesLoss loss = SamplesLoss.builder().blur(0.1).build();
        Measure x = PointCloudInput.read(clouds.resolve("c0.npy"), null, null);
        Measure y = PointCloudInput.read(clouds.resolve("c1.npy"), null, null);
        assertEquals(loss.value(x, y), Double.parseDouble(c0c1.substring(6)));
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void badInputStopsWithExitCodeTwoAndTheReason() throws IOException {
        Path clouds = clouds();
        Files.writeString(clouds.resolve("c9.csv"), "1,2\n3,nan\n", StandardCharsets.UTF_8);
        Run failed = run("pairwise", clouds.toString(), "--out",
                folder.resolve("D.parquet").toString(), "--master", "local[2]");
        assertEquals(2, failed.code(), failed.err());
        assertTrue(failed.err().contains("cloud 'c9'") && failed.err().contains("c9.csv: line 2"),
                failed.err());
        Run column = run("pairwise", clouds.toString(), "--out",
                folder.resolve("E.parquet").toString(), "--errors", "column");
        assertEquals(0, column.code(), column.err());
        assertTrue(column.out().contains("\"pairs\": 10, \"errors\": 4"), column.out());
        Run overwrite = run("pairwise", clouds.toString(), "--out",
                clouds.resolve("D.csv").toString());
        assertEquals(2, overwrite.code());
        assertTrue(overwrite.err().contains("would overwrite"), overwrite.err());
        Run device = run("pairwise", clouds.toString(), "--out",
                folder.resolve("F.csv").toString(), "--device", "opencl");
        assertEquals(2, device.code());
        assertTrue(device.err().contains("--device opencl"), device.err());
    }

    @Test
    void rowwiseAddsTheValueColumn() throws IOException {
        Path table = folder.resolve("T.parquet");
        LocalSpark.session().sql("select 'r' || cast(id as string) as id, "
                + "array(array(cast(id as float), 0f), array(1f, 1f)) as x, "
                + "array(array(0f, 0f), array(2f, cast(id as float))) as y from range(5)")
                .write().parquet(table.toString());
        Path out = folder.resolve("R.csv");
        Run run = run("rowwise", table.toString(), "--x", "x", "--y", "y", "--out",
                out.toString(), "--gradients", "--ot");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("\"rows\": 5"), run.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals("id,value,ot_value,ot_marginal_error", lines.get(0));
        assertEquals(6, lines.size());
    }
}
