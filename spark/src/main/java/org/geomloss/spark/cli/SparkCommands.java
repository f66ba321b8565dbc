package org.geomloss.spark.cli;

import java.io.PrintWriter;
import org.geomloss.examples.cli.GeomLossCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Spark subcommands of the {@code geomloss} tool, {@code pairwise} and {@code rowwise}: the
 * {@code ./geomloss} launcher runs this class (with Spark on the class path) for them, so that the
 * other commands never load Spark. The same jar runs on a cluster under {@code spark-submit}.
 *
 * <p>Exit codes, as the other commands: 0 on success, 2 for bad options or input (the message names
 * the file, cloud, pair or option), 1 for an unexpected failure.
 */
@Command(name = "geomloss", mixinStandardHelpOptions = true,
        version = "geomloss 0.1.0 (GeomLoss for Java, Spark commands)",
        description = "Losses between many point clouds on Apache Spark (an embedded local[*] "
                + "session unless --master or spark-submit says otherwise).",
        subcommands = {PairwiseCommand.class, RowwiseCommand.class,
            CommandLine.HelpCommand.class})
public final class SparkCommands {

    private SparkCommands() {
    }

    /** Runs a command with {@code args}, printing to the given writers; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return GeomLossCommand.execute(new CommandLine(new SparkCommands()), args, out, err,
                JobFailures::inputError);
    }

    /** The entry point of the launcher and of {@code spark-submit --class}. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
