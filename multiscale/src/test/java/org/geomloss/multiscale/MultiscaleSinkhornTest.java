package org.geomloss.multiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.geomloss.kernels.GroundCost;
import org.geomloss.kernels.Kernels;
import org.geomloss.kernels.PointArray;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.FinalStep;
import org.geomloss.sinkhorn.SinkhornProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The multiscale loop against (1) an independent dense transcription of GeomLoss's algorithm
 * ({@link DenseMultiscaleReference}, float64 round-off tolerances) and (2) the plain single-scale
 * online loop on the same points and schedule, with the float32 acceptance tolerances of
 * {@code golden/README.md} §5: values and potentials {@code rtol 1e-4}, position gradients
 * {@code rtol 5e-4} (normwise).
 *
 * <p>The plain loop runs one iteration per temperature, so neither loop is converged at small blur:
 * after the coarse-to-fine jump the two paths differ by up to a few percent (measured: 1-4% on values
 * with scaling 0.5 and clusters 5 blurs wide), and the fine iterations only shrink that gap when they
 * are many. The plain-loop comparisons therefore use scaling 0.9, where they do; the truncation is
 * checked separately against {@code truncate = null} where it drops half of the pairs.
 * Balanced potentials are compared after removing their alpha- (or beta-) weighted mean: the
 * additive constant of a balanced dual solution drifts with the path and cancels in every output.
 */
class MultiscaleSinkhornTest {

    private static final double VALUE_RTOL = 1e-4;
    private static final double GRADIENT_RTOL = 5e-4;
    private static final double ROUND_OFF_RTOL = 1e-9;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** One random problem. {@code truncate} null keeps every pair; reach INF is balanced. */
    record Problem(int d, int p, int n, int m, double blur, double clusterScale, double scaling,
                   Double truncate, double reach, long seed) {
    }

    static Stream<Arguments> transcriptionCases() {
        return Stream.of(
                Arguments.of(new Problem(1, 2, 400, 300, 0.01, 0.05, 0.5, 5.0, INF, 1)),
                Arguments.of(new Problem(2, 2, 400, 300, 0.02, 0.1, 0.5, 5.0, INF, 2)),
                Arguments.of(new Problem(3, 2, 400, 300, 0.05, 0.2, 0.5, 5.0, INF, 3)),
                Arguments.of(new Problem(3, 2, 400, 300, 0.05, 0.2, 0.5, null, INF, 4)),
                Arguments.of(new Problem(2, 1, 400, 300, 0.02, 0.1, 0.5, 2.0, INF, 5)),
                Arguments.of(new Problem(2, 2, 400, 300, 0.02, 0.1, 0.7, 5.0, 0.3, 6)),
                Arguments.of(new Problem(2, 2, 400, 300, 0.1, 0.05, 0.5, 5.0, INF, 7)));
    }

    @ParameterizedTest
    @MethodSource("transcriptionCases")
    void matchesAnIndependentDenseTranscriptionOfTheAlgorithm(Problem problem) {
        Clouds clouds = Clouds.random(problem);
        double diameter = SinkhornReadout.diameter(clouds.x, clouds.y);
        // The truncation differs from GeomLoss's by design (KernelTruncation): compare without it.
        MultiscaleResult result = solve(problem, clouds, diameter, null);

        DenseMultiscaleReference.Output expected = DenseMultiscaleReference.run(result.x(),
                result.y(), problem.p(), problem.blur(), rho(problem), diameter, problem.scaling(),
                null);

        assertEquals(expected.jump(), result.jumpIndex());
        FinalStep step = result.finalStep();
        int d = problem.d();
        assertClose(expected.fBA(), step.fBA().potential(), ROUND_OFF_RTOL);
        assertClose(expected.gAB(), step.gAB().potential(), ROUND_OFF_RTOL);
        assertClose(expected.fAA(), step.fAA().potential(), ROUND_OFF_RTOL);
        assertClose(expected.gBB(), step.gBB().potential(), ROUND_OFF_RTOL);
        assertClose(expected.gradFBA(), step.gradient(step.fBA(), d), ROUND_OFF_RTOL);
        assertClose(expected.gradGAB(), step.gradient(step.gAB(), d), ROUND_OFF_RTOL);
        assertClose(expected.gradFAA(), step.gradient(step.fAA(), d), ROUND_OFF_RTOL);
        assertClose(expected.gradGBB(), step.gradient(step.gBB(), d), ROUND_OFF_RTOL);
    }

    static Stream<Arguments> convergentCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Double truncate : new Double[] {5.0, null}) {
            cases.add(Arguments.of(new Problem(1, 2, 1000, 800, 0.1, 0.3, 0.95, truncate, INF, 11)));
            cases.add(Arguments.of(new Problem(2, 2, 1000, 800, 0.1, 0.5, 0.9, truncate, INF, 12)));
            cases.add(Arguments.of(new Problem(3, 2, 1000, 800, 0.1, 0.6, 0.9, truncate, INF, 13)));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("convergentCases")
    void agreesWithThePlainOnlineLoopWhenTheFineIterationsConverge(Problem problem) {
        Clouds clouds = Clouds.random(problem);
        double diameter = SinkhornReadout.diameter(clouds.x, clouds.y);
        List<Integer> iterations = new ArrayList<>();
        MultiscaleResult result = MultiscaleSinkhorn.solve(Kernels.scalar(), GroundCost.HALF_SQUARED_EUCLIDEAN, clouds.x, clouds.a, clouds.y, clouds.b,
                new MultiscaleSettings(MultiscalePlan.TWO_SCALE, 2, problem.blur(), INF, diameter, problem.scaling(), problem.truncate(), problem.clusterScale(), null, true, false),
                (t, total, eps) -> iterations.add(t));

        int length = result.schedule().length;
        assertTrue(result.jumpIndex() < length - 1, "test setup: the jump happens inside the loop");
        assertEquals(java.util.stream.IntStream.range(0, length).boxed().toList(), iterations);
        FinalStep reference = SinkhornReadout.plainLoop(GroundCost.HALF_SQUARED_EUCLIDEAN,
                clouds.x, clouds.a, clouds.y, clouds.b, 2, problem.blur(), INF, diameter,
                problem.scaling());
        assertAgree(SinkhornReadout.balancedDebiased(reference, clouds.a, clouds.b, problem.d()),
                SinkhornReadout.balancedDebiased(result, problem.d()), clouds, VALUE_RTOL, GRADIENT_RTOL);
    }

    static Stream<Arguments> truncatedCases() {
        return Stream.of(
                Arguments.of(new Problem(1, 2, 1500, 1200, 0.005, 0.02, 0.5, 5.0, INF, 21)),
                Arguments.of(new Problem(2, 2, 1500, 1200, 0.02, 0.1, 0.5, 5.0, INF, 22)),
                Arguments.of(new Problem(3, 2, 1500, 1200, 0.02, 0.1, 0.5, 5.0, INF, 23)));
    }

    @ParameterizedTest
    @MethodSource("truncatedCases")
    void truncatingAtFiveBlursChangesNothingBeyondFloat32Tolerances(Problem problem) {
        Clouds clouds = Clouds.random(problem);
        double diameter = SinkhornReadout.diameter(clouds.x, clouds.y);
        MultiscaleResult truncated = solve(problem, clouds, diameter, 5.0);
        MultiscaleResult exact = solve(problem, clouds, diameter, null);

        assertTrue(truncated.keptPairs().xy() < 0.9, "test setup: " + truncated.keptPairs());
        assertEquals(1.0, exact.keptPairs().xy());
        assertAgree(SinkhornReadout.balancedDebiased(exact, problem.d()),
                SinkhornReadout.balancedDebiased(truncated, problem.d()), clouds, VALUE_RTOL, GRADIENT_RTOL);
    }

    /**
     * J = L-1: the final step is the C-transform of the cluster potentials, an approximation by
     * design (GeomLoss reports 0.0092020 against 0.0092007 tensorized). With clusters a fifth of
     * the blur the value stays within 1e-4 (measured 2.1e-5); potentials and position gradients,
     * which see the cluster geometry directly, within 1e-3 and 2e-3 (measured 6.9e-4 and 1.5e-3).
     */
    @Test
    void extrapolatingAfterTheLastIterationStaysCloseToThePlainLoop() {
        Problem problem = new Problem(2, 2, 1000, 800, 0.1, 0.02, 0.5, 5.0, INF, 31);
        Clouds clouds = Clouds.random(problem);
        double diameter = SinkhornReadout.diameter(clouds.x, clouds.y);
        MultiscaleResult result = solve(problem, clouds, diameter, problem.truncate());

        assertEquals(result.schedule().length - 1, result.jumpIndex());
        assertTrue(result.x().clusterCount() < 0.9 * problem.n(), "test setup: real clusters");
        FinalStep reference = SinkhornReadout.plainLoop(GroundCost.HALF_SQUARED_EUCLIDEAN,
                clouds.x, clouds.a, clouds.y, clouds.b, 2, problem.blur(), INF, diameter,
                problem.scaling());
        assertAgree(SinkhornReadout.balancedDebiased(reference, clouds.a, clouds.b, 2),
                SinkhornReadout.balancedDebiased(result, 2), clouds, 1e-3, 2e-3);
    }

    @Test
    void withoutDebiasingTheCrossPotentialsAreThoseOfTheDebiasedRun() {
        Problem problem = new Problem(2, 2, 400, 300, 0.02, 0.1, 0.5, 5.0, INF, 51);
        Clouds clouds = Clouds.random(problem);
        double diameter = SinkhornReadout.diameter(clouds.x, clouds.y);
        MultiscaleResult debiased = solve(problem, clouds, diameter, 5.0);
        MultiscaleResult raw = MultiscaleSinkhorn.solve(Kernels.scalar(), GroundCost.HALF_SQUARED_EUCLIDEAN, clouds.x, clouds.a, clouds.y, clouds.b,
                new MultiscaleSettings(MultiscalePlan.TWO_SCALE, 2, problem.blur(), INF, diameter, problem.scaling(), 5.0, problem.clusterScale(), null, false, false),
                SinkhornProgress.NONE);

        assertTrue(!raw.finalStep().debiased());
        assertTrue(Double.isNaN(raw.keptPairs().xx()) && Double.isNaN(raw.keptPairs().yy()));
        assertEquals(debiased.keptPairs().xy(), raw.keptPairs().xy());
        // The cross updates never read the self potentials: same operations, same bits.
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                debiased.finalStep().fBA().potential(), raw.finalStep().fBA().potential());
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                debiased.finalStep().gAB().potential(), raw.finalStep().gAB().potential());
    }

    @Test
    void identicalMeasuresGiveExactlyZero() {
        Problem problem = new Problem(2, 2, 800, 800, 0.02, 0.1, 0.5, 5.0, INF, 41);
        Clouds clouds = Clouds.random(problem);
        MultiscaleResult result = MultiscaleSinkhorn.solve(Kernels.scalar(), GroundCost.HALF_SQUARED_EUCLIDEAN, clouds.x, clouds.a, clouds.x, clouds.a,
                new MultiscaleSettings(MultiscalePlan.TWO_SCALE, 2, 0.02, INF, Math.sqrt(2), 0.5, 5.0, 0.1, null, true, false),
                SinkhornProgress.NONE);

        assertTrue(result.keptPairs().xy() < 1, "test setup: " + result.keptPairs());
        SinkhornReadout.Divergence divergence = SinkhornReadout.balancedDebiased(result, 2);
        assertEquals(0.0, divergence.value());
        for (double g : divergence.gradX()) {
            assertEquals(0.0, g);
        }
    }

    @Test
    void jumpIndexFollowsGeomLoss() {
        // Unit cube, blur 0.05, scaling 0.5: sigma = 1.732, 1.732, .866, .433, .217, .108, .054, .05;
        // the default scale 1/2000^(1/3) = 0.0794 first exceeds sigma at .054 (index 6): J = 5.
        double[] cube = EpsilonSchedule.geomloss(2, Math.sqrt(3), 0.05, 0.5);
        assertEquals(5, MultiscaleSinkhorn.jumpIndex(cube, GridClustering.defaultScale(Math.sqrt(3),
                3), 2));
        // Clusters smaller than the blur: no temperature falls below scale^p, J = L-1.
        assertEquals(cube.length - 1, MultiscaleSinkhorn.jumpIndex(cube, 0.01, 2));
        // Scale above every temperature from index 2 on: J = 1.
        assertEquals(1, MultiscaleSinkhorn.jumpIndex(cube, 1.0, 2));
        // blur >= diameter: the schedule [d^p, b^p] has L = 2, J = 1.
        assertEquals(1, MultiscaleSinkhorn.jumpIndex(EpsilonSchedule.geomloss(1, 1, 2, 0.5), 5, 1));
    }

    @Test
    void badInputIsRefused() {
        PointArray fourD = new PointArray(new float[8], 2, 4);
        double[] w = {0.5, 0.5};
        var e = assertThrows(IllegalArgumentException.class, () -> MultiscaleSinkhorn.solve(Kernels.scalar(), GroundCost.HALF_SQUARED_EUCLIDEAN, fourD, w, fourD, w,
                new MultiscaleSettings(MultiscalePlan.TWO_SCALE, 2, 0.05, INF, 1, 0.5, 5.0, null, null, true, false),
                SinkhornProgress.NONE));
        assertTrue(e.getMessage().contains("D=4"), e.getMessage());
        PointArray line = new PointArray(new float[] {0, 1}, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> MultiscaleSinkhorn.solve(Kernels.scalar(), GroundCost.EUCLIDEAN, line, w, line, w,
                new MultiscaleSettings(MultiscalePlan.TWO_SCALE, 2, 0.05, INF, 1, 0.5, 5.0, null, null, true, false),
                SinkhornProgress.NONE));
        assertThrows(IllegalArgumentException.class, () -> MultiscaleSinkhorn.solve(Kernels.scalar(), GroundCost.HALF_SQUARED_EUCLIDEAN, line, w, line, w,
                new MultiscaleSettings(MultiscalePlan.TWO_SCALE, 2, 0.05, INF, 1, 0.5, -1.0, null, null, true, false),
                SinkhornProgress.NONE));
        assertThrows(IllegalArgumentException.class, () -> MultiscaleSinkhorn.solve(Kernels.scalar(), GroundCost.HALF_SQUARED_EUCLIDEAN, line, w, line, w,
                new MultiscaleSettings(MultiscalePlan.TWO_SCALE, 2, 0.05, 0.0, 1, 0.5, 5.0, null, null, true, false),
                SinkhornProgress.NONE));
    }

    private static MultiscaleResult solve(Problem problem, Clouds clouds, double diameter,
                                          Double truncate) {
        return MultiscaleSinkhorn.solve(Kernels.scalar(), GroundCost.forExponent(problem.p()), clouds.x, clouds.a, clouds.y, clouds.b,
                new MultiscaleSettings(MultiscalePlan.TWO_SCALE, problem.p(), problem.blur(), problem.reach(), diameter, problem.scaling(), truncate, problem.clusterScale(), null, true, false),
                SinkhornProgress.NONE);
    }

    private static double rho(Problem problem) {
        return Double.isInfinite(problem.reach()) ? INF : Math.pow(problem.reach(), problem.p());
    }

    private static void assertClose(double[] expected, double[] actual, double rtol) {
        double error = SinkhornReadout.relativeError(actual, expected);
        assertTrue(error < rtol, "normwise relative error " + error + " >= " + rtol);
    }

    private static void assertAgree(SinkhornReadout.Divergence expected,
                                    SinkhornReadout.Divergence actual, Clouds clouds,
                                    double potentialRtol, double gradientRtol) {
        assertEquals(expected.value(), actual.value(), VALUE_RTOL * Math.abs(expected.value()));
        assertClose(centred(expected.fBA(), clouds.a), centred(actual.fBA(), clouds.a), potentialRtol);
        assertClose(centred(expected.gAB(), clouds.b), centred(actual.gAB(), clouds.b), potentialRtol);
        assertClose(centred(expected.fAA(), clouds.a), centred(actual.fAA(), clouds.a), potentialRtol);
        assertClose(centred(expected.gBB(), clouds.b), centred(actual.gBB(), clouds.b), potentialRtol);
        assertClose(expected.gradX(), actual.gradX(), gradientRtol);
        assertClose(expected.gradY(), actual.gradY(), gradientRtol);
    }

    /** {@code f - <w, f> / <w, 1>}. */
    private static double[] centred(double[] f, double[] w) {
        double mean = 0;
        double mass = 0;
        for (int i = 0; i < f.length; i++) {
            mean += w[i] * f[i];
            mass += w[i];
        }
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i] - mean / mass;
        }
        return out;
    }

    /** Two random weighted clouds: x uniform in the unit cube, y a shifted, squeezed Gaussian. */
    record Clouds(PointArray x, double[] a, PointArray y, double[] b) {
        static Clouds random(Problem problem) {
            Random random = new Random(problem.seed());
            int d = problem.d();
            float[] x = new float[problem.n() * d];
            for (int k = 0; k < x.length; k++) {
                x[k] = random.nextFloat();
            }
            float[] y = new float[problem.m() * d];
            for (int k = 0; k < y.length; k++) {
                y[k] = (float) (0.6 + 0.15 * random.nextGaussian() + 0.1 * (k % d));
            }
            return new Clouds(new PointArray(x, problem.n(), d), weights(random, problem.n()),
                    new PointArray(y, problem.m(), d), weights(random, problem.m()));
        }

        /** Weights uniform in [0.5, 1.5), normalised to total mass 1. */
        static double[] weights(Random random, int n) {
            double[] w = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                w[i] = 0.5 + random.nextDouble();
                sum += w[i];
            }
            for (int i = 0; i < n; i++) {
                w[i] /= sum;
            }
            return w;
        }
    }
}
