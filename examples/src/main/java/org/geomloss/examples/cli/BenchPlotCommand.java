package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.geomloss.examples.bench.JmhResults;
import org.geomloss.examples.bench.PeerTimings;
import org.geomloss.examples.bench.TimeVsSizePlot;
import org.geomloss.examples.bench.Timing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss bench-plot}: time against N on log-log axes from JMH results and peers. */
@Command(name = "bench-plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Draws time against problem size on log-log axes (GeomLoss's "
                    + "plot_benchmarks_samplesloss_3D) from JMH result files (-rf json) and CSV "
                    + "files of peer timings (columns tool,seconds and any parameters, e.g. "
                    + "tool,backend,loss,n,seconds), one curve per series, one chart per panel.",
            "Example: geomloss bench-plot samplesloss.json --panel loss --series backend"})
final class BenchPlotCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "JMH results (.json) and peer timings (.csv).")
    List<Path> files;

    @Option(names = "--x", paramLabel = "PARAM", defaultValue = "n",
            description = "Numeric parameter on the x axis (default: ${DEFAULT-VALUE}).")
    String x;

    @Option(names = "--series", paramLabel = "PARAM", split = ",",
            description = "Parameters whose values name a curve (default: every other parameter "
                    + "that varies).")
    List<String> series = new ArrayList<>();

    @Option(names = "--panel", paramLabel = "PARAM",
            description = "Parameter whose values get one chart each (default: one chart).")
    String panel;

    @Option(names = "--where", paramLabel = "PARAM=VALUE",
            description = "Keep only timings with this value (repeatable; timings without the "
                    + "parameter are kept).")
    Map<String, String> filters = Map.of();

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Time per call against N",
            description = "Heading of the picture (default: ${DEFAULT-VALUE}).")
    String title;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "benchmarks.png",
            description = "Picture to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FileRoles roles = new FileRoles().output("--out", out);
        files.forEach(file -> roles.input("FILE", file));
        roles.check();
        List<Timing> timings = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                timings.addAll(JmhResults.read(file));
            } else if (name.endsWith(".csv")) {
                timings.addAll(PeerTimings.read(file));
            } else {
                throw new IllegalArgumentException(file + ": expected a JMH result (.json) or peer "
                        + "timings (.csv)");
            }
        }
        TimeVsSizePlot.draw(title, timings, new TimeVsSizePlot.Layout(x, series, panel, filters))
                .save(out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "%d timings from %d files, wrote %s%n", timings.size(),
                files.size(), out);
        printer.flush();
        return 0;
    }
}
