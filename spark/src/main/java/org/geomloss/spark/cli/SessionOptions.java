package org.geomloss.spark.cli;

import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.geomloss.spark.ErrorPolicy;
import org.geomloss.spark.JobOptions;
import picocli.CommandLine.Option;

/**
 * The options every Spark command shares: where Spark runs and what a bad cloud does. Without
 * {@code --master} (and without {@code spark-submit}, which sets {@code spark.master}) the session
 * is an embedded {@code local[*]} one, with the web UI off.
 */
final class SessionOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*] (default, every core of this machine), local[N], "
                    + "spark://host:port, yarn, k8s://...; under spark-submit, its --master.")
    String master;

    @Option(names = "--errors", paramLabel = "fail|column", defaultValue = "fail",
            description = "A malformed cloud or refused pair: 'fail' stops the job with the cloud's "
                    + "id and the reason; 'column' writes the reason in an 'error' column (value "
                    + "empty) and goes on (default: ${DEFAULT-VALUE}).")
    String errors;

    /** The job options these flags describe. */
    JobOptions jobOptions() {
        return JobOptions.defaults().withErrors(ErrorPolicy.fromName(errors));
    }

    /** A new or the running Spark session. */
    SparkSession session(String command) {
        SparkSession.Builder builder = SparkSession.builder().appName("geomloss " + command);
        String chosen = master != null ? master : System.getProperty("spark.master");
        if (chosen == null) {
            chosen = "local[*]";
        }
        builder.master(chosen);
        if (chosen.toLowerCase(Locale.ROOT).startsWith("local")
                && System.getProperty("spark.ui.enabled") == null) {
            builder.config("spark.ui.enabled", false);
        }
        return builder.getOrCreate();
    }
}
