package org.geomloss.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.geomloss.Backend;
import org.geomloss.DualPotentials;
import org.geomloss.Loss;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.io.CsvFormat;
import org.geomloss.examples.io.NpyFormat;
import org.geomloss.examples.io.NumericMatrix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geomloss loss}: JSON equal to {@link SamplesLoss} on the same data, and clear errors. */
class LossCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Same code on the same data: only the order of parallel sums may differ. */
    private static final double SAME_COMPUTATION = 1e-12;

    @TempDir
    Path folder;

    private NumericMatrix x;
    private NumericMatrix y;
    private Path xFile;
    private Path yFile;

    @BeforeEach
    void writeClouds() {
        Random random = new Random(7);
        x = NumericMatrix.of(9, 2, random.doubles(18).toArray());
        y = NumericMatrix.of(7, 2, random.doubles(14).map(v -> v + 0.5).toArray());
        xFile = folder.resolve("x.npy");
        yFile = folder.resolve("y.csv");
        NpyFormat.write(xFile, x, NpyFormat.DType.FLOAT32);
        CsvFormat.write(yFile, y);
    }

    @Test
    void printsJsonWhoseValueIsSamplesLossOnTheSameData() throws IOException {
        CliRun run = CliRun.of("loss", xFile.toString(), yFile.toString(), "--blur", "0.1",
                "--reach", "0.5", "--scaling", "0.7");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(run.out());
        double expected = SamplesLoss.builder().blur(0.1).reach(0.5).scaling(0.7).build()
                .value(measure(x), measure(y));
        assertEquals(expected, json.get("value").asDouble(), SAME_COMPUTATION * Math.abs(expected));
        assertEquals("online", json.get("backend").asText(), "AUTO streams below the multiscale size");
        assertEquals(9, json.get("x").get("points").asInt());
        assertEquals(2, json.get("y").get("dimension").asInt());
        assertEquals(0.5, json.get("parameters").get("reach").asDouble());
        assertTrue(json.get("seconds").asDouble() >= 0);
        assertTrue(json.get("device").asText().startsWith("jvm"));
    }

    @Test
    void timesTheValueAloneOnRequest() throws IOException {
        CliRun run = CliRun.of("loss", xFile.toString(), yFile.toString(), "--value-only",
                "--repeat", "2", "--loss", "hausdorff");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(run.out());
        double expected = SamplesLoss.builder().loss(Loss.HAUSDORFF).build()
                .value(measure(x), measure(y));
        assertEquals(expected, json.get("value").asDouble(), SAME_COMPUTATION * Math.abs(expected));
        assertEquals("value", json.get("timed").asText());
        assertEquals(2, json.get("repeat").asInt());
        CliRun refused = CliRun.of("loss", xFile.toString(), yFile.toString(), "--value-only",
                "--grad-x", folder.resolve("g.npy").toString());
        assertEquals(2, refused.exitCode());
    }

    @Test
    void writesGradientsAndPotentialsOfTheLibrary() {
        Path gradX = folder.resolve("gx.npy");
        Path gradB = folder.resolve("gb.csv");
        Path potentialX = folder.resolve("f.npy");
        CliRun run = CliRun.of("loss", xFile.toString(), yFile.toString(), "--loss", "energy",
                "--grad-x", gradX.toString(), "--grad-b", gradB.toString(),
                "--potential-x", potentialX.toString());
        assertEquals(0, run.exitCode(), run.err());
        SamplesLoss loss = SamplesLoss.builder().loss(Loss.ENERGY).build();
        LossGradients expected = loss.valueAndGradients(measure(x), measure(y));
        DualPotentials potentials = loss.potentials(measure(x), measure(y));
        NumericMatrix writtenGradX = NpyFormat.read(gradX);
        assertEquals(9, writtenGradX.rows());
        assertEquals(2, writtenGradX.columns());
        assertArrayEquals(expected.gradX(), writtenGradX.values(), 1e-15);
        assertArrayEquals(expected.gradB(), CsvFormat.read(gradB).values(), 1e-15);
        NumericMatrix f = NpyFormat.read(potentialX);
        assertTrue(f.oneDimensional());
        assertArrayEquals(potentials.f(), f.values(), 1e-15);
    }

    @Test
    void honoursEveryGeomLossOption() throws IOException {
        CliRun debiased = CliRun.of("loss", xFile.toString(), yFile.toString(), "--p", "1",
                "--blur", "0.2", "--diameter", "3", "--backend", "online", "--truncate", "none");
        CliRun raw = CliRun.of("loss", xFile.toString(), yFile.toString(), "--p", "1",
                "--blur", "0.2", "--diameter", "3", "--backend", "online", "--no-debias");
        assertEquals(0, debiased.exitCode(), debiased.err());
        assertEquals(0, raw.exitCode(), raw.err());
        SamplesLoss.Builder builder = SamplesLoss.builder().p(1).blur(0.2).diameter(3.0)
                .backend(Backend.ONLINE);
        double expectedRaw = builder.debias(false).build().value(measure(x), measure(y));
        double expectedDebiased = builder.debias(true).build().value(measure(x), measure(y));
        JsonNode rawJson = JSON.readTree(raw.out());
        assertEquals("online", rawJson.get("backend").asText());
        assertEquals(expectedRaw, rawJson.get("value").asDouble(), 1e-12 * Math.abs(expectedRaw));
        assertEquals(expectedDebiased, JSON.readTree(debiased.out()).get("value").asDouble(),
                1e-12 * Math.abs(expectedDebiased));
        assertNotEquals(expectedRaw, expectedDebiased);
    }

    @Test
    void usesWeightsFromAFile() throws IOException {
        Path weights = folder.resolve("a.npy");
        double[] a = {0.3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05};
        NpyFormat.write(weights, NumericMatrix.vector(a), NpyFormat.DType.FLOAT64);
        CliRun run = CliRun.of("loss", xFile.toString(), yFile.toString(), "--x-weights",
                weights.toString(), "--loss", "gaussian", "--blur", "0.3");
        assertEquals(0, run.exitCode(), run.err());
        double expected = SamplesLoss.builder().loss(Loss.GAUSSIAN).blur(0.3).build()
                .value(Measure.ofFlat(x.values(), 9, 2, a), measure(y));
        assertEquals(expected, JSON.readTree(run.out()).get("value").asDouble(),
                1e-12 * Math.abs(expected));
    }

    @Test
    void namesBothFilesWhenDimensionsDiffer() throws IOException {
        Path threeD = folder.resolve("z.csv");
        Files.writeString(threeD, "1,2,3\n4,5,6\n");
        CliRun run = CliRun.of("loss", xFile.toString(), threeD.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(threeD + ": points of dimension 3 but " + xFile
                + " has points of dimension 2"), run.err());
    }

    @Test
    void namesTheWeightsFileOfTheWrongLength() throws IOException {
        Path weights = folder.resolve("w.csv");
        Files.writeString(weights, "1\n2\n");
        CliRun run = CliRun.of("loss", xFile.toString(), yFile.toString(), "--y-weights",
                weights.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(weights + ": 2 weights but " + yFile + " has 7 points"),
                run.err());
    }

    @Test
    void namesTheLineOfABadCsvAndAMissingFile() throws IOException {
        Path bad = folder.resolve("bad.csv");
        Files.writeString(bad, "1,2\n3,x4\n");
        CliRun run = CliRun.of("loss", xFile.toString(), bad.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(bad + ": line 2, field 2: 'x4' is not a number"), run.err());
        CliRun missing = CliRun.of("loss", folder.resolve("none.npy").toString(), yFile.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains(folder.resolve("none.npy") + ": no such file"),
                missing.err());
    }

    @Test
    void refusesBadOptionValuesNamingTheOption() {
        CliRun run = CliRun.of("loss", xFile.toString(), yFile.toString(), "--blur", "-1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("blur must be > 0 and finite, got -1.0"), run.err());
        CliRun loss = CliRun.of("loss", xFile.toString(), yFile.toString(), "--loss", "wasserstein");
        assertEquals(2, loss.exitCode());
        assertTrue(loss.err().contains("'wasserstein'"), loss.err());
    }

    @Test
    void namesTheDevice() throws IOException {
        CliRun jvm = CliRun.of("loss", xFile.toString(), yFile.toString(), "--device", "jvm");
        assertEquals(0, jvm.exitCode(), jvm.err());
        assertTrue(JSON.readTree(jvm.out()).get("device").asText().startsWith("jvm"));
        CliRun bogus = CliRun.of("loss", xFile.toString(), yFile.toString(), "--device", "tpu");
        assertEquals(2, bogus.exitCode());
        assertTrue(bogus.err().contains("--device: device 'tpu' is not one of jvm, opencl, "
                + "opencl:P:D, opencl:<name fragment>"), bogus.err());
        CliRun devices = CliRun.of("devices");
        assertEquals(0, devices.exitCode(), devices.err());
        String[] lines = devices.out().split("\\R");
        assertTrue(lines[0].startsWith("jvm "), devices.out());
        assertTrue(lines.length >= 2, devices.out());
        for (int k = 1; k < lines.length; k++) {
            // The tool ships the OpenCL artifact: a device, or a machine without a driver.
            assertTrue(lines[k].startsWith("opencl:") || lines[k].startsWith("OpenCL is unavailable: ")
                    && lines[k].contains("install an OpenCL driver"), lines[k]);
        }
    }

    @Test
    void helpDocumentsEveryGeomLossParameter() {
        CliRun run = CliRun.of("loss", "--help");
        assertEquals(0, run.exitCode());
        for (String option : new String[] {"--loss", "--p", "--blur", "--reach", "--diameter",
            "--scaling", "--truncate", "--cluster-scale", "--[no-]debias", "--backend", "--verbose",
            "--device",
            "--x-weights", "--x-weight-column", "--grad-x", "--potential-x", "--dtype"}) {
            assertTrue(run.out().contains(option), option + " missing from:\n" + run.out());
        }
    }

    private static Measure measure(NumericMatrix points) {
        return Measure.ofFlat(points.values(), points.rows(), points.columns(), null);
    }
}
