package org.geomloss.consumer;

import java.util.List;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.Devices;

/**
 * Runs a Sinkhorn divergence between a cloud and its translate by {@code t}, whose value is exactly
 * {@code |t|^2 / 2} (the translation only adds terms fixed by the marginals), then lists the devices.
 * The argument says which artifacts the module path holds: {@code core} (geomloss-api alone: no
 * OpenCL module, no JOCL, and OpenCL requests name the artifact to add) or {@code opencl} (the
 * OpenCL provider is found: every device, or why the machine has none). Exits with an error on any
 * mismatch.
 */
public final class Main {

    private static final double[] TRANSLATION = {0.25, -0.5};

    public static void main(String[] args) {
        boolean withOpenCl = switch (args.length == 1 ? args[0] : "") {
            case "core" -> false;
            case "opencl" -> true;
            default -> throw new IllegalArgumentException("expected one argument, core or opencl");
        };
        check(Main.class.getModule().isNamed(), "the consumer runs as a named module");
        check("org.geomloss".equals(SamplesLoss.class.getModule().getName()), "module org.geomloss");
        check("org.geomloss.kernels".equals(Devices.class.getModule().getName()),
                "module org.geomloss.kernels");
        check(Devices.jvm().description().contains("vector"),
                "the Vector API kernels run on the module path: " + Devices.jvm().description());

        double expected = (TRANSLATION[0] * TRANSLATION[0] + TRANSLATION[1] * TRANSLATION[1]) / 2;
        double value = divergence(Devices.jvm());
        System.out.println("sinkhorn divergence on " + Devices.jvm().description() + ": " + value
                + " (exact: " + expected + ")");
        check(Math.abs(value - expected) <= 1e-4 * expected, "the divergence is |t|^2/2");

        List<String> devices = Devices.list();
        devices.forEach(line -> System.out.println("device: " + line));
        boolean openClModule = ModuleLayer.boot().findModule("org.geomloss.kernels.opencl").isPresent();
        boolean joclModule = ModuleLayer.boot().findModule("jocl").isPresent();
        boolean namesArtifact = devices.stream().anyMatch(line -> line.contains("org.geomloss:geomloss-opencl"));
        if (withOpenCl) {
            check(openClModule && joclModule, "the OpenCL module and JOCL are resolved");
            check(!namesArtifact, "the OpenCL provider is found");
            for (String line : devices.subList(1, devices.size())) {
                check(line.startsWith("opencl:") || line.startsWith("OpenCL is unavailable: "), line);
            }
            if (devices.get(1).startsWith("opencl:")) {
                Device openCl = Devices.parse("opencl");
                double onDevice = divergence(openCl);
                System.out.println("sinkhorn divergence on " + openCl.description() + ": " + onDevice);
                check(Math.abs(onDevice - expected) <= 1e-4 * expected, "the OpenCL divergence is |t|^2/2");
            }
        } else {
            check(!openClModule && !joclModule, "geomloss-api brings neither geomloss-opencl nor JOCL");
            check(namesArtifact && devices.size() == 2, "the list names the OpenCL artifact to add");
            try {
                Devices.parse("opencl");
                check(false, "asking for OpenCL without its artifact must fail");
            } catch (IllegalStateException e) {
                check(e.getMessage().contains("org.geomloss:geomloss-opencl"), e.getMessage());
            }
        }
        System.out.println("consumer (" + args[0] + "): OK");
    }

    private static double divergence(Device device) {
        int n = 200;
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            // Multiples of 1/64: the translate is exact in float32.
            x[i] = new double[] {(i * 37 % 64) / 64.0, (i * 11 % 61) / 64.0};
            y[i] = new double[] {x[i][0] + TRANSLATION[0], x[i][1] + TRANSLATION[1]};
        }
        return SamplesLoss.builder().blur(0.05).device(device).build().value(Measure.of(x), Measure.of(y));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("consumer check failed: " + what);
        }
    }
}
