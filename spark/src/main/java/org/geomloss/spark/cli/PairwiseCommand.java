package org.geomloss.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.geomloss.spark.CloudReaders;
import org.geomloss.spark.PairwiseLosses;
import org.geomloss.spark.picture.DistanceMatrixPicture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code geomloss pairwise CLOUDS --out D.parquet}: the loss between every unordered pair of clouds
 * ({@link PairwiseLosses#pairwise}), written as {@code id_x,id_y,value} (plus {@code error} with
 * {@code --errors column}), with progress on the terminal, an optional picture of the matrix, and a
 * line of JSON at the end.
 */
@Command(name = "pairwise", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Computes the loss between every unordered pair (i < j) of a set of point clouds on "
                    + "Apache Spark and writes one row per pair: id_x, id_y, value (id_x < id_y).",
            "CLOUDS: a folder of .npy/.csv files, one cloud per file (id = file name without "
                    + "extension), or a Parquet table with columns id, points "
                    + "(array<array<float>>, or array<float> with an integer column dimension) "
                    + "and optional weights (array<double>)."})
final class PairwiseCommand extends SparkJobCommand {

    @Parameters(index = "0", paramLabel = "CLOUDS",
            description = "A folder of .npy/.csv clouds or a .parquet table of clouds.")
    Path clouds;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The pairs: .parquet (a Parquet folder) or .csv (one file with a header).")
    Path out;

    @Option(names = "--png", paramLabel = "FILE",
            description = "Also draw the distance matrix, clouds ordered by a hierarchical "
                    + "(average-linkage) clustering.")
    Path png;

    @Override
    public Integer call() {
        if (png != null) {
            Outputs.distinct("--png", png, clouds, out);
        }
        JobRun run = JobRun.start("pairwise", loss, session, clouds, out);
        SparkSession spark = run.spark();
        Dataset<Row> table = Files.isDirectory(clouds) && !clouds.toString().endsWith(".parquet")
                ? CloudReaders.folder(spark, clouds)
                : CloudReaders.parquet(spark, clouds.toString());
        Dataset<Row> cached = table.cache();
        long count = cached.count();
        run.report("clouds", count);
        Dataset<Row> written = run.write(() -> PairwiseLosses.pairwise(cached, run.settings(),
                run.options()), count * (count - 1) / 2, "pairs", spec.commandLine().getErr());
        if (png != null) {
            draw(written, cached);
            run.wrote("png", png);
        }
        run.finish(spec.commandLine().getOut());
        return 0;
    }

    private void draw(Dataset<Row> written, Dataset<Row> table) {
        Dataset<Row> pairs = written.select(written.col(PairwiseLosses.ID_X),
                written.col(PairwiseLosses.ID_Y),
                written.col(PairwiseLosses.VALUE).cast("double"));
        List<String> ids = new ArrayList<>(table.select(table.col("id").cast("string"))
                .as(Encoders.STRING()).collectAsList());
        ids.sort(null);
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < ids.size(); k++) {
            index.put(ids.get(k), k);
        }
        int n = ids.size();
        float[] matrix = new float[n * n];
        Arrays.fill(matrix, Float.NaN);
        for (int k = 0; k < n; k++) {
            matrix[k * n + k] = 0f;
        }
        Iterator<Row> rows = pairs.toLocalIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            if (!row.isNullAt(2)) {
                int i = index.get(row.getString(0));
                int j = index.get(row.getString(1));
                matrix[i * n + j] = (float) row.getDouble(2);
                matrix[j * n + i] = (float) row.getDouble(2);
            }
        }
        DistanceMatrixPicture.write(png, ids, matrix);
    }
}
