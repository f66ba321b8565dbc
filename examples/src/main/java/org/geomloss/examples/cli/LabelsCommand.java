package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.examples.transport.LabelTransfer;
import org.geomloss.ot.OTResultSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss labels}: labels carried from one cloud to another by the OT plan. */
@Command(name = "labels", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Carries the labels of a 2D cloud (three blobs, one label each) to an "
                + "unlabelled cloud (three blobs of other sizes) through the entropic OT plan "
                + "(GeomLoss's plot_optimal_transport_labels), balanced and unbalanced; writes one "
                + "PNG where each target point has the mix of its label probabilities' colours.")
final class LabelsCommand implements Callable<Integer> {

    @Option(names = "--n", paramLabel = "N", defaultValue = "600",
            description = "Points of each cloud (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--blur", paramLabel = "B", defaultValue = "0.03",
            description = "Blur, eps = 2 blur^2 (default: ${DEFAULT-VALUE}).")
    double blur;

    @Option(names = "--reach", paramLabel = "R", defaultValue = "0.1",
            description = "Reach of the unbalanced transfer (default: ${DEFAULT-VALUE}).")
    double reach;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "label_transfer.png",
            description = "Picture to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    SeedOption seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InputChecks.atLeastOne("--n", n);
        LabelTransfer.Result result = new LabelTransfer(blur, reach)
                .run(LabelTransfer.builtIn(n, seed.value()));
        PrintWriter printer = spec.commandLine().getOut();
        for (LabelTransfer.Transfer transfer : result.transfers()) {
            OTResultSample solution = transfer.result();
            printer.printf(Locale.ROOT, "%s: value %.4e, %d iterations, %s, marginal error %.1e%n",
                    transfer.title(), solution.value(), solution.iterations(),
                    solution.convergence(), solution.marginalError());
        }
        result.figure().save(out);
        printer.printf(Locale.ROOT, "wrote %s%n", out);
        printer.flush();
        return 0;
    }
}
