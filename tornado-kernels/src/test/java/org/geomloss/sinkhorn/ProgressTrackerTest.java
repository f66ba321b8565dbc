package org.geomloss.sinkhorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geomloss.sinkhorn.ProgressReport.Phase;
import org.junit.jupiter.api.Test;

/** The reports a tracker builds from a loop's steps, on a fake clock that ticks 10 ms per read. */
class ProgressTrackerTest {

    private static final long TICK = 10_000_000L;

    private static final class FakeClock {
        private long now;

        long read() {
            now += TICK;
            return now;
        }
    }

    @Test
    void stepsReportElapsedTimeAndTheMeanStepTimeTimesTheStepsLeft() {
        List<ProgressReport> reports = new ArrayList<>();
        FakeClock clock = new FakeClock();
        ProgressTracker tracker = new ProgressTracker(reports::add, "test", Math::sqrt, false,
                clock::read);
        double[] schedule = {4, 1, 0.25, 0.0625};
        for (int t = 0; t < schedule.length; t++) {
            tracker.onIteration(t, schedule.length, schedule[t]);
        }
        tracker.finish(0);
        assertEquals(5, reports.size());
        for (int t = 0; t < schedule.length; t++) {
            ProgressReport report = reports.get(t);
            assertEquals(Phase.ANNEALING, report.phase());
            assertEquals(t + 1, report.step());
            assertEquals(4, report.steps());
            assertEquals(schedule[t], report.eps());
            assertEquals(Math.sqrt(schedule[t]), report.blur());
            // The clock read at construction is the start: step t + 1 ends (t + 1) ticks later.
            assertEquals(Duration.ofNanos((t + 1) * TICK), report.elapsed());
            assertEquals(Optional.of(Duration.ofNanos((3 - t) * TICK)), report.remaining());
            assertFalse(report.openEnded());
            assertEquals("test", report.label());
        }
        ProgressReport last = reports.get(4);
        assertEquals(Phase.FINISHED, last.phase());
        assertEquals(4, last.step());
        assertEquals(Optional.of(Duration.ZERO), last.remaining());
        assertEquals(Duration.ofNanos(5 * TICK), last.elapsed());
    }

    @Test
    void aRefinementOfUnknownLengthMakesTheEstimateOpenEnded() {
        List<ProgressReport> reports = new ArrayList<>();
        ProgressTracker tracker = new ProgressTracker(reports::add, "refined", eps -> eps, true,
                new FakeClock()::read);
        tracker.onIteration(0, 2, 1.0);
        tracker.onIteration(1, 2, 0.5);
        tracker.finish(37);
        assertEquals(List.of(Phase.ANNEALING, Phase.ANNEALING, Phase.REFINING, Phase.FINISHED),
                reports.stream().map(ProgressReport::phase).toList());
        assertTrue(reports.get(0).openEnded());
        assertTrue(reports.get(2).openEnded());
        assertEquals(Optional.empty(), reports.get(2).remaining());
        assertEquals(2, reports.get(2).step());
        assertFalse(reports.get(3).openEnded());
        assertEquals(37, reports.get(3).extraIterations());
    }

    @Test
    void eachRefinementIterationIsReportedWithItsCount() {
        List<ProgressReport> reports = new ArrayList<>();
        ProgressTracker tracker = new ProgressTracker(reports::add, "refined", eps -> eps, true,
                new FakeClock()::read);
        tracker.onIteration(0, 1, 0.25);
        tracker.onRefinement(1, 0.5);
        tracker.onRefinement(2, 0.125);
        tracker.finish(2);
        assertEquals(List.of(Phase.ANNEALING, Phase.REFINING, Phase.REFINING, Phase.REFINING,
                Phase.FINISHED), reports.stream().map(ProgressReport::phase).toList());
        assertEquals(List.of(0, 0, 1, 2, 2), reports.stream()
                .map(ProgressReport::extraIterations).toList());
        assertEquals(Optional.empty(), reports.get(3).remaining());
        assertTrue(reports.get(3).openEnded());
        assertEquals(1, reports.get(3).step());
        assertEquals(0.25, reports.get(3).eps());
    }

    @Test
    void aRunWithoutStepsSendsOnlyTheFinalReport() {
        List<ProgressReport> reports = new ArrayList<>();
        new ProgressTracker(reports::add, "energy", eps -> eps, false, new FakeClock()::read)
                .finish(0);
        assertEquals(1, reports.size());
        assertEquals(0, reports.get(0).steps());
        assertTrue(Double.isNaN(reports.get(0).eps()));
        assertTrue(Double.isNaN(reports.get(0).blur()));
    }

    @Test
    void theOlderCallbackGetsZeroBasedStepsOfTheScheduleOnly() {
        List<String> calls = new ArrayList<>();
        ProgressListener listener = ProgressListener.of((iteration, total, eps) ->
                calls.add(iteration + "/" + total + "@" + eps));
        ProgressTracker tracker = new ProgressTracker(listener, "legacy", eps -> eps, true,
                new FakeClock()::read);
        tracker.onIteration(0, 2, 1.0);
        tracker.onIteration(1, 2, 0.5);
        tracker.finish(3);
        assertEquals(List.of("0/2@1.0", "1/2@0.5"), calls);
    }

    @Test
    void remainingIsUnknownBeforeTheFirstPiece() {
        assertEquals(Optional.empty(), ProgressReport.remainingAfter(Duration.ofSeconds(3), 0, 10));
        assertEquals(Optional.of(Duration.ofSeconds(6)),
                ProgressReport.remainingAfter(Duration.ofSeconds(3), 1, 3));
        assertEquals(Optional.of(Duration.ZERO),
                ProgressReport.remainingAfter(Duration.ofSeconds(3), 5, 5));
    }

    @Test
    void aStepBeyondTheScheduleIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProgressReport(Phase.ANNEALING, "x", 3, 2, 1, 1, Duration.ZERO,
                        Optional.empty(), false, 0));
        assertTrue(e.getMessage().contains("step 3 of 2"), e.getMessage());
    }
}
