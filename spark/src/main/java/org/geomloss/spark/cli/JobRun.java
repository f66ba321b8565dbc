package org.geomloss.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.geomloss.examples.cli.Json;
import org.geomloss.examples.cli.LossOptions;
import org.geomloss.spark.ErrorPolicy;
import org.geomloss.spark.JobOptions;
import org.geomloss.spark.LossSettings;
import org.geomloss.spark.TableWriter;

/**
 * What the Spark commands share around their job: the settings and options checked before Spark
 * starts (loss options, output type, output distinct from the input), the session, the progress
 * counter, writing the result with progress on the terminal, and the closing line of JSON. Not
 * thread-safe; one per command run.
 */
final class JobRun {

    private final LossOptions lossOptions;
    private final LossSettings settings;
    private final Path out;
    private final SparkSession spark;
    private final LongAccumulator done;
    private final JobOptions options;
    private final Map<String, Object> summary = new LinkedHashMap<>();
    private final Map<String, Object> written = new LinkedHashMap<>();

    private JobRun(String command, LossOptions lossOptions, SessionOptions session, Path input,
                   Path out) {
        this.lossOptions = lossOptions;
        this.settings = Settings.of(lossOptions);
        JobOptions checked = session.jobOptions();
        TableWriter.Format.of(out.toString());
        Outputs.distinct("--out", out, input);
        this.out = out;
        this.spark = session.session(command);
        this.done = spark.sparkContext().longAccumulator(command + " progress");
        this.options = checked.withProgress(done);
        summary.put("command", command);
    }

    /**
     * Checks the options of {@code command} reading {@code input} into {@code out}, then starts
     * (or joins) the Spark session.
     *
     * @throws IllegalArgumentException for a bad option, before Spark starts
     */
    static JobRun start(String command, LossOptions loss, SessionOptions session, Path input,
                        Path out) {
        return new JobRun(command, loss, session, input, out);
    }

    SparkSession spark() {
        return spark;
    }

    LossSettings settings() {
        return settings;
    }

    /** The job options, with the progress counter. */
    JobOptions options() {
        return options;
    }

    /** Adds {@code key: value} to the closing JSON, in call order. */
    void report(String key, Object value) {
        summary.put(key, value);
    }

    /** Records a written file under {@code key}. */
    void wrote(String key, Path file) {
        written.put(key, file.toString());
    }

    /**
     * Computes {@code result} (built with {@link #options()}) into {@code --out}, printing the
     * progress of {@code total} items named {@code unit}; returns the table as written.
     */
    Dataset<Row> write(Supplier<Dataset<Row>> result, long total, String unit, PrintWriter err) {
        double seconds;
        try (ProgressReporter progress = new ProgressReporter(done, total, unit, err)) {
            TableWriter.write(result.get(), out.toString());
            seconds = progress.seconds();
        }
        wrote("out", out);
        Dataset<Row> table = TableWriter.read(spark, out.toString());
        summary.put(unit, table.count());
        if (options.errors() == ErrorPolicy.COLUMN) {
            summary.put("errors", table.filter(table.col("error").isNotNull()).count());
        }
        summary.put("seconds", seconds);
        return table;
    }

    /** Prints the closing line of JSON: the reported values, master, parameters, files. */
    void finish(PrintWriter stdout) {
        summary.put("master", spark.sparkContext().master());
        summary.put("parameters", lossOptions.parameters());
        summary.put("written", written);
        stdout.println(Json.write(summary));
        stdout.flush();
    }
}
