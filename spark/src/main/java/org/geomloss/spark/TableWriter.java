package org.geomloss.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a result table by the extension of its path: {@code .parquet} (a Parquet folder, as Spark
 * writes it) or {@code .csv} (one CSV file with a header line; columns holding arrays, such as the
 * clouds and gradients of a rowwise table, are left out, since CSV cannot hold them).
 *
 * <ul>
 *   <li>Atomic: the table is computed once and written as Parquet into a temporary folder
 *       ({@code NAME.tmp-UUID.parquet}) beside the destination, then renamed onto it (a CSV file is made from that Parquet copy, in one task,
 *       then renamed). A failed job leaves the destination as it was and removes the temporary
 *       files.</li>
 *   <li>An existing destination is replaced only after the new one is complete; the caller makes
 *       sure it is not an input.</li>
 *   <li>Works on any Hadoop file system (local, HDFS, S3A: renames are atomic on the first two).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class TableWriter {

    private TableWriter() {
    }

    /** The output formats. */
    public enum Format {
        /** A Parquet folder. */
        PARQUET,
        /** One CSV file with a header line. */
        CSV;

        /**
         * The format of {@code path}, from its extension.
         *
         * @throws IllegalArgumentException for another extension
         */
        public static Format of(String path) {
            String name = path.toLowerCase(Locale.ROOT);
            if (name.endsWith(".parquet")) {
                return PARQUET;
            }
            if (name.endsWith(".csv")) {
                return CSV;
            }
            throw new IllegalArgumentException("--out " + path + ": unknown output type; expected a "
                    + ".parquet or .csv name");
        }
    }

    /** Writes {@code table} to {@code destination} in the format of its extension. */
    public static void write(Dataset<Row> table, String destination) {
        Format format = Format.of(destination);
        Path target = new Path(destination);
        try {
            FileSystem fs = target.getFileSystem(
                    table.sparkSession().sparkContext().hadoopConfiguration());
            Path parent = target.getParent() != null ? target.getParent() : new Path(".");
            // Not hidden (no leading dot): Spark skips hidden paths when it reads the copy back.
            String tag = target.getName() + ".tmp-" + UUID.randomUUID();
            Path parquet = new Path(parent, tag + ".parquet");
            Path csv = new Path(parent, tag + ".csv");
            try {
                table.write().mode(SaveMode.ErrorIfExists).parquet(parquet.toString());
                if (format == Format.CSV) {
                    Dataset<Row> written = table.sparkSession().read().parquet(parquet.toString());
                    written.select(scalarColumns(written.schema())).coalesce(1).write()
                            .option("header", true).csv(csv.toString());
                    // The raw file system moves the CSV without its hidden checksum file.
                    replace(fs instanceof ChecksumFileSystem checked ? checked.getRawFileSystem()
                            : fs, singlePart(fs, csv), target);
                } else {
                    replace(fs, parquet, target);
                }
            } finally {
                fs.delete(parquet, true);
                fs.delete(csv, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(destination + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Reads back a table written by {@link #write}: Parquet with its own schema, CSV with its
     * header's column names and every value as a string (cast the columns you need).
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        return Format.of(path) == Format.PARQUET ? spark.read().parquet(path)
                : spark.read().option("header", true).csv(path);
    }

    private static Column[] scalarColumns(StructType schema) {
        return Arrays.stream(schema.fields())
                .filter(f -> !(f.dataType() instanceof ArrayType || f.dataType() instanceof StructType
                        || f.dataType() instanceof MapType))
                .map(StructField::name).map(Column::new).toArray(Column[]::new);
    }

    private static Path singlePart(FileSystem fs, Path folder) throws IOException {
        FileStatus[] parts = fs.globStatus(new Path(folder, "part-*"));
        if (parts == null || parts.length != 1) {
            throw new IOException(folder + ": expected one CSV part, found "
                    + (parts == null ? 0 : parts.length));
        }
        return parts[0].getPath();
    }

    private static void replace(FileSystem fs, Path complete, Path target) throws IOException {
        Path previous = null;
        if (fs.exists(target)) {
            previous = new Path(target.getParent(), target.getName() + ".old-"
                    + UUID.randomUUID());
            rename(fs, target, previous);
        }
        rename(fs, complete, target);
        if (previous != null) {
            fs.delete(previous, true);
        }
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }
}
