package org.geomloss.kernels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices kernels can run on: the JVM, always, and those of every {@link DeviceProvider} found
 * on the class path or module path at first use (a lazy holder; {@link ServiceLoader} with this
 * class's loader). A specification ({@link #parse(String)}) is {@code "jvm"} or
 * {@code "scheme[:selector]"} of a provider, e.g. {@code "opencl"}, {@code "opencl:0:0"},
 * {@code "opencl:nvidia"}.
 *
 * <p>OpenCL ships in its own artifact, {@code org.geomloss:geomloss-opencl} (it brings the JOCL
 * binding and its native library): when it is absent, {@link #list()} says so in one line and every
 * OpenCL selection throws an {@link IllegalStateException} naming the artifact to add. Nothing ever
 * falls back to the JVM silently. Thread-safe.
 */
public final class Devices {

    /** System property read by {@link #fromSystemProperty()}. */
    public static final String SYSTEM_PROPERTY = "geomloss.device";

    /** The scheme of the OpenCL devices, provided by {@code geomloss-opencl}. */
    static final String OPENCL = "opencl";

    private static final Logger LOG = LoggerFactory.getLogger(Devices.class);

    private Devices() {
    }

    /**
     * The JVM: Vector API kernels when {@code jdk.incubator.vector} is enabled, else scalar ones, on
     * the library's {@link ComputePool} (see {@link Kernels#jvm()}).
     *
     * @return the one JVM device
     */
    public static Device jvm() {
        return JvmDevice.INSTANCE;
    }

    /**
     * OpenCL device {@code deviceIndex} of platform {@code platformIndex}, numbered as in
     * {@link #list()}.
     *
     * @param platformIndex index of the OpenCL platform
     * @param deviceIndex   index of the device in that platform
     * @return the device
     * @throws IllegalStateException    if OpenCL is unavailable (the artifact is missing or the
     *                                  machine has no driver; the message says which and what to add)
     * @throws IllegalArgumentException if there is no such platform or device (the message lists them)
     */
    public static Device openCl(int platformIndex, int deviceIndex) {
        return provider(OPENCL).select(platformIndex + ":" + deviceIndex);
    }

    /**
     * The first OpenCL device whose platform or device name contains {@code nameFragment}, ignoring
     * case (e.g. {@code "nvidia"}, {@code "h100"}, {@code "portable"} for PoCL).
     *
     * @param nameFragment part of the platform or device name
     * @return the device
     * @throws IllegalStateException    if OpenCL is unavailable (the message says why and what to add)
     * @throws IllegalArgumentException if no device matches (the message lists them)
     */
    public static Device openCl(String nameFragment) {
        Objects.requireNonNull(nameFragment, "nameFragment");
        return provider(OPENCL).select(nameFragment);
    }

    /**
     * What this machine offers, one description per line: the JVM first, then the lines of every
     * provider ({@link DeviceProvider#describeAll()}: each starts with the specification that selects
     * the device, e.g. {@code "opencl:0:0 NVIDIA CUDA / NVIDIA H100 ..."}, or says why the family is
     * unavailable), then one line {@code "OpenCL is unavailable: ..."} naming the artifact to add
     * when {@code geomloss-opencl} is absent.
     *
     * @return at least two lines
     */
    public static List<String> list() {
        List<String> lines = new ArrayList<>();
        lines.add(jvm().description());
        for (DeviceProvider provider : Installed.PROVIDERS.values()) {
            lines.addAll(provider.describeAll());
        }
        if (!Installed.PROVIDERS.containsKey(OPENCL)) {
            lines.add(openClArtifactMissing());
        }
        return List.copyOf(lines);
    }

    /**
     * The device named by the system property {@value #SYSTEM_PROPERTY}, so that tests and
     * benchmarks can run on another device without code changes; {@link #jvm()} when it is unset or
     * blank. See {@link #parse(String)} for the values.
     *
     * @return the device
     * @throws IllegalArgumentException if the value is not understood (the message quotes it)
     * @throws IllegalStateException    if it names a device family that is unavailable
     */
    public static Device fromSystemProperty() {
        String value = System.getProperty(SYSTEM_PROPERTY, "");
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + SYSTEM_PROPERTY + "=" + value + ": " + e.getMessage(), e);
        }
    }

    /**
     * The device named by {@code spec}, ignoring case and surrounding blanks:
     * <ul>
     *   <li>{@code "jvm"} or blank: {@link #jvm()};</li>
     *   <li>{@code "opencl"}: the first OpenCL GPU, else the first OpenCL device;</li>
     *   <li>{@code "opencl:P:D"}: {@link #openCl(int, int) openCl(P, D)};</li>
     *   <li>{@code "opencl:name"}: {@link #openCl(String) openCl(name)};</li>
     *   <li>{@code "scheme"} or {@code "scheme:selector"} of any other {@link DeviceProvider}.</li>
     * </ul>
     *
     * @param spec the specification
     * @return the device
     * @throws NullPointerException     if {@code spec} is null
     * @throws IllegalArgumentException if {@code spec} is none of these, or names no device
     * @throws IllegalStateException    if it names a family that is unavailable: its artifact is
     *                                  missing or the machine lacks its driver (the message says which)
     */
    public static Device parse(String spec) {
        String value = Objects.requireNonNull(spec, "spec").strip();
        if (value.isEmpty() || value.equalsIgnoreCase("jvm")) {
            return jvm();
        }
        int colon = value.indexOf(':');
        String scheme = (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
        if (!scheme.equals(OPENCL) && !Installed.PROVIDERS.containsKey(scheme)) {
            throw new IllegalArgumentException("device '" + spec + "' is not one of " + usage());
        }
        DeviceProvider provider = provider(scheme);
        return colon < 0 ? provider.preferred() : provider.select(value.substring(colon + 1));
    }

    /** Every accepted form, for error messages: {@code "jvm, opencl, opencl:P:D, ..."}. */
    private static String usage() {
        StringBuilder forms = new StringBuilder("jvm");
        for (DeviceProvider provider : Installed.PROVIDERS.values()) {
            forms.append(", ").append(provider.usage());
        }
        if (!Installed.PROVIDERS.containsKey(OPENCL)) {
            forms.append(", opencl (with org.geomloss:geomloss-opencl)");
        }
        return forms.toString();
    }

    private static DeviceProvider provider(String scheme) {
        DeviceProvider provider = Installed.PROVIDERS.get(scheme);
        if (provider == null) {
            throw new IllegalStateException(openClArtifactMissing());
        }
        return provider;
    }

    /** Why there is no OpenCL device when its artifact is absent, and what to add. */
    private static String openClArtifactMissing() {
        return "OpenCL is unavailable: the OpenCL devices are in the artifact "
                + "org.geomloss:geomloss-opencl (module org.geomloss.kernels.opencl), which is not on the "
                + "class path or module path; add it as a dependency, with the same version as "
                + "geomloss-api";
    }

    private static Map<String, DeviceProvider> load() {
        Map<String, DeviceProvider> providers = new LinkedHashMap<>();
        Iterator<DeviceProvider> found = ServiceLoader.load(DeviceProvider.class,
                Devices.class.getClassLoader()).iterator();
        try {
            while (found.hasNext()) {
                DeviceProvider provider = found.next();
                if (providers.putIfAbsent(provider.scheme(), provider) == null) {
                    LOG.debug("device provider {} serves '{}'", provider.getClass().getName(),
                            provider.scheme());
                }
            }
        } catch (ServiceConfigurationError e) {
            LOG.warn("Looking up device providers stopped at a broken one; devices found so far: {}. "
                    + "Cause: {}", providers.keySet(), e.toString());
        }
        return Collections.unmodifiableMap(providers);
    }

    /** The providers on the class path or module path, found once. */
    private static final class Installed {
        static final Map<String, DeviceProvider> PROVIDERS = load();
    }
}
