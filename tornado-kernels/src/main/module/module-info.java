/**
 * The compute kernels of GeomLoss for Java and the Sinkhorn loop they serve.
 *
 * <ul>
 *   <li>{@code org.geomloss.kernels}: soft-min and kernel-sum reductions ({@code PointKernels}), the
 *       scalar reference, the ground costs and the devices ({@code Devices}, {@code Device},
 *       {@code DeviceProvider});</li>
 *   <li>{@code org.geomloss.sinkhorn}: the symmetric, annealed Sinkhorn loop and its soft-min
 *       strategies.</li>
 * </ul>
 * The Vector API kernels are used when the JVM runs with {@code --add-modules jdk.incubator.vector}
 * (else the scalar ones, with one warning). Other devices are plugged in through
 * {@code DeviceProvider} services, such as the module {@code org.geomloss.kernels.opencl}. The only
 * dependency is SLF4J.
 */
module org.geomloss.kernels {
    requires org.slf4j;
    requires static jdk.incubator.vector;

    exports org.geomloss.kernels;
    exports org.geomloss.sinkhorn;

    uses org.geomloss.kernels.DeviceProvider;
}
