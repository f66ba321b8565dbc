package org.geomloss.examples.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.geomloss.Measure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointCloudInputTest {

    @TempDir
    Path folder;

    @Test
    void takesWeightsFromAColumnOrAFile() throws IOException {
        Path points = folder.resolve("x.csv");
        Files.writeString(points, "0.25,1,2\n0.75,3,4\n");
        Measure fromColumn = PointCloudInput.read(points, null, 0);
        assertEquals(2, fromColumn.dimension());
        assertEquals(0.75, fromColumn.weight(1));
        assertEquals(3f, fromColumn.coordinate(1, 0));

        Path weights = folder.resolve("w.npy");
        NpyFormat.write(weights, NumericMatrix.vector(new double[] {0.5, 0.5}),
                NpyFormat.DType.FLOAT64);
        Measure fromFile = PointCloudInput.read(points, weights, null);
        assertEquals(3, fromFile.dimension());
        assertEquals(0.5, fromFile.weight(0));
        assertTrue(PointCloudInput.read(points, null, null).hasUniformDefaultWeights());
    }

    @Test
    void namesTheWeightsFileOfTheWrongLength() throws IOException {
        Path points = folder.resolve("x.csv");
        Files.writeString(points, "1,2\n3,4\n5,6\n");
        Path weights = folder.resolve("w.csv");
        Files.writeString(weights, "0.5\n0.5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointCloudInput.read(points, weights, null));
        assertEquals(weights + ": 2 weights but " + points + " has 3 points", e.getMessage());
    }

    @Test
    void namesTheFileOfNegativeWeights() throws IOException {
        Path points = folder.resolve("x.csv");
        Files.writeString(points, "1,2\n3,4\n");
        Path weights = folder.resolve("w.csv");
        Files.writeString(weights, "1.5\n-0.5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointCloudInput.read(points, weights, null));
        assertTrue(e.getMessage().startsWith(weights + ": weights[1]"), e.getMessage());
    }

    @Test
    void refusesAMissingWeightColumn() throws IOException {
        Path points = folder.resolve("x.csv");
        Files.writeString(points, "1,2\n3,4\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointCloudInput.read(points, null, 5));
        assertEquals(points + ": weight column 5 does not exist, the file has 2 columns",
                e.getMessage());
    }
}
