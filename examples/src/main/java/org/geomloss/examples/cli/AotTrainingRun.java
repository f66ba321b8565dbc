package org.geomloss.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.data.Coordinates;
import org.geomloss.examples.io.ArrayFiles;
import org.geomloss.examples.io.NpyFormat;
import org.geomloss.examples.io.NumericMatrix;

/**
 * The training workload of the ahead-of-time cache {@code geomloss.aot} that {@code mvn package}
 * writes beside {@code geomloss.jar} (JDK 25, JEP 483/514): run once in a JVM started with
 * {@code -XX:AOTCacheOutput}, it makes the tool's common commands load their classes, so that the
 * cache holds them already parsed, verified and linked and the {@code geomloss} launcher starts
 * faster with {@code -XX:AOTCache}.
 *
 * <p>The workload: {@code loss} between two 200-point clouds read from {@code .npy} and {@code .csv}
 * (Sinkhorn with gradients written, then the energy distance), {@code ot} with its plan written, and
 * {@code demo} on 100 points (the nine losses in 2D and 3D). Its files live in a temporary folder
 * that is deleted afterwards. Any command that fails stops the run with an exception, so a broken
 * training is a failed build, not a silently useless cache.
 *
 * <p>What the cache cannot hold: method profiles (JEP 515) are only stored when the module graph
 * can be archived, and a graph that contains an incubator module ({@code jdk.incubator.vector})
 * cannot; the Vector API kernels therefore still compile at run time (the launcher's
 * {@code CompileCommand} flags make that early).
 */
final class AotTrainingRun {

    private static final int POINTS = 200;

    private AotTrainingRun() {
    }

    /** Runs the workload; {@code args} are ignored. */
    public static void main(String[] args) throws IOException {
        Path folder = Files.createTempDirectory("geomloss-aot-training");
        try {
            train(folder);
        } finally {
            deleteTree(folder);
        }
    }

    private static void train(Path folder) {
        Path x = folder.resolve("x.npy");
        Path y = folder.resolve("y.csv");
        ArrayFiles.write(x, cloud(BuiltInShapes.sphere(POINTS, 1.0, 1)), NpyFormat.DType.FLOAT32);
        ArrayFiles.write(y, cloud(BuiltInShapes.torus(POINTS, 1.0, 0.35, 2)),
                NpyFormat.DType.FLOAT64);
        String xs = x.toString();
        String ys = y.toString();
        for (List<String> command : List.of(
                List.of("loss", xs, ys, "--grad-x", folder.resolve("gx.npy").toString(),
                        "--grad-y", folder.resolve("gy.csv").toString()),
                List.of("loss", xs, ys, "--loss", "energy"),
                List.of("ot", xs, ys, "--blur", "0.05", "--plan", folder.resolve("p.npy").toString()),
                List.of("demo", "--n", "100"))) {
            run(command);
        }
    }

    private static void run(List<String> command) {
        StringWriter errors = new StringWriter();
        int code = GeomLossCommand.run(command.toArray(String[]::new),
                new PrintWriter(Writer.nullWriter()), new PrintWriter(errors));
        if (code != 0) {
            throw new IllegalStateException("AOT training: 'geomloss " + String.join(" ", command)
                    + "' exited with " + code + ": " + errors);
        }
    }

    private static NumericMatrix cloud(double[][] points) {
        return NumericMatrix.of(points.length, points[0].length, Coordinates.flatten(points));
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
