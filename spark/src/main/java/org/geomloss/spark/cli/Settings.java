package org.geomloss.spark.cli;

import org.geomloss.examples.cli.LossOptions;
import org.geomloss.spark.LossSettings;

/** The loss settings of the command line's loss options, checked on the driver. */
final class Settings {

    private Settings() {
    }

    /**
     * The settings {@code options} describe.
     *
     * @throws IllegalArgumentException for a bad value, or a device other than the JVM (the tasks
     *                                  run the JVM kernels)
     */
    static LossSettings of(LossOptions options) {
        if (!options.deviceName().equalsIgnoreCase("jvm")) {
            throw new IllegalArgumentException("--device " + options.deviceName() + ": the Spark "
                    + "commands run the JVM kernels in every task; drop --device");
        }
        LossSettings.Builder builder = LossSettings.builder();
        options.parameters().forEach(builder::set);
        return builder.build();
    }
}
