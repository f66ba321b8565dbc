import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;

/**
 * The first calls of a fresh JVM: SamplesLoss with GeomLoss's defaults (Sinkhorn, p = 2, blur
 * 0.05, scaling 0.5, debiased), value and gradients, between two N-point 3D clouds (uniform in the
 * unit cube, the second shifted by 0.2). Prints, per call, wall milliseconds / process CPU
 * milliseconds (all threads, the JIT compilers included), and after the first call the CPU
 * milliseconds of each kind of thread (from /proc; Linux only): C1 and C2 compilers, the compute
 * pool ({@code geomloss-kernel-*}), the main thread (start-up included), the others (GC...).
 * Usage: FirstCall [N] [calls].
 */
public class FirstCall {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SplittableRandom random = new SplittableRandom(1);
        double[][] x = new double[n][3];
        double[][] y = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = random.nextDouble();
                y[i][k] = random.nextDouble() + 0.2;
            }
        }
        Measure mx = Measure.of(x);
        Measure my = Measure.of(y);
        SamplesLoss loss = SamplesLoss.builder().build();
        StringBuilder line = new StringBuilder("main at " + ManagementFactory.getRuntimeMXBean()
                .getUptime() + " ms; calls (wall/cpu ms):");
        for (int c = 0; c < calls; c++) {
            long wall = System.nanoTime();
            long cpu = processCpuNanos();
            LossGradients result = loss.valueAndGradients(mx, my);
            line.append(String.format(" %.0f/%.0f", (System.nanoTime() - wall) / 1e6,
                    (processCpuNanos() - cpu) / 1e6));
            if (c == 0) {
                line.append(" ").append(threadCpuMillis()).append(String.format(" value %.17g",
                        result.value()));
            }
        }
        System.out.println(line);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<String, Long> threadCpuMillis() throws Exception {
        Map<String, Long> millis = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name = Files.readString(task.resolve("comm")).trim();
                String stat = Files.readString(task.resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                String kind = name.startsWith("C2 Comp") ? "C2" : name.startsWith("C1 Comp") ? "C1"
                        : name.startsWith("geomloss-kernel") ? "pool"
                        : name.equals("java") || name.equals("main") ? "main" : "other";
                millis.merge(kind, ticks * 10, Long::sum);
            }
        }
        return millis;
    }
}
