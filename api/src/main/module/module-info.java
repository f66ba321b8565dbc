/**
 * GeomLoss for Java: geometric losses and optimal transport between point clouds, images and volumes.
 *
 * <ul>
 *   <li>{@code org.geomloss}: {@code SamplesLoss} (GeomLoss's {@code SamplesLoss}), {@code Measure}
 *       and the results;</li>
 *   <li>{@code org.geomloss.ot}: the {@code OT} solvers (GeomLoss's {@code ot.solve*});</li>
 *   <li>{@code org.geomloss.images}: losses and barycenters of images and volumes.</li>
 * </ul>
 * Reads {@code org.geomloss.kernels} transitively (devices, costs). Start the JVM with
 * {@code --add-modules jdk.incubator.vector} for the fast kernels.
 */
module org.geomloss {
    requires transitive org.geomloss.kernels;
    requires org.geomloss.multiscale;
    requires org.slf4j;

    exports org.geomloss;
    exports org.geomloss.ot;
    exports org.geomloss.images;
}
