package org.geomloss.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.geomloss.Backend;
import org.geomloss.Loss;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
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
 * One {@link SamplesLoss#valueAndGradients} call in 3D, as in GeomLoss's
 * {@code plot_benchmarks_samplesloss_3D.py}: N = M points on two spheres of diameter 1 (the second
 * shifted by 0.2), random positive weights normalised to 1; losses {@code sinkhorn} (p = 2,
 * blur = 0.05, scaling = 0.5, diameter 1) and {@code energy}. Time per call (value and gradients),
 * in seconds: the JMH score of {@code SampleTime} mode gives the median.
 *
 * <p>The setup checks its own result: the value is finite and non-negative, and at N &lt;= 2000 it
 * agrees with the tensorized backend to 1e-4.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class SamplesLossBenchmark {

    @Param({"1000", "10000", "100000"})
    public int n;

    @Param({"sinkhorn", "energy"})
    public String loss;

    @Param({"online"})
    public String backend;

    private SamplesLoss samplesLoss;
    private Measure x;
    private Measure y;

    @Setup
    public void setUp() {
        x = sphere(n, 1, 0.0);
        y = sphere(n, 2, 0.2);
        samplesLoss = builder().backend(Backend.fromName(backend)).build();
        double value = samplesLoss.value(x, y);
        if (!(value >= -1e-6)) {
            throw new IllegalStateException("benchmark self-check: value " + value);
        }
        if (n <= 2000) {
            // The multiscale plans take another path through GeomLoss's fixed schedule (values
            // differ by about 1%): they are checked at convergence.
            boolean converge = Backend.fromName(backend) == Backend.MULTISCALE;
            double checked = converge ? converged(builder().backend(Backend.MULTISCALE)) : value;
            double reference = converge ? converged(builder().backend(Backend.TENSORIZED))
                    : builder().backend(Backend.TENSORIZED).build().value(x, y);
            if (Math.abs(checked - reference) > 1e-4 * Math.abs(reference)) {
                throw new IllegalStateException("benchmark self-check: " + backend + " gives "
                        + checked + ", tensorized " + reference);
            }
        }
    }

    private double converged(SamplesLoss.Builder builder) {
        return builder.tol(1e-6).build().value(x, y);
    }

    private SamplesLoss.Builder builder() {
        return SamplesLoss.builder().loss(Loss.fromName(loss)).p(2).blur(0.05).scaling(0.5)
                .diameter(1.0);
    }

    @Benchmark
    public LossGradients valueAndGradients() {
        return samplesLoss.valueAndGradients(x, y);
    }

    /** N points uniformly on a sphere of diameter 1 centred at (shift, 0, 0), random weights. */
    static Measure sphere(int n, long seed, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] coords = new double[3 * n];
        double[] weights = new double[n];
        double mass = 0;
        for (int i = 0; i < n; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            double norm = 2 * Math.sqrt(a * a + b * b + c * c);
            coords[3 * i] = a / norm + shift;
            coords[3 * i + 1] = b / norm;
            coords[3 * i + 2] = c / norm;
            weights[i] = Math.abs(random.nextGaussian()) + 1e-3;
            mass += weights[i];
        }
        for (int i = 0; i < n; i++) {
            weights[i] /= mass;
        }
        return Measure.ofFlat(coords, n, 3, weights);
    }
}
