package org.geomloss.kernels;

import java.util.List;

/**
 * A family of devices beyond the JVM, plugged in at run time: {@link Devices} finds every provider
 * on the class path or module path through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/org.geomloss.kernels.DeviceProvider} entry, or {@code provides} in a
 * {@code module-info}). The artifact {@code org.geomloss:geomloss-opencl} provides the scheme
 * {@code opencl}; without it the core artifacts load no native code.
 *
 * <p>A device specification is {@code scheme} (the provider's preferred device) or
 * {@code scheme:selector}. Implementations are public with a public no-argument constructor, are
 * thread-safe, and touch no native library until one of their methods is called (constructing one
 * must be cheap and never fail). They hand out one {@link Device} instance per physical device.
 */
public interface DeviceProvider {

    /**
     * The prefix of the specifications this provider answers, in lower case, e.g. {@code "opencl"}.
     *
     * @return the scheme; never {@code "jvm"}
     */
    String scheme();

    /**
     * The specifications it accepts, for error messages, e.g.
     * {@code "opencl, opencl:P:D, opencl:<name fragment>"}.
     *
     * @return the accepted forms, comma-separated
     */
    String usage();

    /**
     * What this family offers on this machine: one line per device, starting with the specification
     * that selects it ({@code "opencl:0:0 ..."}), or a single line {@code "<Family> is unavailable:
     * <why, and what to install>"}.
     *
     * @return at least one line
     */
    List<String> describeAll();

    /**
     * The device the bare scheme names (for OpenCL: the first GPU, else the first device).
     *
     * @return the device
     * @throws IllegalStateException if the family has no usable device here (the message says why)
     */
    Device preferred();

    /**
     * The device named by the text after {@code "scheme:"}.
     *
     * @param selector the text after the colon, not null
     * @return the device
     * @throws IllegalArgumentException if {@code selector} names no device (the message lists them)
     * @throws IllegalStateException    if the family has no usable device here (the message says why)
     */
    Device select(String selector);
}
