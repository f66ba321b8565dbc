package org.geomloss.sinkhorn;

/**
 * One representation of the two measures on which the soft-mins of some temperatures run: the
 * points themselves, cluster centroids with their masses, a level of a point or image pyramid.
 * Atom {@code i} of alpha carries the mass {@code a_i} and atom {@code j} of beta the mass
 * {@code b_j}; the four soft-min directions ({@link SymmetricSinkhorn.Operators}) run between these
 * atoms. A {@link ScalePlan} says which representation each temperature uses.
 *
 * <p>Implementations are used by one loop at a time.
 */
public interface SinkhornScale {

    /** The soft-min directions between the atoms of this representation. */
    SymmetricSinkhorn.Operators operators();

    /** The masses of the atoms of alpha (raw weights on the finest representation). */
    double[] a();

    /** The masses of the atoms of beta. */
    double[] b();

    /** The safe log-masses of alpha ({@link LogWeights}). */
    double[] logA();

    /** The safe log-masses of beta. */
    double[] logB();

    /** What this representation is, for logs: its name, atom counts and pairs visited. */
    String describe();
}
