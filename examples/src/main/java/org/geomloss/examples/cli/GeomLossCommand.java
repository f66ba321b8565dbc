package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code geomloss} command-line tool: GeomLoss's {@code SamplesLoss} on point clouds from files,
 * the gallery pictures and the demos. Without a subcommand it runs {@code demo}.
 *
 * <p>Exit codes: 0 on success, 2 for bad options or bad input (the message names the file, the line
 * or field, or the option) and for a device that cannot run (no OpenCL), 1 for an unexpected
 * failure.
 */
@Command(name = "geomloss", mixinStandardHelpOptions = true,
        version = "geomloss 0.1.0 (GeomLoss for Java)",
        description = "Geometric losses and optimal transport between point clouds (GeomLoss for "
                + "Java). Without a subcommand, runs 'demo'.",
        footer = {"", "On Apache Spark (the launcher runs them from spark/target/, so the commands "
                + "above never load Spark):",
            "  pairwise  The loss between every pair of a set of clouds (a distance matrix).",
            "  rowwise   The loss between the two clouds of each row of a Parquet table.",
            "See './geomloss pairwise --help' and './geomloss rowwise --help'."},
        subcommands = {LossCommand.class, DemoCommand.class, GalleryCommand.class, Flow1DCommand.class,
            ColorCommand.class, LabelsCommand.class, InterpolateCommand.class,
            BarycentersCommand.class, ScalingCommand.class, TruncationCommand.class,
            BlursCommand.class, BenchPlotCommand.class,
            OtCommand.class, PlanCommand.class, RegisterCommand.class, DevicesCommand.class,
            CommandLine.HelpCommand.class})
public final class GeomLossCommand implements Callable<Integer> {

    /** Exit code of bad options and bad input files. */
    public static final int USAGE_ERROR = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return spec.commandLine().getSubcommands().get("demo").execute();
    }

    /** Runs the tool with {@code args}, printing to the given writers; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return execute(new CommandLine(new GeomLossCommand()), args, out, err,
                exception -> exception instanceof IllegalArgumentException
                        || exception instanceof UnsupportedOperationException
                        || exception instanceof IllegalStateException
                        ? exception.getMessage() : null);
    }

    /**
     * Runs {@code commandLine} with {@code args}, printing to the given writers; an exception for
     * which {@code inputError} gives a message (bad input or options) prints
     * {@code geomloss COMMAND: error: MESSAGE} and gives {@link #USAGE_ERROR}, any other
     * propagates. Returns the exit code.
     */
    public static int execute(CommandLine commandLine, String[] args, PrintWriter out,
                              PrintWriter err, Function<Exception, String> inputError) {
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            String message = inputError.apply(exception);
            if (message == null) {
                throw exception;
            }
            line.getErr().println("geomloss " + line.getCommandName() + ": error: " + message);
            line.getErr().flush();
            return USAGE_ERROR;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The entry point of {@code geomloss.jar}. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
