package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.opencl.OpenClDevices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss devices}: where the kernels can run, for {@code --device}. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Lists the devices --device can name: the JVM, and each OpenCL device (or why "
                + "OpenCL is unavailable).")
final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("jvm: " + Device.jvm().description());
        for (String line : OpenClDevices.describeAll()) {
            out.println("opencl: " + line);
        }
        out.flush();
        return 0;
    }
}
