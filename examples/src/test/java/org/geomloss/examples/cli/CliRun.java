package org.geomloss.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command-line tool in this JVM, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GeomLossCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
