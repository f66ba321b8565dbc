package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.data.Coordinates;
import org.geomloss.examples.io.PointCloudInput;
import org.geomloss.examples.registration.ProjectionFigure;
import org.geomloss.examples.registration.RigidMotion;
import org.geomloss.examples.registration.Registration3D;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss register}: the 3D registration example. */
@Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Registers a 3D source cloud onto a target by gradient descent on a SamplesLoss, prints "
                    + "the loss at each step and writes a PNG of the x-y, x-z and y-z projections "
                    + "before and after.",
            "Built-in problem: a conical spiral and a rotated, shifted, resampled copy of it (rigid "
                    + "mode), or a sphere onto a torus (free-form mode)."})
final class RegisterCommand implements Callable<Integer> {

    @Option(names = "--mode", paramLabel = "rigid|free", defaultValue = "rigid",
            description = "What moves: the whole cloud rigidly, or every point (default: "
                    + "${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--x", paramLabel = "FILE", description = "Source points, N x 3 (default: "
            + "built-in).")
    Path xFile;

    @Option(names = "--y", paramLabel = "FILE", description = "Target points, M x 3 (default: "
            + "built-in).")
    Path yFile;

    @Option(names = "--n", paramLabel = "N", defaultValue = "600",
            description = "Points of each built-in cloud (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--steps", paramLabel = "S", defaultValue = "20",
            description = "Gradient steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1.0",
            description = "Step size; 1 is a Gauss-Newton step in rigid mode (default: "
                    + "${DEFAULT-VALUE}).")
    double lr;

    @Mixin
    LossOptions options;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "registration.png",
            description = "Picture to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    SeedOption seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Registration3D.Mode chosen = switch (mode.toLowerCase(Locale.ROOT)) {
            case "rigid" -> Registration3D.Mode.RIGID;
            case "free", "free-form", "freeform" -> Registration3D.Mode.FREE_FORM;
            default -> throw new IllegalArgumentException("--mode must be rigid or free, got '"
                    + mode + "'");
        };
        new FileRoles().input("--x", xFile).input("--y", yFile).output("--out", out).check();
        InputChecks.atLeastOne("--n", n);
        SamplesLoss loss = options.build();
        Measure x = xFile != null ? PointCloudInput.read(xFile, null, null) : builtInSource(chosen);
        Measure y = yFile != null ? PointCloudInput.read(yFile, null, null) : builtInTarget(chosen);
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "%s registration, N = %d, M = %d, loss %s%n",
                chosen == Registration3D.Mode.RIGID ? "Rigid" : "Free-form", x.count(), y.count(),
                options.parameters());
        Registration3D.Result result = new Registration3D(loss, chosen, lr).run(x, y, steps,
                step -> {
                    printer.printf(Locale.ROOT, "step %3d  loss %.6e  (%.3f s)%n", step.index(),
                            step.loss(), step.seconds());
                    printer.flush();
                });
        double[] losses = result.losses();
        printer.printf(Locale.ROOT, "final    loss %.6e%n", losses[losses.length - 1]);
        if (result.motion() != null) {
            RigidMotion motion = result.motion();
            printer.printf(Locale.ROOT, "rotation angle %.2f degrees, translation (%.4f, %.4f, %.4f)%n",
                    Math.toDegrees(motion.angle()), motion.translation()[0],
                    motion.translation()[1], motion.translation()[2]);
        }
        double[] target = Coordinates.of(y);
        ProjectionFigure.draw("3D registration (" + mode + "), source red, target blue", target,
                new String[] {"start", "after " + steps + " steps"}, result.start(), result.end())
                .save(out);
        printer.printf(Locale.ROOT, "wrote %s%n", out);
        printer.flush();
        return 0;
    }

    private Measure builtInSource(Registration3D.Mode chosen) {
        if (chosen == Registration3D.Mode.FREE_FORM) {
            return Measure.of(BuiltInShapes.sphere(n, 0.6, seed.value()));
        }
        RigidMotion displacement = RigidMotion.identity(new double[3])
                .then(new double[] {0.35, -0.25, 0.5}, new double[] {0.4, -0.3, 0.25});
        double[] spiral = Coordinates.flatten(BuiltInShapes.spiral(n, seed.value()));
        return Measure.ofFlat(displacement.apply(spiral), n, 3, null);
    }

    private Measure builtInTarget(Registration3D.Mode chosen) {
        if (chosen == Registration3D.Mode.FREE_FORM) {
            return Measure.of(BuiltInShapes.torus(n, 0.8, 0.3, seed.value() + 1));
        }
        return Measure.of(BuiltInShapes.spiral(n, seed.value() + 1));
    }

}
