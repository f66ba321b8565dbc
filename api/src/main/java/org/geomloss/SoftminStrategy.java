package org.geomloss;

import org.geomloss.kernels.CostFunction;
import org.geomloss.kernels.PointArray;
import org.geomloss.sinkhorn.DenseSoftmin;
import org.geomloss.sinkhorn.PointSoftmin;
import org.geomloss.sinkhorn.SoftminOperator;
import org.geomloss.sinkhorn.SymmetricSinkhorn;

/** Builds the soft-min directions of a pair for the tensorized or online backend. */
final class SoftminStrategy {

    private SoftminStrategy() {
    }

    /**
     * The four directions xy, yx (if {@code crossed}) and xx, yy (if {@code selfProblems}).
     *
     * @throws UnsupportedOperationException if tensorized matrices would not fit in the heap
     */
    static SymmetricSinkhorn.Operators operators(Pair pair, CostFunction cost, boolean crossed,
                                                 boolean selfProblems) {
        long n = pair.x().count();
        long m = pair.y().count();
        if (pair.backend() == Backend.TENSORIZED) {
            DenseSoftmin.requireFits((crossed ? 2 * n * m : 0)
                    + (selfProblems ? n * n + m * m : 0));
        }
        return new SymmetricSinkhorn.Operators(
                crossed ? operator(pair, cost, pair.x(), pair.y()) : null,
                crossed ? operator(pair, cost, pair.y(), pair.x()) : null,
                selfProblems ? operator(pair, cost, pair.x(), pair.x()) : null,
                selfProblems ? operator(pair, cost, pair.y(), pair.y()) : null);
    }

    /** One direction, from {@code sources} to {@code targets}. */
    static SoftminOperator operator(Pair pair, CostFunction cost, PointArray targets,
                                    PointArray sources) {
        return switch (pair.backend()) {
            case TENSORIZED -> DenseSoftmin.fromPoints(cost, targets, sources,
                    pair.kernels().precision());
            case ONLINE -> PointSoftmin.dense(pair.kernels(), cost, targets, sources);
            default -> throw new IllegalStateException("no point soft-min for " + pair.backend());
        };
    }
}
