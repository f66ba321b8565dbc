package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The examples of the {@code geomloss.ot} documentation pages (GeomLoss 0.3.1 seeds), printed to
 * 3 decimals as the pages show them ({@code np.set_printoptions(precision=3)}).
 */
class DocumentationExamplesTest {

    private static final double[][] C = {{0, 1, 4}, {2, 1, 0}};

    @Test
    void solve() {
        OTResultMatrix solution = OT.solve(C, SolveOptions.reg(0.001)
                .a(new double[] {2, 2}).b(new double[] {1, 1, 2}).maxIter(100));
        assertEquals("[[1. 1. 0.]\n [0. 0. 2.]]", NumpyPrint.array(solution.plan()));
        assertEquals("0.997", String.format(Locale.ROOT, "%.3f", solution.value()));
    }

    @Test
    void planOperator() {
        OTResultMatrix solution = OT.solve(C, SolveOptions.reg(0.001)
                .a(new double[] {2, 2}).b(new double[] {1, 1, 2}).maxIter(100));
        assertEquals("[[1. 1. 0.]\n [0. 0. 2.]]", NumpyPrint.array(solution.plan()));
        assertEquals("[-1.  2.]",
                NumpyPrint.array(solution.planOperator().apply(new double[] {-2, 1, 1})));
    }

    @Test
    void solveBatch() {
        OTBatchResult solution = OT.solveBatch(
                new double[][][] {C, {{0, 2, 3}, {1, 0, 1}}},
                BatchSolveOptions.reg(0.001).a(new double[][] {{2, 2}, {1, 3}})
                        .b(new double[][] {{1, 1, 2}, {2, 1, 1}}).maxIter(1000));
        assertEquals("[[[1.    1.    0.   ]\n  [0.    0.    2.   ]]\n\n"
                + " [[1.005 0.    0.   ]\n  [0.988 1.003 1.003]]]",
                NumpyPrint.array(solution.plan()));
        assertEquals("[0.997 1.995]", NumpyPrint.array(solution.value()));
    }

    @Test
    void solveSample() {
        OTResultSample solution = OT.solveSample(new double[][] {{0, 0}, {0, 2}},
                new double[][] {{2, 1}, {2, 2}}, SampleOptions.reg(0.001).maxIter(100));
        assertEquals("[[0.5 0. ]\n [0.  0.5]]", NumpyPrint.array(solution.plan()));
        assertEquals("4.501", String.format(Locale.ROOT, "%.3f", solution.value()));
    }

    @Test
    void citation() {
        String citation = OT.solve(C, SolveOptions.reg(1).maxIter(1)).citation();
        assertTrue(citation.startsWith("GeomLoss library:"));
        assertTrue(citation.contains(
                "Interpolating between Optimal Transport and MMD using Sinkhorn Divergences"));
        assertTrue(citation.contains("feydy2019interpolating"));
        assertTrue(citation.contains("2681--2690"));
    }
}
