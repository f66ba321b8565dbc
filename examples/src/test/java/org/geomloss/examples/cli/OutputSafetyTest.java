package org.geomloss.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.draw.PngFiles;
import org.geomloss.examples.gallery.GallerySetting;
import org.geomloss.examples.io.CsvFormat;
import org.geomloss.examples.io.NpyFormat;
import org.geomloss.examples.io.NumericMatrix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes files refuses, with exit code 2 and before any work, an output that is
 * one of its inputs however it is named (same name, {@code ./x}, {@code sub/../x}, a symbolic link,
 * a hard link) and two outputs that are one file; the inputs stay byte for byte as they were.
 */
class OutputSafetyTest {

    @TempDir
    Path folder;

    private Path xFile;
    private Path yFile;
    private Path weights;
    private Path cost;
    private final List<Path> inputs = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    @BeforeEach
    void writeInputs() throws IOException {
        Random random = new Random(3);
        xFile = input(folder.resolve("x.npy"));
        NpyFormat.write(xFile, NumericMatrix.of(6, 2, random.doubles(12).toArray()),
                NpyFormat.DType.FLOAT64);
        yFile = input(folder.resolve("y.csv"));
        CsvFormat.write(yFile, NumericMatrix.of(5, 2, random.doubles(10).toArray()));
        weights = input(folder.resolve("a.csv"));
        CsvFormat.write(weights, NumericMatrix.vector(new double[] {0.1, 0.2, 0.3, 0.2, 0.1, 0.1}));
        cost = input(folder.resolve("C.npy"));
        NpyFormat.write(cost, NumericMatrix.of(6, 5, random.doubles(30).toArray()),
                NpyFormat.DType.FLOAT32);
        Files.createDirectories(folder.resolve("sub"));
        for (Path input : inputs) {
            contents.add(Files.readAllBytes(input));
        }
    }

    private Path input(Path file) {
        inputs.add(file);
        return file;
    }

    @Test
    void lossRefusesAGradientOntoThePointsFileByTheSameName() throws IOException {
        assertRefused(CliRun.of("loss", xFile.toString(), yFile.toString(), "--grad-x",
                xFile.toString()), "--grad-x " + xFile, "X " + xFile);
    }

    @Test
    void lossRefusesAnOutputSpelledDifferently() throws IOException {
        String dotted = folder.resolve(".").resolve("x.npy").toString();
        assertRefused(CliRun.of("loss", xFile.toString(), yFile.toString(), "--grad-y", dotted),
                "--grad-y " + dotted, "X " + xFile);
        String upAndDown = folder.resolve("sub").resolve("..").resolve("y.csv").toString();
        assertRefused(CliRun.of("loss", xFile.toString(), yFile.toString(), "--potential-y",
                upAndDown), "--potential-y " + upAndDown, "Y " + yFile);
    }

    @Test
    void lossRefusesTheWeightGradientOntoTheWeightsFile() throws IOException {
        assertRefused(CliRun.of("loss", xFile.toString(), yFile.toString(), "--x-weights",
                weights.toString(), "--grad-a", weights.toString()), "--grad-a " + weights,
                "--x-weights " + weights);
    }

    @Test
    void lossRefusesASymbolicLinkAndAHardLinkToAnInput() throws IOException {
        Path symbolic = Files.createSymbolicLink(folder.resolve("link.npy"), xFile);
        assertRefused(CliRun.of("loss", xFile.toString(), yFile.toString(), "--grad-x",
                symbolic.toString()), "--grad-x " + symbolic, "X " + xFile);
        Path hard = Files.createLink(folder.resolve("hard.csv"), yFile);
        assertRefused(CliRun.of("loss", xFile.toString(), yFile.toString(), "--potential-x",
                hard.toString()), "--potential-x " + hard, "Y " + yFile);
    }

    @Test
    void lossRefusesTwoOutputsThatAreOneFile() throws IOException {
        Path gradient = folder.resolve("g.npy");
        String sameGradient = folder.resolve("sub").resolve("..").resolve("g.npy").toString();
        assertRefused(CliRun.of("loss", xFile.toString(), yFile.toString(), "--grad-x",
                gradient.toString(), "--grad-y", sameGradient), "--grad-x " + gradient,
                "--grad-y " + sameGradient);
        assertFalse(Files.exists(gradient), "nothing is written");
    }

    @Test
    void otRefusesThePlanOntoATargetCloudBeforeSolving() throws IOException {
        Path other = Files.createSymbolicLink(folder.resolve("sub").resolve("y-link.csv"), yFile);
        CliRun run = CliRun.of("ot", xFile.toString(), yFile.toString(), "--blur", "0.1",
                "--reg", "0.5", "--plan", other.toString());
        assertRefused(run, "--plan " + other, "Y " + yFile);
        assertFalse(run.err().contains("redundant"), "checked before the options: " + run.err());
    }

    @Test
    void otRefusesOutputsOntoTheCostMatrixOrTheWeights() throws IOException {
        assertRefused(CliRun.of("ot", "--cost-matrix", cost.toString(), "--reg", "0.1",
                "--potential-a", cost.toString()), "--potential-a " + cost,
                "--cost-matrix " + cost);
        assertRefused(CliRun.of("ot", "--cost-matrix", cost.toString(), "--reg", "0.1",
                "--x-weights", weights.toString(), "--marginal-a", "./" + Path.of("")
                        .toAbsolutePath().relativize(weights)), "--marginal-a",
                "--x-weights " + weights);
    }

    @Test
    void otNamesTheFileOfABadCostMatrix() throws IOException {
        double[] values = new double[12];
        values[7] = Double.NaN;
        Path bad = folder.resolve("bad.npy");
        NpyFormat.write(bad, NumericMatrix.of(3, 4, values), NpyFormat.DType.FLOAT64);
        CliRun run = CliRun.of("ot", "--cost-matrix", bad.toString(), "--reg", "0.1");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(bad + ": C should be finite: C[1][3] = nan"), run.err());
    }

    @Test
    void otNamesTheFileOfBadWeights() throws IOException {
        Path negative = folder.resolve("negative.csv");
        CsvFormat.write(negative, NumericMatrix.vector(new double[] {0.5, -0.5, 1, 0, 0, 0}));
        CliRun run = CliRun.of("ot", "--cost-matrix", cost.toString(), "--reg", "0.1",
                "--x-weights", negative.toString(), "--unbalanced", "1");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(negative + ": The marginal 'a' contains negative values. "
                + "We require that a >= 0. Received a[1] = -0.5."), run.err());
    }

    @Test
    void planAndRegisterRefuseThePictureOntoAnInput() throws IOException {
        assertRefused(CliRun.of("plan", "--x", yFile.toString(), "--out", yFile.toString()),
                "--out " + yFile, "--x " + yFile);
        assertRefused(CliRun.of("register", "--y", yFile.toString(), "--out", yFile.toString()),
                "--out " + yFile, "--y " + yFile);
    }

    @Test
    void galleryRefusesAPictureOntoItsSourceDensity() throws IOException {
        GallerySetting first = GallerySetting.values()[0];
        Path source = folder.resolve(first.fileName());
        PngFiles.write(source, BuiltInShapes.crescentPicture());
        inputs.add(source);
        contents.add(Files.readAllBytes(source));
        assertRefused(CliRun.of("gallery", "--n", "5", "--steps", "1", "--setting", "1",
                "--source", source.toString(), "--out", folder.toString()), "--out " + source,
                "--source " + source);
    }

    @Test
    void colorAndBenchPlotRefuseThePictureOntoAnInput() throws IOException {
        Path picture = folder.resolve("day.png");
        PngFiles.write(picture, BuiltInShapes.crescentPicture());
        inputs.add(picture);
        contents.add(Files.readAllBytes(picture));
        assertRefused(CliRun.of("color", "--source", picture.toString(), "--out",
                "./" + Path.of("").toAbsolutePath().relativize(picture)), "--out ./",
                "--source " + picture);
        assertRefused(CliRun.of("bench-plot", yFile.toString(), "--out", yFile.toString()),
                "--out " + yFile, "FILE " + yFile);
    }

    /** Exit code 2, a message naming both files, every input unchanged. */
    private void assertRefused(CliRun run, String output, String input) throws IOException {
        assertEquals(GeomLossCommand.USAGE_ERROR, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(output), run.err());
        assertTrue(run.err().contains(input), run.err());
        for (int k = 0; k < inputs.size(); k++) {
            assertArrayEquals(contents.get(k), Files.readAllBytes(inputs.get(k)),
                    inputs.get(k) + " changed");
        }
    }
}
