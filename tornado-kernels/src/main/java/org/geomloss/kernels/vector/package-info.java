/**
 * The Vector API ({@code jdk.incubator.vector}) implementation of the point kernels:
 * {@link org.geomloss.kernels.vector.VectorPointKernels}. The only package of the library that
 * references the incubator module; it is loaded reflectively, and only when the module is present.
 */
package org.geomloss.kernels.vector;
