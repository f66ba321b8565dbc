/** A user's module: GeomLoss for Java read through its module name (it reads org.geomloss.kernels too). */
module org.geomloss.consumer {
    requires org.geomloss;
}
