/**
 * A user's module: GeomLoss for Java read through its stable module names. The geomloss artifacts
 * are automatic modules (named by {@code Automatic-Module-Name}), which declare no dependencies, so
 * the application requires each module it uses, and SLF4J, the one dependency of the library.
 */
module org.geomloss.consumer {
    requires org.geomloss;
    requires org.geomloss.kernels;
    requires org.slf4j;
}
