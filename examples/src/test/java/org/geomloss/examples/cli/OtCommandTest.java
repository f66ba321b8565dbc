package org.geomloss.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.geomloss.examples.data.Coordinates;
import org.geomloss.examples.io.CsvFormat;
import org.geomloss.examples.io.NpyFormat;
import org.geomloss.examples.io.NumericMatrix;
import org.geomloss.ot.OT;
import org.geomloss.ot.OTResult;
import org.geomloss.ot.SampleOptions;
import org.geomloss.ot.SolveOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geomloss ot}: JSON and files equal to the ot API on the same data, and clear errors. */
class OtCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private double[][] x;
    private double[][] y;
    private Path xFile;
    private Path yFile;

    @BeforeEach
    void writeClouds() {
        Random random = new Random(3);
        x = new double[6][2];
        y = new double[5][2];
        for (double[] row : x) {
            row[0] = random.nextDouble();
            row[1] = random.nextDouble();
        }
        for (double[] row : y) {
            row[0] = random.nextDouble() + 0.3;
            row[1] = random.nextDouble();
        }
        xFile = folder.resolve("x.npy");
        yFile = folder.resolve("y.csv");
        NpyFormat.write(xFile, flat(x), NpyFormat.DType.FLOAT64);
        CsvFormat.write(yFile, flat(y));
    }

    @Test
    void solvesSamplesAsTheOtApiAndWritesThePlan() throws IOException {
        Path plan = folder.resolve("plan.npy");
        Path f = folder.resolve("f.npy");
        CliRun run = CliRun.of("ot", xFile.toString(), yFile.toString(), "--blur", "0.2",
                "--reach", "0.5", "--plan", plan.toString(), "--potential-a", f.toString());
        assertEquals(0, run.exitCode(), run.err());
        OTResult expected = OT.solveSample(x, y, SampleOptions.blur(0.2).reach(0.5));
        JsonNode json = JSON.readTree(run.out());
        assertEquals(expected.value(), json.get("value").asDouble(), 1e-12);
        assertEquals("solve_sample", json.get("solver").asText());
        assertEquals(expected.iterations(), json.get("iterations").asInt());
        assertEquals(2 * 0.5 * 0.5, json.get("unbalanced").asDouble(), 1e-15);
        NumericMatrix writtenPlan = NpyFormat.read(plan);
        assertEquals(6, writtenPlan.rows());
        assertEquals(5, writtenPlan.columns());
        double[][] expectedPlan = expected.plan();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(expectedPlan[i][j], writtenPlan.get(i, j), 1e-15);
            }
        }
        assertArrayEquals(expected.potentialA(), NpyFormat.read(f).values(), 1e-12);
    }

    @Test
    void solvesACostMatrixAsTheOtApi() throws IOException {
        double[][] cost = {{0, 1, 4}, {1, 0, 1}};
        Path file = folder.resolve("c.csv");
        CsvFormat.write(file, NumericMatrix.of(2, 3, new double[] {0, 1, 4, 1, 0, 1}));
        Path b = folder.resolve("b.csv");
        CsvFormat.write(b, NumericMatrix.vector(new double[] {0.2, 0.5, 0.3}));
        CliRun run = CliRun.of("ot", "--cost-matrix", file.toString(), "--reg", "0.1",
                "--y-weights", b.toString());
        assertEquals(0, run.exitCode(), run.err());
        OTResult expected = OT.solve(cost, SolveOptions.reg(0.1).b(new double[] {0.2, 0.5, 0.3}));
        JsonNode json = JSON.readTree(run.out());
        assertEquals("solve", json.get("solver").asText());
        assertEquals(expected.value(), json.get("value").asDouble(), 1e-12);
        assertTrue(json.get("unbalanced").isNull(), "balanced OT has rho = infinity: null");
    }

    @Test
    void explainsWhatIsMissing() {
        CliRun none = CliRun.of("ot", "--blur", "0.1");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("give either two point clouds X Y or --cost-matrix C"),
                none.err());
        CliRun noReg = CliRun.of("ot", "--cost-matrix", xFile.toString());
        assertEquals(2, noReg.exitCode());
        assertTrue(noReg.err().contains("--cost-matrix needs --reg"), noReg.err());
        CliRun one = CliRun.of("ot", xFile.toString(), "--blur", "0.1");
        assertEquals(2, one.exitCode());
        assertTrue(one.err().contains("got only " + xFile), one.err());
    }

    private static NumericMatrix flat(double[][] rows) {
        return NumericMatrix.of(rows.length, rows[0].length, Coordinates.flatten(rows));
    }
}
