package org.geomloss.examples.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFiles}: the old file or the whole new one, never a part, and no leftovers. */
class AtomicFilesTest {

    @TempDir
    Path folder;

    @Test
    void replacesTheFileWithTheWholeContent() throws IOException {
        Path file = folder.resolve("out.csv");
        Files.writeString(file, "old\n");
        AtomicFiles.write(file, out -> out.write("new\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new\n", Files.readString(file));
        assertEquals(List.of(file), entries());
    }

    @Test
    void aFailureHalfwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = folder.resolve("out.npy");
        Files.writeString(file, "old\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AtomicFiles.write(file, out -> {
                    out.write("half of the".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }));
        assertTrue(error.getMessage().startsWith(file + ": cannot write: disk full"),
                error.getMessage());
        assertEquals("old\n", Files.readString(file));
        assertEquals(List.of(file), entries());
    }

    @Test
    void createsMissingFoldersAndWritesNpyAndCsvThroughIt() throws IOException {
        NumericMatrix matrix = NumericMatrix.of(2, 2, new double[] {1, 2, 3, 4});
        Path npy = folder.resolve("a").resolve("b.npy");
        Path csv = folder.resolve("a").resolve("c.csv");
        NpyFormat.write(npy, matrix, NpyFormat.DType.FLOAT64);
        CsvFormat.write(csv, matrix);
        assertEquals(matrix.values()[3], NpyFormat.read(npy).get(1, 1));
        assertEquals(matrix.values()[2], CsvFormat.read(csv).get(1, 0));
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
