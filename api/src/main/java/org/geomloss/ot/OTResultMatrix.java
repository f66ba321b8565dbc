package org.geomloss.ot;

/**
 * The result of {@link OT#solve} on an explicit N x M cost matrix, or one problem of
 * {@link OT#solveBatch} (GeomLoss's {@code OTResultMatrix}). Never debiased: {@link #potentialAA()}
 * and {@link #potentialBB()} always throw. Upstream's {@code a_to_b} / {@code b_to_a} (always
 * {@code None} there) need points and exist on {@link OTResultSample} only. The cost matrix is kept
 * (not copied from the solver's own copy); operators stream over it. Immutable and thread-safe.
 */
public final class OTResultMatrix extends AbstractOTResult implements OTResult {

    OTResultMatrix(double[] a, double[] b, CostSource.Matrix costs, SinkhornRun.Outcome outcome,
                   double eps, double rho, String backend) {
        super(a, b, costs, outcome, eps, rho, backend);
    }
}
