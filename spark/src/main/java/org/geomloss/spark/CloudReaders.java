package org.geomloss.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.geomloss.examples.io.PointCloudInput;

/**
 * Reads tables of clouds (the columns of {@link CloudColumns}).
 *
 * <ul>
 *   <li>{@link #parquet}: a Parquet table in that shape (checked on the driver).</li>
 *   <li>{@link #folder}: a folder of {@code .npy}/{@code .csv} files, one cloud per file, id = file
 *       name without its extension; each file is parsed as the command line parses it (same rules,
 *       same messages naming the file, line and field). A file that cannot be read gives a row whose
 *       {@value CloudColumns#ERROR} column holds the message, so the job that uses it fails with it
 *       or reports it ({@link ErrorPolicy}); the row is never dropped. Files are read in the
 *       tasks: on a cluster the folder must be visible to every executor.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class CloudReaders {

    private CloudReaders() {
    }

    /**
     * The clouds of a Parquet table.
     *
     * @throws IllegalArgumentException if the table lacks the cloud columns
     */
    public static Dataset<Row> parquet(SparkSession spark, String path) {
        Dataset<Row> table = spark.read().parquet(path);
        CloudColumns.ofTable(path, table.schema());
        return table;
    }

    /**
     * The clouds of the {@code .npy} and {@code .csv} files of {@code folder} (not its
     * subfolders), sorted by name; other files are ignored.
     *
     * @throws IllegalArgumentException if the folder cannot be listed, holds no such file, or two
     *                                  files have the same id ({@code a.npy} and {@code a.csv})
     */
    public static Dataset<Row> folder(SparkSession spark, Path folder) {
        List<String> files = cloudFiles(folder);
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, Math.max(1, Math.min(files.size(),
                        4 * spark.sparkContext().defaultParallelism())))
                .map(file -> readFile(Path.of(file)));
        return spark.createDataFrame(rows, CloudColumns.FLAT_SCHEMA);
    }

    /** The id of a cloud file: its name without the extension. */
    public static String id(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static List<String> cloudFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + ": not a folder of .npy/.csv clouds");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).filter(CloudReaders::isCloudFile).sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(folder + ": cannot list: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folder + ": holds no .npy or .csv file");
        }
        Map<String, Path> ids = new HashMap<>();
        for (Path file : files) {
            Path previous = ids.put(id(file), file);
            if (previous != null) {
                throw new IllegalArgumentException(file + ": id '" + id(file) + "' is also the id "
                        + "of " + previous + "; ids must be unique");
            }
        }
        return files.stream().map(p -> p.toAbsolutePath().toString()).toList();
    }

    private static boolean isCloudFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".npy") || name.endsWith(".csv");
    }

    private static Row readFile(Path file) {
        String id = id(file);
        try {
            PointCloudInput.WeightedPoints cloud = PointCloudInput.readPoints(file, null, null);
            double[] values = cloud.points().values();
            Float[] coords = new Float[values.length];
            for (int k = 0; k < values.length; k++) {
                coords[k] = (float) values[k];
            }
            return RowFactory.create(id, coords, cloud.points().columns(), null, null);
        } catch (IllegalArgumentException e) {
            return RowFactory.create(id, null, null, null, e.getMessage());
        }
    }
}
