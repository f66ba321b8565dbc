package org.geomloss.spark.cli;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.geomloss.spark.OtSettings;
import org.geomloss.spark.RowwiseLosses;
import org.geomloss.spark.RowwiseRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
final class RowwiseCommand extends SparkJobCommand {

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

    @Override
    public Integer call() {
        RowwiseRequest request = RowwiseRequest.value();
        if (gradients) {
            request = request.withGradients();
        }
        if (ot) {
            request = request.withOt(otSettings());
        }
        JobRun run = JobRun.start("rowwise", loss, session, table, out);
        Dataset<Row> input = run.spark().read().parquet(table.toString());
        RowwiseRequest asked = request;
        run.write(() -> RowwiseLosses.rowwise(input, xColumn, yColumn, run.settings(), asked,
                run.options()), input.count(), "rows", spec.commandLine().getErr());
        run.finish(spec.commandLine().getOut());
        return 0;
    }

    /** ot.solve_sample's options from the loss options: the same blur, reach and debias. */
    private OtSettings otSettings() {
        Map<String, Object> parameters = loss.parameters();
        OtSettings settings = OtSettings.blur((Double) parameters.get("blur"))
                .debias((Boolean) parameters.get("debias"));
        return parameters.get("reach") instanceof Double reach ? settings.reach(reach) : settings;
    }
}
