package org.geomloss.examples.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy's {@code .npy} files (the format of {@code numpy.save}): the magic string
 * {@code \x93NUMPY}, a version byte pair (1.0, 2.0 or 3.0), the header length (2 bytes in 1.0, 4 bytes
 * after), an ASCII header dictionary {@code {'descr': '<f8', 'fortran_order': False, 'shape': (N, D), }}
 * padded with spaces and a newline, then the raw data.
 *
 * <ul>
 *   <li>Read: little-endian float32 ({@code <f4}) or float64 ({@code <f8}) arrays of one or two
 *       dimensions, in C or Fortran order; every other dtype or shape is refused with a message
 *       naming the file and the header field.</li>
 *   <li>Write: version 1.0, C order, {@code <f4} or {@code <f8}, header padded to a multiple of 64
 *       bytes as NumPy does.</li>
 * </ul>
 * Errors are {@link IllegalArgumentException}s whose message starts with the file name. Stateless and
 * thread-safe.
 */
public final class NpyFormat {

    /** The element type of a written file. */
    public enum DType {
        /** Little-endian float32, {@code <f4}. */
        FLOAT32("<f4", 4),
        /** Little-endian float64, {@code <f8}. */
        FLOAT64("<f8", 8);

        private final String descr;
        private final int bytes;

        DType(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }

        /** NumPy's type string, e.g. {@code <f8}. */
        public String descr() {
            return descr;
        }

        /** The type named as NumPy ({@code f4}, {@code <f4}, {@code float32}) or {@code f8} likewise. */
        public static DType fromName(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "f4", "<f4", "float32", "float" -> FLOAT32;
                case "f8", "<f8", "float64", "double" -> FLOAT64;
                default -> throw new IllegalArgumentException("dtype must be f4 or f8, got '" + name
                        + "'");
            };
        }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int HEADER_ALIGNMENT = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFormat() {
    }

    /** Reads a one- or two-dimensional float array. */
    public static NumericMatrix read(Path file) {
        byte[] bytes = readAll(file);
        String name = file.toString();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < MAGIC.length; k++) {
            if (bytes.length <= k || bytes[k] != MAGIC[k]) {
                throw new IllegalArgumentException(name + ": not a .npy file (the magic string "
                        + "\\x93NUMPY is missing from its first 6 bytes)");
            }
        }
        if (bytes.length < 10) {
            throw new IllegalArgumentException(name + ": truncated .npy header");
        }
        int major = bytes[6];
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buffer.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(name + ": truncated .npy header");
            }
            headerLength = buffer.getInt(8);
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(name + ": unsupported .npy format version " + major
                    + "." + bytes[7] + " (supported: 1.0, 2.0, 3.0)");
        }
        if (headerLength < 0 || headerStart + (long) headerLength > bytes.length) {
            throw new IllegalArgumentException(name + ": truncated .npy header (declares "
                    + headerLength + " bytes, the file has " + (bytes.length - headerStart) + ")");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = field(DESCR, header, "descr", name);
        int elementBytes = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new IllegalArgumentException(name + ": header field 'descr' is '"
                    + descr + "'; only little-endian float32 '<f4' and float64 '<f8' are supported "
                    + "(convert with numpy: a.astype('<f8'))");
        };
        boolean fortran = field(FORTRAN, header, "fortran_order", name).equals("True");
        int[] shape = shape(field(SHAPE, header, "shape", name), name);
        int rows = shape.length == 0 ? 1 : shape[0];
        int columns = shape.length == 2 ? shape[1] : 1;
        long count = (long) rows * columns;
        int dataStart = headerStart + headerLength;
        long expected = count * elementBytes;
        if (bytes.length - dataStart != expected) {
            throw new IllegalArgumentException(name + ": the header declares shape "
                    + shapeText(shape) + " of " + descr + " (" + expected + " bytes of data) but "
                    + (bytes.length - dataStart) + " bytes follow the header");
        }
        if (columns < 1) {
            throw new IllegalArgumentException(name + ": header field 'shape' is "
                    + shapeText(shape) + "; a second dimension of 0 holds no coordinates");
        }
        double[] values = new double[(int) count];
        for (int e = 0; e < values.length; e++) {
            int position = dataStart + e * elementBytes;
            double value = elementBytes == 4 ? buffer.getFloat(position) : buffer.getDouble(position);
            int target = fortran ? (e % rows) * columns + e / rows : e;
            values[target] = value;
        }
        return new NumericMatrix(rows, columns, values, shape.length == 1);
    }

    /** Writes {@code matrix} as a C-order {@code .npy} file, format version 1.0, atomically ({@link AtomicFiles}). */
    public static void write(Path file, NumericMatrix matrix, DType dtype) {
        String shape = matrix.shapeText();
        String dictionary = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': "
                + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dictionary.length() + 1;
        int padding = (HEADER_ALIGNMENT - unpadded % HEADER_ALIGNMENT) % HEADER_ALIGNMENT;
        String header = dictionary + " ".repeat(padding) + "\n";
        double[] values = matrix.values();
        ByteBuffer buffer = ByteBuffer.allocate(unpadded + padding + values.length * dtype.bytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double value : values) {
            if (dtype == DType.FLOAT32) {
                buffer.putFloat((float) value);
            } else {
                buffer.putDouble(value);
            }
        }
        AtomicFiles.write(file, out -> out.write(buffer.array()));
    }

    static byte[] readAll(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e, e);
        }
    }

    private static String field(Pattern pattern, String header, String key, String name) {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IllegalArgumentException(name + ": the .npy header has no valid '" + key
                    + "' field: " + header.strip());
        }
        return matcher.group(1).strip();
    }

    private static int[] shape(String text, String name) {
        String[] parts = text.split(",");
        int dimensions = 0;
        int[] shape = new int[parts.length];
        for (String part : parts) {
            String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                shape[dimensions++] = Integer.parseInt(trimmed.replace("L", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": header field 'shape' holds '" + trimmed
                        + "', not an integer", e);
            }
        }
        int[] result = java.util.Arrays.copyOf(shape, dimensions);
        if (dimensions > 2) {
            throw new IllegalArgumentException(name + ": header field 'shape' is " + shapeText(result)
                    + "; expected (N,) or (N, D) (batches are not read from one file)");
        }
        for (int extent : result) {
            if (extent < 0) {
                throw new IllegalArgumentException(name + ": header field 'shape' is "
                        + shapeText(result) + ", with a negative extent");
            }
        }
        return result;
    }

    private static String shapeText(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) {
            text.append(k > 0 ? ", " : "").append(shape[k]);
        }
        return text.append(')').toString();
    }
}
