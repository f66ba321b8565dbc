package org.geomloss.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.ProgressReport;
import org.geomloss.sinkhorn.ProgressReport.Phase;
import org.junit.jupiter.api.Test;

/**
 * The tolerance and progress of the grid losses: with {@code tol}, the image pyramid and the single
 * input grid end at the same fixed point (the refinement and the final step run on the input grid
 * for both), and every step, refinement iteration and the end are reported.
 */
class GridRefinementTest {

    private static final double[] A = GridReference.density(16 * 16, 21, 5);
    private static final double[] B = GridReference.density(16 * 16, 22, 5);

    @Test
    void pyramidAndSingleGridReachTheSameFixedPoint() {
        for (ImagesLoss.Builder builder : List.of(ImagesLoss.builder().blur(0.1).tol(1e-9),
                ImagesLoss.builder().blur(0.1).reach(0.3).tol(1e-9))) {
            GridLossResult pyramid = builder.build().valueAndGradients(A, B, 16, 16);
            GridLossResult single = builder.multiscale(false).build()
                    .valueAndGradients(A, B, 16, 16);
            assertTrue(pyramid.refinement().converged(), "pyramid: " + pyramid.refinement());
            assertTrue(single.refinement().converged(), "single grid: " + single.refinement());
            assertEquals(single.value(), pyramid.value(), 1e-7 * Math.abs(single.value()));
            assertClose(single.gradientA(), pyramid.gradientA(), 1e-6);
            assertClose(single.gradientB(), pyramid.gradientB(), 1e-6);
        }
    }

    @Test
    void withoutTolNoRefinementIsReported() {
        assertNull(ImagesLoss.builder().tol(1e-6).fixedSchedule().build()
                .valueAndGradients(A, B, 16, 16).refinement());
    }

    @Test
    void progressReportsEachTemperatureEachRefinementIterationAndTheEnd() {
        List<ProgressReport> reports = new ArrayList<>();
        GridLossResult result = ImagesLoss.builder().blur(0.1).tol(1e-8).progress(reports::add)
                .build().valueAndGradients(A, B, 16, 16);
        int steps = EpsilonSchedule.geomloss(2, Math.sqrt(2), 0.1, 0.5).length;
        assertEquals(steps, reports.stream().filter(r -> r.phase() == Phase.ANNEALING).count());
        List<ProgressReport> refining = reports.stream()
                .filter(r -> r.phase() == Phase.REFINING).toList();
        int iterations = result.refinement().iterations();
        assertTrue(iterations > 0, "test setup: no refinement iteration");
        assertEquals(iterations + 1, refining.size());
        for (int k = 0; k < refining.size(); k++) {
            assertEquals(k, refining.get(k).extraIterations());
        }
        ProgressReport last = reports.get(reports.size() - 1);
        assertEquals(Phase.FINISHED, last.phase());
        assertEquals(iterations, last.extraIterations());
        assertEquals("sinkhorn grid 16x16", last.label());
    }

    @Test
    void badTolerancesAreRefused() {
        for (double tol : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImagesLoss.builder().tol(tol));
            assertTrue(e.getMessage().contains("tol") && e.getMessage().contains(String.valueOf(tol)),
                    e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VolumesLoss.builder().maxExtraIter(-2));
        assertTrue(e.getMessage().contains("maxExtraIter") && e.getMessage().contains("-2"),
                e.getMessage());
        assertThrows(NullPointerException.class, () -> ImagesLoss.builder().progress(null));
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance) {
        double scale = 0;
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            error = Math.max(error, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(error <= tolerance * scale, "max error " + error + " > " + tolerance + " x "
                + scale);
    }
}
