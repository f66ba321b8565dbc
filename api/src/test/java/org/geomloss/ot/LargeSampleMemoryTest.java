package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A 2,000 x 2,000 {@code solveSample} with a tolerance converges, and nothing of size N x M is
 * kept by the solver, the marginals, the operators or the displacements: the heap retained by the
 * result stays far below the 32 MB of one dense plan, which appears only when {@code plan()} is
 * called. Heap figures are printed (used heap after a full GC, so noise is a few hundred KB).
 */
class LargeSampleMemoryTest {

    private static final int N = 2000;
    private static final long PLAN_BYTES = 8L * N * N;

    @Test
    void largeProblemConvergesWithoutDenseMatrices() {
        Random random = new Random(7);
        double[][] x = new double[N][2];
        double[][] y = new double[N][2];
        for (int i = 0; i < N; i++) {
            x[i][0] = random.nextDouble();
            x[i][1] = random.nextDouble();
            y[i][0] = 0.5 + 0.5 * random.nextGaussian() * 0.3;
            y[i][1] = 0.5 + 0.5 * random.nextGaussian() * 0.3;
        }
        long baseline = usedHeap();
        long start = System.nanoTime();
        OTResultSample result = OT.solveSample(x, y, SampleOptions.blur(0.1).maxIter(20)
                .tol(1e-6));
        long solved = System.nanoTime();
        double[] marginal = result.marginalA();
        double[] moved = result.planOperator().apply(new double[N]);
        double[][] displacement = result.aToB();
        long afterStreaming = usedHeap();
        double[][] plan = result.plan();
        long afterPlan = usedHeap();
        System.out.printf("2000x2000 solveSample: %s, %d iterations, marginal error %.2e, "
                        + "solve %.1f s; heap retained: %.1f MB after solve+marginals+operator+"
                        + "aToB, %.1f MB once plan() is called (one plan = %.1f MB)%n",
                result.convergence(), result.iterations(), result.marginalError(),
                (solved - start) / 1e9, (afterStreaming - baseline) / 1e6,
                (afterPlan - baseline) / 1e6, PLAN_BYTES / 1e6);
        assertEquals(Convergence.CONVERGED, result.convergence());
        assertTrue(result.marginalError() <= 1e-6 * 1.01);
        assertEquals(N, marginal.length + moved.length - N);
        assertEquals(N, displacement.length);
        assertTrue(afterStreaming - baseline < PLAN_BYTES / 4,
                "retained " + (afterStreaming - baseline) + " bytes before plan()");
        assertTrue(afterPlan - baseline >= PLAN_BYTES, "the measurement must see a dense plan");
        assertEquals(N, plan.length);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
