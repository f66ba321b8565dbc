package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link OT#solveSampleBatch} gives, problem by problem and bit for bit, what solveSample gives. */
class SampleBatchTest {

    private static double[][] cloud(SplittableRandom random, int n, int d, double shift) {
        double[][] points = new double[n][d];
        for (double[] point : points) {
            for (int k = 0; k < d; k++) {
                point[k] = random.nextDouble() + shift;
            }
        }
        return points;
    }

    private static double[] weights(SplittableRandom random, int n, double mass) {
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + random.nextDouble();
            total += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] *= mass / total;
        }
        return w;
    }

    private static List<SampleProblem> problems(int[][] shapes, boolean weighted) {
        SplittableRandom random = new SplittableRandom(5);
        List<SampleProblem> problems = new ArrayList<>();
        for (int[] shape : shapes) {
            SampleProblem problem = SampleProblem.of(cloud(random, shape[0], shape[2], 0),
                    cloud(random, shape[1], shape[2], 0.4));
            problems.add(weighted ? problem.withWeights(weights(random, shape[0], 1.0),
                    weights(random, shape[1], 1.0)) : problem);
        }
        return problems;
    }

    private static void assertSameAsAlone(List<SampleProblem> problems, SampleOptions options) {
        OTSampleBatchResult batch = OT.solveSampleBatch(problems, options);
        assertEquals(problems.size(), batch.size());
        for (int k = 0; k < problems.size(); k++) {
            SampleProblem p = problems.get(k);
            OTResultSample alone = OT.solveSample(p.xa(), p.xb(), options.a(p.a()).b(p.b()));
            OTResultSample batched = batch.get(k);
            assertEquals(alone.value(), batched.value(), 0.0, "problem " + k);
            assertEquals(alone.value(), batch.value()[k], 0.0);
            assertArrayEquals(alone.potentialA(), batched.potentialA(), 0.0);
            assertArrayEquals(alone.potentialB(), batched.potentialB(), 0.0);
            assertArrayEquals(alone.marginalA(), batched.marginalA(), 0.0);
            assertEquals(alone.iterations(), batched.iterations());
            assertEquals(p.xa().length, batched.potentialA().length);
            assertEquals(p.xb().length, batched.potentialB().length);
        }
    }

    @Test
    void raggedProblemsEqualTheOneByOneResults() {
        assertSameAsAlone(problems(new int[][] {{5, 9, 2}, {1, 1, 3}, {120, 80, 3}, {33, 64, 1}},
                true), SampleOptions.blur(0.1));
    }

    @Test
    void equalSizesUnbalancedAndDebiasedEqualTheOneByOneResults() {
        assertSameAsAlone(problems(new int[][] {{40, 40, 2}, {40, 40, 2}, {40, 40, 2}}, false),
                SampleOptions.reg(0.01).reach(0.5).debias(true));
    }

    @Test
    void aBadProblemIsNamed() {
        List<SampleProblem> problems = new ArrayList<>(problems(new int[][] {{5, 6, 2}, {4, 4, 2}},
                false));
        problems.add(SampleProblem.of(new double[][] {{0, 0}}, new double[][] {{0, 0, 1}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OT.solveSampleBatch(problems, SampleOptions.blur(0.1)));
        assertTrue(e.getMessage().startsWith("problems[2]: "), e.getMessage());
        assertTrue(e.getMessage().contains("D=3"), e.getMessage());
    }

    @Test
    void weightsInTheSharedOptionsAreRefused() {
        List<SampleProblem> problems = problems(new int[][] {{3, 3, 2}}, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OT.solveSampleBatch(problems,
                        SampleOptions.blur(0.1).a(new double[] {0.2, 0.3, 0.5})));
        assertTrue(e.getMessage().contains("length 3"), e.getMessage());
    }

    @Test
    void emptyAndNullBatchesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> OT.solveSampleBatch(List.of(), SampleOptions.blur(0.1)));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> OT.solveSampleBatch(null, SampleOptions.blur(0.1)));
        assertEquals("problems", e.getMessage());
    }
}
