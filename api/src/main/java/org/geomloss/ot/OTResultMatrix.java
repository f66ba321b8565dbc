package org.geomloss.ot;

/**
 * The result of {@link OT#solve} on an explicit N x M cost matrix, or one problem of
 * {@link OT#solveBatch} (GeomLoss's {@code OTResultMatrix}). Never debiased: {@link #potentialAA()}
 * and {@link #potentialBB()} always throw. Upstream's {@code a_to_b} / {@code b_to_a} (always
 * {@code None} there) need points and exist on {@link OTResultSample} only. The result keeps the
 * solver's private copy of the cost matrix; its operators stream over it (no second N x M array).
 * Immutable and thread-safe.
 */
public final class OTResultMatrix extends AbstractOTResult implements OTResult {

    OTResultMatrix(double[] a, double[] b, CostSource.Matrix costs, SinkhornRun.Outcome outcome,
                   double eps, double rho, String backend) {
        super(a, b, costs, outcome, eps, rho, backend);
    }
}
