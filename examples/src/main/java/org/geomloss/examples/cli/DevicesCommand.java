package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.geomloss.kernels.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code geomloss devices}: where the kernels can run, for {@code --device}. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Lists the devices --device can name: the JVM, then each OpenCL device "
                + "(each line starts with its --device value), or why OpenCL is unavailable.")
final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : Devices.list()) {
            out.println(line);
        }
        out.flush();
        return 0;
    }
}
