package org.geomloss.examples.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy format as specified by NumPy's NEP 1 ("A simple file format for NumPy arrays"). */
class NpyFormatTest {

    @TempDir
    Path folder;

    private static final double[] VALUES = {1.5, -2.25, 3.0e-7, 4.0, 1.0 / 3.0, -6e12};

    @Test
    void roundTripsFloat64Exactly() {
        Path file = folder.resolve("a.npy");
        NpyFormat.write(file, NumericMatrix.of(3, 2, VALUES), NpyFormat.DType.FLOAT64);
        NumericMatrix read = NpyFormat.read(file);
        assertEquals(3, read.rows());
        assertEquals(2, read.columns());
        assertArrayEquals(VALUES, read.values(), 0.0);
    }

    @Test
    void roundTripsFloat32ToFloatPrecision() {
        Path file = folder.resolve("a.npy");
        NpyFormat.write(file, NumericMatrix.of(2, 3, VALUES), NpyFormat.DType.FLOAT32);
        NumericMatrix read = NpyFormat.read(file);
        for (int k = 0; k < VALUES.length; k++) {
            assertEquals((float) VALUES[k], read.values()[k], 0.0);
        }
    }

    @Test
    void keepsOneDimensionalShapes() {
        Path file = folder.resolve("w.npy");
        NpyFormat.write(file, NumericMatrix.vector(new double[] {0.25, 0.75}), NpyFormat.DType.FLOAT64);
        NumericMatrix read = NpyFormat.read(file);
        assertTrue(read.oneDimensional());
        assertEquals("(2,)", read.shapeText());
    }

    @Test
    void writesTheVersion1LayoutOfTheSpecification() throws IOException {
        Path file = folder.resolve("a.npy");
        NpyFormat.write(file, NumericMatrix.of(3, 2, VALUES), NpyFormat.DType.FLOAT32);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + headerLength) % 64, "data must start on a 64-byte boundary");
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"),
                header);
        assertTrue(header.endsWith("\n"));
        assertEquals(10 + headerLength + 6 * 4, bytes.length);
        float first = ByteBuffer.wrap(bytes, 10 + headerLength, 4).order(ByteOrder.LITTLE_ENDIAN)
                .getFloat();
        assertEquals(1.5f, first);
    }

    @Test
    void readsVersion2HeadersAndFortranOrder() throws IOException {
        // 2 x 3 array [[1, 2, 3], [4, 5, 6]] stored column by column: 1 4 2 5 3 6.
        Path file = folder.resolve("f.npy");
        Files.write(file, npy(2, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                new double[] {1, 4, 2, 5, 3, 6}, 8));
        NumericMatrix read = NpyFormat.read(file);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, read.values(), 0.0);
    }

    @Test
    void refusesAFileWithoutTheMagicString() throws IOException {
        Path file = folder.resolve("bad.npy");
        Files.writeString(file, "1,2\n3,4\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyFormat.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void refusesIntegerAndBigEndianDtypesNamingTheField() throws IOException {
        for (String descr : new String[] {"<i4", ">f8"}) {
            Path file = folder.resolve("int.npy");
            Files.write(file, npy(1, "{'descr': '" + descr + "', 'fortran_order': False, "
                    + "'shape': (2,), }", new double[0], 8));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NpyFormat.read(file));
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("'descr'") && e.getMessage().contains(descr),
                    e.getMessage());
        }
    }

    @Test
    void refusesTruncatedData() throws IOException {
        Path file = folder.resolve("short.npy");
        Files.write(file, npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }",
                new double[] {1, 2, 3}, 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyFormat.read(file));
        assertTrue(e.getMessage().contains("(3, 2)") && e.getMessage().contains("48 bytes"),
                e.getMessage());
    }

    @Test
    void namesAMissingFile() {
        Path file = folder.resolve("nowhere.npy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyFormat.read(file));
        assertEquals(file + ": no such file", e.getMessage());
    }

    /** A .npy file built by hand from the specification. */
    static byte[] npy(int major, String dictionary, double[] data, int elementBytes) {
        int prefix = major == 1 ? 10 : 12;
        int padding = (64 - (prefix + dictionary.length() + 1) % 64) % 64;
        String header = dictionary + " ".repeat(padding) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(prefix + header.length() + data.length * elementBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII));
        buffer.put((byte) major).put((byte) 0);
        if (major == 1) {
            buffer.putShort((short) header.length());
        } else {
            buffer.putInt(header.length());
        }
        buffer.put(header.getBytes(StandardCharsets.US_ASCII));
        for (double value : data) {
            if (elementBytes == 4) {
                buffer.putFloat((float) value);
            } else {
                buffer.putDouble(value);
            }
        }
        return buffer.array();
    }
}
