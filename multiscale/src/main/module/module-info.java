/**
 * Multiscale Sinkhorn of GeomLoss for Java: grid clustering, coarse-to-fine annealing and certified
 * kernel truncation ({@code org.geomloss.multiscale}).
 */
module org.geomloss.multiscale {
    requires transitive org.geomloss.kernels;
    requires org.slf4j;

    exports org.geomloss.multiscale;
}
