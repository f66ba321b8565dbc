package org.geomloss.spark.cli;

import java.util.concurrent.Callable;
import org.geomloss.examples.cli.LossOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The options every Spark command takes: the loss options of {@code loss} and the session's. */
abstract class SparkJobCommand implements Callable<Integer> {

    @Mixin
    LossOptions loss;

    @Mixin
    SessionOptions session;

    @Spec
    CommandSpec spec;
}
