package org.geomloss.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMH JSON and peer CSV files read into timings, and their bad input named. */
class BenchmarkFilesTest {

    @TempDir
    Path folder;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(BenchmarkFilesTest.class.getResource("/bench/" + name).toURI());
    }

    @Test
    void jmhResultsGiveTheMedianInSecondsAndTheParameters() throws Exception {
        List<Timing> timings = JmhResults.read(resource("jmh-small.json"));

        assertEquals(3, timings.size());
        Timing first = timings.get(0);
        assertEquals(Timing.THIS_LIBRARY, first.tool());
        assertEquals(Map.of("benchmark", "SamplesLossBenchmark.valueAndGradients", "backend",
                "online", "loss", "sinkhorn", "n", "1000"), first.parameters());
        assertEquals(0.061, first.seconds(), 1e-12, "the 50th percentile, ms to s");
        assertEquals(2.5, timings.get(1).seconds(), 1e-12, "no percentiles: the score, in s");
        assertEquals(1 / 40.0, timings.get(2).seconds(), 1e-12, "a throughput inverted");
    }

    @Test
    void peerTimingsSkipCommentsAndUnmeasuredLines() throws Exception {
        List<Timing> timings = PeerTimings.read(resource("peers-small.csv"));

        assertEquals(2, timings.size());
        assertEquals("GeomLoss", timings.get(0).tool());
        assertEquals(Map.of("backend", "tensorized", "loss", "sinkhorn", "n", "1000"),
                timings.get(0).parameters());
        assertEquals(0.2, timings.get(0).seconds());
    }

    @Test
    void badFilesAreNamedWithThePlace() throws Exception {
        Path csv = folder.resolve("peers.csv");
        Files.writeString(csv, "tool,n,seconds\nPOT,100,abc\n");
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> PeerTimings.read(csv));
        assertTrue(notNumber.getMessage().contains("peers.csv: line 2, field 'seconds': 'abc'"),
                notNumber.getMessage());

        Files.writeString(csv, "tool,n\nPOT,100\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PeerTimings.read(csv))
                .getMessage().contains("no 'seconds' column"));

        Files.writeString(csv, "tool,n,seconds\nPOT,100,-1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PeerTimings.read(csv))
                .getMessage().contains("> 0"));

        Path json = folder.resolve("results.json");
        Files.writeString(json, "{\"not\": \"jmh\"}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JmhResults.read(json))
                .getMessage().contains("not a JMH result file"));
    }

    @Test
    void theLayoutRefusesAnXThatIsNotANumber() throws Exception {
        List<Timing> timings = JmhResults.read(resource("jmh-small.json"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TimeVsSizePlot.draw("t", timings,
                        new TimeVsSizePlot.Layout("backend", List.of(), null, Map.of())));
        assertTrue(error.getMessage().contains("'backend' is 'online', not a number"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeVsSizePlot.draw("t", timings,
                new TimeVsSizePlot.Layout("n", List.of(), null, Map.of("loss", "gaussian"))));
    }
}
