package org.geomloss.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.geomloss.sinkhorn.ProgressReport;
import org.geomloss.sinkhorn.ProgressReport.Phase;
import org.junit.jupiter.api.Test;

/** The progress line drawn into a fake terminal (a string) on a fake clock. */
class TerminalProgressLineTest {

    private final StringWriter screen = new StringWriter();
    private long now;
    private final TerminalProgressLine line =
            new TerminalProgressLine(new PrintWriter(screen), () -> now);

    private static ProgressReport step(int step, int steps, boolean openEnded) {
        return new ProgressReport(Phase.ANNEALING, "sinkhorn online 1000x1000", step, steps, 0.01,
                0.1, Duration.ofMillis(1500), Optional.of(Duration.ofMillis(4500)), openEnded, 0);
    }

    /** The text of the line now on the screen: after the last carriage return, padding dropped. */
    private String shown() {
        String text = screen.toString();
        return text.substring(text.lastIndexOf('\r') + 1).stripTrailing();
    }

    @Test
    void nothingIsDrawnInTheFirstSecond() {
        now = Duration.ofMillis(999).toNanos();
        line.onProgress(step(1, 4, false));
        line.count("flows", 1, 9, "flows");
        line.close();
        assertEquals("", screen.toString());
    }

    @Test
    void aSinkhornStepShowsStepTemperatureElapsedAndTimeLeft() {
        now = Duration.ofSeconds(2).toNanos();
        line.onProgress(step(3, 12, false));
        assertEquals("\rsinkhorn online 1000x1000: step 3/12, blur 0.100 (eps 0.0100), 1.5 s elapsed,"
                + " 4.5 s left", screen.toString());
    }

    @Test
    void anUnknownRefinementIsSaidAndTheEndIsDrawnAtOnce() {
        now = Duration.ofSeconds(2).toNanos();
        line.onProgress(step(12, 12, true));
        assertTrue(shown().endsWith("4.5 s left + refinement (iterations unknown)"), shown());
        // Within the redraw period a step is skipped, but a change of phase is drawn.
        now += 1_000_000;
        int before = screen.toString().length();
        line.onProgress(step(12, 12, true));
        assertEquals(before, screen.toString().length(), "a step within 100 ms was drawn");
        line.onProgress(new ProgressReport(Phase.REFINING, "ot", 12, 12, 0.02, 0.1,
                Duration.ofSeconds(2), Optional.empty(), true, 0));
        String refining = "ot: schedule done (12 steps), refining to the tolerance, blur 0.100 "
                + "(eps 0.0200), iteration count unknown, 2.0 s elapsed";
        assertEquals(refining, shown());
        line.onProgress(new ProgressReport(Phase.FINISHED, "ot", 12, 12, 0.02, 0.1,
                Duration.ofSeconds(75), Optional.of(Duration.ZERO), false, 340));
        String done = "ot: done in 1m15s (12 steps + 340 refinement iterations)";
        // The shorter line pads over the longer one it replaces.
        assertTrue(screen.toString().endsWith("\r" + done
                + " ".repeat(refining.length() - done.length())), screen.toString());
    }

    @Test
    void countsShowTheRateAndTheTimeLeftAtThatRate() {
        now = Duration.ofSeconds(4).toNanos();
        line.count("gradient flows", 2, 9, "flows");
        assertEquals("\rgradient flows: 2/9 flows (22%), 0.5 flows/s, 4.0 s elapsed, 14 s left",
                screen.toString());
    }

    @Test
    void eraseLeavesTheTerminalClean() {
        now = Duration.ofSeconds(2).toNanos();
        line.count("x", 1, 2, "y");
        int width = screen.toString().length() - 1;
        line.erase();
        assertTrue(screen.toString().endsWith("\r" + " ".repeat(width) + "\r"));
        int length = screen.toString().length();
        line.close();
        assertEquals(length, screen.toString().length(), "a second erase draws nothing");
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("0.4 s", TerminalProgressLine.duration(Duration.ofMillis(400)));
        assertEquals("42 s", TerminalProgressLine.duration(Duration.ofSeconds(42)));
        assertEquals("3m05s", TerminalProgressLine.duration(Duration.ofSeconds(185)));
        assertEquals("1h02m", TerminalProgressLine.duration(Duration.ofSeconds(3725)));
    }
}
