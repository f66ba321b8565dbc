package org.geomloss.kernels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the JVM implementation of {@link PointKernels} once, at first use (a lazy holder).
 *
 * <p>The Vector API implementation ({@code org.geomloss.kernels.vector.VectorPointKernels}) is chosen
 * when the module {@code jdk.incubator.vector} is readable, that is when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}. Otherwise the {@link ScalarPointKernels} run, and one
 * warning says how to enable the fast path. The system property {@code geomloss.kernels}
 * ({@code vector} or {@code scalar}) overrides the choice, for tests and comparisons.
 */
public final class Kernels {

    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
    private static final String VECTOR_CLASS = "org.geomloss.kernels.vector.VectorPointKernels";

    private Kernels() {
    }

    /** The fastest JVM kernels available in this JVM. */
    public static PointKernels jvm() {
        return Holder.BEST;
    }

    /** The scalar reference kernels. */
    public static PointKernels scalar() {
        return ScalarPointKernels.INSTANCE;
    }

    /** Whether the Vector API module is readable in this JVM. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static PointKernels choose() {
        String forced = System.getProperty("geomloss.kernels", "");
        if (forced.equals("scalar")) {
            LOG.info("geomloss.kernels=scalar: using the scalar kernels");
            return ScalarPointKernels.INSTANCE;
        }
        if (!vectorModulePresent()) {
            LOG.warn("The Vector API module is not enabled: GeomLoss kernels run scalar and up to 40x "
                    + "slower. Start the JVM with --add-modules jdk.incubator.vector "
                    + "(or set JDK_JAVA_OPTIONS) to enable the fast path.");
            return ScalarPointKernels.INSTANCE;
        }
        try {
            Class<?> type = Class.forName(VECTOR_CLASS);
            return (PointKernels) type.getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("The Vector API kernels could not be loaded ({}); using the scalar kernels.",
                    e.toString());
            return ScalarPointKernels.INSTANCE;
        }
    }

    private static final class Holder {
        static final PointKernels BEST = choose();
    }
}
