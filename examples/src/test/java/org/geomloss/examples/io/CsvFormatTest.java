package org.geomloss.examples.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFormatTest {

    @TempDir
    Path folder;

    @Test
    void readsHeaderCommentsBlankLinesAndSpaces() throws IOException {
        Path file = folder.resolve("x.csv");
        Files.writeString(file, "# two points\nx,y\n1.5, -2\n\n 3e-1 ,4\n");
        NumericMatrix read = CsvFormat.read(file);
        assertEquals(2, read.rows());
        assertEquals(2, read.columns());
        assertArrayEquals(new double[] {1.5, -2, 0.3, 4}, read.values(), 0.0);
    }

    @Test
    void readsWhitespaceSeparatedLines() throws IOException {
        Path file = folder.resolve("x.txt");
        Files.writeString(file, "1 2 3\n4\t5 6\n");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, CsvFormat.read(file).values(), 0.0);
    }

    @Test
    void roundTripsDoublesExactly() {
        Path file = folder.resolve("x.csv");
        double[] values = {Math.PI, -1e-300, 1.0 / 3.0, 12345.678901234567};
        CsvFormat.write(file, NumericMatrix.of(2, 2, values));
        assertArrayEquals(values, CsvFormat.read(file).values(), 0.0);
    }

    @Test
    void namesTheLineOfARaggedRow() throws IOException {
        Path file = folder.resolve("ragged.csv");
        Files.writeString(file, "x,y\n1,2\n3,4,5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvFormat.read(file));
        assertEquals(file + ": line 3 has 3 fields but line 2 has 2 (every row must have the same "
                + "number of coordinates)", e.getMessage());
    }

    @Test
    void namesTheLineAndFieldOfANonNumericValue() throws IOException {
        Path file = folder.resolve("text.csv");
        Files.writeString(file, "1,2\n3,abc\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvFormat.read(file));
        assertEquals(file + ": line 2, field 2: 'abc' is not a number", e.getMessage());
    }

    @Test
    void namesEmptyAndNonFiniteFields() throws IOException {
        Path file = folder.resolve("holes.csv");
        Files.writeString(file, "1,2\n,4\n");
        assertEquals(file + ": line 2, field 1 is empty", assertThrows(
                IllegalArgumentException.class, () -> CsvFormat.read(file)).getMessage());
        Files.writeString(file, "1,NaN\n");
        assertEquals(file + ": line 1, field 2: 'NaN' is not finite", assertThrows(
                IllegalArgumentException.class, () -> CsvFormat.read(file)).getMessage());
    }

    @Test
    void refusesAFileWithoutData() throws IOException {
        Path file = folder.resolve("empty.csv");
        Files.writeString(file, "# nothing\nx,y\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvFormat.read(file));
        assertEquals(file + ": no data lines (the file is empty or holds only a header and "
                + "comments)", e.getMessage());
    }
}
