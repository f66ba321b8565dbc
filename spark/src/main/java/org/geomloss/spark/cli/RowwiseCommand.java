package org.geomloss.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.geomloss.examples.cli.Json;
import org.geomloss.examples.cli.LossOptions;
import org.geomloss.spark.ErrorPolicy;
import org.geomloss.spark.JobOptions;
import org.geomloss.spark.LossSettings;
import org.geomloss.spark.OtSettings;
import org.geomloss.spark.RowwiseLosses;
import org.geomloss.spark.RowwiseRequest;
import org.geomloss.spark.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code geomloss rowwise TABLE.parquet --x COL --y COL --out R.parquet}: the loss between the two
 * clouds of each row ({@link RowwiseLosses#rowwise}), with progress on the terminal and a line of
 * JSON at the end.
 */
@Command(name = "rowwise", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Computes the loss between the two clouds of each row of a Parquet table on Apache "
                    + "Spark and writes the table with a 'value' column (one row out per row in).",
            "A cloud column holds array<array<float>> (uniform weights) or a struct with fields "
                    + "points, optional dimension (for flat points) and weights."})
final class RowwiseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TABLE", description = "A .parquet table.")
    Path table;

    @Option(names = "--x", required = true, paramLabel = "COLUMN", description = "Column of x.")
    String xColumn;

    @Option(names = "--y", required = true, paramLabel = "COLUMN", description = "Column of y.")
    String yColumn;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The results: .parquet, or .csv (one file with a header; the array "
                    + "columns, clouds and gradients, are left out).")
    Path out;

    @Option(names = "--gradients",
            description = "Add grad_x, grad_y (N x D, M x D), grad_a and grad_b.")
    boolean gradients;

    @Option(names = "--ot",
            description = "Add ot_value and ot_marginal_error: ot.solve_sample on the same clouds "
                    + "with blur = --blur, reach = --reach and debias = --debias.")
    boolean ot;

    @Mixin
    LossOptions loss;

    @Mixin
    SessionOptions session;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LossSettings settings = Settings.of(loss);
        JobOptions options = session.jobOptions();
        TableWriter.Format.of(out.toString());
        Outputs.distinct("--out", out, table);
        RowwiseRequest request = RowwiseRequest.value();
        if (gradients) {
            request = request.withGradients();
        }
        if (ot) {
            OtSettings solve = OtSettings.blur(loss.parameters().get("blur") instanceof Double b
                    ? b : 0.05).debias(Boolean.TRUE.equals(loss.parameters().get("debias")));
            request = request.withOt(loss.parameters().get("reach") instanceof Double r
                    ? solve.reach(r) : solve);
        }
        SparkSession spark = session.session("rowwise");
        Dataset<Row> input = spark.read().parquet(table.toString());
        long count = input.count();
        LongAccumulator done = spark.sparkContext().longAccumulator("rows done");
        PrintWriter err = spec.commandLine().getErr();
        double seconds;
        try (ProgressReporter progress = new ProgressReporter(done, count, "rows", err)) {
            TableWriter.write(RowwiseLosses.rowwise(input, xColumn, yColumn, settings, request,
                    options.withProgress(done)), out.toString());
            seconds = progress.seconds();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "rowwise");
        json.put("rows", count);
        if (options.errors() == ErrorPolicy.COLUMN) {
            Dataset<Row> written = TableWriter.read(spark, out.toString());
            json.put("errors", written.filter(written.col(RowwiseLosses.ERROR).isNotNull())
                    .count());
        }
        json.put("seconds", seconds);
        json.put("master", spark.sparkContext().master());
        json.put("parameters", loss.parameters());
        json.put("written", Map.of("out", out.toString()));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(Json.write(json));
        stdout.flush();
        return 0;
    }
}
