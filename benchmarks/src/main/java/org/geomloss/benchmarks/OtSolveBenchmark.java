package org.geomloss.benchmarks;

import java.util.concurrent.TimeUnit;
import org.geomloss.Measure;
import org.geomloss.ot.OT;
import org.geomloss.ot.OTResultSample;
import org.geomloss.ot.SampleOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link OT#solveSample} call in 3D (GeomLoss's {@code ot.solve_sample}, cost {@code |x-y|^2},
 * blur 0.05, so {@code eps = 2 blur^2}) to the default marginal tolerance, on the clouds of
 * {@link SamplesLossBenchmark} (N = M points on two spheres of diameter 1, random weights), reading
 * the value: the time of an accurate entropic OT solve against N. {@code precision} chooses the
 * float32 point kernels ({@code float[][]} clouds) or the float64 soft-mins ({@code double[][]}).
 *
 * <p>The setup checks its own result: the solve converged and the value is finite and positive.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class OtSolveBenchmark {

    @Param({"300", "1000", "3000"})
    public int n;

    @Param({"float32", "float64"})
    public String precision;

    private float[][] x;
    private float[][] y;
    private SampleOptions options;

    @Setup
    public void setUp() {
        Measure xs = SamplesLossBenchmark.sphere(n, 1, 0.0);
        Measure ys = SamplesLossBenchmark.sphere(n, 2, 0.2);
        x = rows(xs);
        y = rows(ys);
        options = SampleOptions.blur(0.05).a(xs.weights()).b(ys.weights());
        OTResultSample check = solve();
        if (!check.converged() || !(check.value() > 0) || Double.isInfinite(check.value())) {
            throw new IllegalStateException("benchmark self-check: value " + check.value() + ", "
                    + check.convergence());
        }
    }

    @Benchmark
    public double solveSample() {
        return solve().value();
    }

    private OTResultSample solve() {
        return switch (precision) {
            case "float32" -> OT.solveSample(x, y, options);
            case "float64" -> OT.solveSample(widen(x), widen(y), options);
            default -> throw new IllegalArgumentException("precision must be float32 or float64, "
                    + "got '" + precision + "'");
        };
    }

    private static float[][] rows(Measure measure) {
        float[] flat = measure.coordinates();
        int d = measure.dimension();
        float[][] rows = new float[measure.count()][d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return rows;
    }

    private static double[][] widen(float[][] rows) {
        double[][] wide = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            wide[i] = new double[rows[i].length];
            for (int k = 0; k < rows[i].length; k++) {
                wide[i][k] = rows[i][k];
            }
        }
        return wide;
    }
}
