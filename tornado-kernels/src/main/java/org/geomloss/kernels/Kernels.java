package org.geomloss.kernels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the JVM implementation of {@link PointKernels} once per {@link Precision}, at first use (a
 * lazy holder).
 *
 * <p>The Vector API implementation ({@code org.geomloss.kernels.vector.VectorPointKernels}, and
 * {@code DoubleVectorPointKernels} for float64) is chosen
 * when the module {@code jdk.incubator.vector} is readable, that is when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}. Otherwise the {@link ScalarPointKernels} run, and one
 * warning says how to enable the fast path. The system property {@code geomloss.kernels}
 * ({@code vector} or {@code scalar}) overrides the choice, for tests and comparisons.
 */
public final class Kernels {

    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
    private static final String VECTOR_CLASS = "org.geomloss.kernels.vector.VectorPointKernels";
    private static final String DOUBLE_VECTOR_CLASS =
            "org.geomloss.kernels.vector.DoubleVectorPointKernels";

    private Kernels() {
    }

    /** The fastest float32 JVM kernels available in this JVM. */
    public static PointKernels jvm() {
        return Holder.BEST;
    }

    /** The fastest JVM kernels in {@code precision} available in this JVM. */
    public static PointKernels jvm(Precision precision) {
        return precision == Precision.FLOAT64 ? DoubleHolder.BEST : Holder.BEST;
    }

    /** The scalar reference kernels (float32). */
    public static PointKernels scalar() {
        return ScalarPointKernels.INSTANCE;
    }

    /** The scalar reference kernels in {@code precision}. */
    public static PointKernels scalar(Precision precision) {
        return precision == Precision.FLOAT64 ? ScalarPointKernels.FLOAT64
                : ScalarPointKernels.INSTANCE;
    }

    /** Whether the Vector API module is readable in this JVM. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static PointKernels choose(Precision precision) {
        String forced = System.getProperty("geomloss.kernels", "");
        PointKernels scalar = scalar(precision);
        if (forced.equals("scalar")) {
            LOG.info("geomloss.kernels=scalar: using the scalar {} kernels", precision.label());
            return scalar;
        }
        if (!vectorModulePresent()) {
            LOG.warn("The Vector API module is not enabled: GeomLoss {} kernels run scalar and up to "
                    + "40x slower. Start the JVM with --add-modules jdk.incubator.vector "
                    + "(or set JDK_JAVA_OPTIONS) to enable the fast path.", precision.label());
            return scalar;
        }
        try {
            Class<?> type = Class.forName(precision == Precision.FLOAT64 ? DOUBLE_VECTOR_CLASS
                    : VECTOR_CLASS);
            return (PointKernels) type.getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("The Vector API {} kernels could not be loaded ({}); using the scalar kernels.",
                    precision.label(), e.toString());
            return scalar;
        }
    }

    private static final class Holder {
        static final PointKernels BEST = choose(Precision.FLOAT32);
    }

    private static final class DoubleHolder {
        static final PointKernels BEST = choose(Precision.FLOAT64);
    }
}
