package org.geomloss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.geomloss.ot.OT;
import org.geomloss.ot.OTResultSample;
import org.geomloss.ot.SampleOptions;
import org.geomloss.sinkhorn.EpsilonSchedule;
import org.geomloss.sinkhorn.ProgressReport;
import org.geomloss.sinkhorn.ProgressReport.Phase;
import org.junit.jupiter.api.Test;

/** The reports SamplesLoss and the ot solvers send to their progress listener, on real runs. */
class ProgressReportingTest {

    private static double[][] cloud(long seed, int n, double shift) {
        Random random = new Random(seed);
        double[][] points = new double[n][2];
        for (double[] point : points) {
            point[0] = random.nextGaussian() * 0.3 + shift;
            point[1] = random.nextGaussian() * 0.3;
        }
        return points;
    }

    /**
     * One run: steps 1, 2, ..., steps of the schedule in order, the same total, elapsed times
     * positive and non-decreasing, estimates present while annealing, and one final report last.
     */
    private static void assertOneRun(List<ProgressReport> reports, int steps) {
        List<ProgressReport> annealing = reports.stream()
                .filter(r -> r.phase() == Phase.ANNEALING).toList();
        assertEquals(steps, annealing.size());
        for (int k = 0; k < steps; k++) {
            assertEquals(k + 1, annealing.get(k).step());
            assertEquals(steps, annealing.get(k).steps());
            assertTrue(annealing.get(k).remaining().isPresent());
        }
        Duration previous = Duration.ZERO;
        for (ProgressReport report : reports) {
            assertTrue(report.elapsed().compareTo(previous) >= 0, "elapsed times go back");
            previous = report.elapsed();
        }
        assertTrue(reports.get(0).elapsed().isPositive(), "first elapsed time is not positive");
        ProgressReport last = reports.get(reports.size() - 1);
        assertEquals(Phase.FINISHED, last.phase());
        assertEquals(steps, last.step());
        assertEquals(Optional.of(Duration.ZERO), last.remaining());
        assertEquals(1, reports.stream().filter(r -> r.phase() == Phase.FINISHED).count());
    }

    @Test
    void sinkhornReportsEveryTemperatureThenItsEnd() {
        for (Backend backend : new Backend[] {Backend.TENSORIZED, Backend.ONLINE,
                Backend.MULTISCALE}) {
            List<ProgressReport> reports = new ArrayList<>();
            SamplesLoss loss = SamplesLoss.builder().blur(0.05).diameter(Math.sqrt(5))
                    .backend(backend).progress(reports::add).build();
            loss.valueAndGradients(Measure.of(cloud(1, 40, 0)), Measure.of(cloud(2, 50, 0.5)));
            double[] schedule = EpsilonSchedule.geomloss(2, Math.sqrt(5), 0.05, 0.5);
            assertOneRun(reports, schedule.length);
            for (int k = 0; k < schedule.length; k++) {
                assertEquals(schedule[k], reports.get(k).eps(), 0.0, backend + " step " + k);
                assertEquals(Math.sqrt(schedule[k]), reports.get(k).blur(), 1e-15);
            }
            assertEquals("sinkhorn " + backend.geomlossName() + " 40x50", reports.get(0).label());
        }
    }

    @Test
    void aToleranceAnnouncesTheRefinementAndCountsItsIterations() {
        List<ProgressReport> reports = new ArrayList<>();
        SamplesLoss loss = SamplesLoss.builder().blur(0.05).tol(1e-5).backend(Backend.ONLINE)
                .progress(reports::add).build();
        LossGradients result = loss.valueAndGradients(Measure.of(cloud(3, 30, 0)),
                Measure.of(cloud(4, 30, 0.5)));
        int steps = reports.get(0).steps();
        assertOneRun(reports, steps);
        assertTrue(reports.get(0).openEnded());
        ProgressReport refining = reports.get(steps);
        assertEquals(Phase.REFINING, refining.phase());
        assertEquals(Optional.empty(), refining.remaining());
        ProgressReport last = reports.get(reports.size() - 1);
        assertEquals(result.refinement().iterations(), last.extraIterations());
        assertTrue(last.extraIterations() > 0, "no refinement iteration at tol 1e-5");
        assertFalse(last.openEnded());
    }

    @Test
    void eachPairOfABatchIsOneLabelledRun() {
        List<ProgressReport> reports = new ArrayList<>();
        SamplesLoss loss = SamplesLoss.builder().progress(reports::add).build();
        loss.value(MeasureBatch.of(List.of(Measure.of(cloud(5, 20, 0)), Measure.of(cloud(6, 20, 0)))),
                MeasureBatch.of(List.of(Measure.of(cloud(7, 20, 1)), Measure.of(cloud(8, 20, 1)))));
        List<ProgressReport> first = reports.stream()
                .filter(r -> r.label().endsWith("pair 1/2")).toList();
        List<ProgressReport> second = reports.stream()
                .filter(r -> r.label().endsWith("pair 2/2")).toList();
        assertEquals(reports.size(), first.size() + second.size());
        assertOneRun(first, first.get(0).steps());
        assertOneRun(second, second.get(0).steps());
        assertEquals(first, reports.subList(0, first.size()), "pair 1 runs before pair 2");
    }

    @Test
    void kernelLossesSendOnlyTheFinalReport() {
        List<ProgressReport> reports = new ArrayList<>();
        SamplesLoss.builder().loss(Loss.ENERGY).progress(reports::add).build()
                .value(Measure.of(cloud(9, 10, 0)), Measure.of(cloud(10, 12, 0)));
        assertEquals(1, reports.size());
        assertEquals(Phase.FINISHED, reports.get(0).phase());
        assertEquals(0, reports.get(0).steps());
    }

    @Test
    void solveSampleReportsItsAnnealingRefinementAndEnd() {
        List<ProgressReport> reports = new ArrayList<>();
        OTResultSample result = OT.solveSample(cloud(11, 30, 0), cloud(12, 35, 0.5),
                SampleOptions.blur(0.1).maxIter(20).tol(1e-6).progress(reports::add));
        assertOneRun(reports, 20);
        assertEquals(Phase.REFINING, reports.get(20).phase());
        assertEquals(result.iterations() - 20, reports.get(reports.size() - 1).extraIterations());
        assertEquals("ot.solve_sample 30x35", reports.get(0).label());
        // reg = 2 blur^2: the last temperature is reported as the blur asked for.
        assertEquals(0.1, reports.get(19).blur(), 1e-12);
    }
}
