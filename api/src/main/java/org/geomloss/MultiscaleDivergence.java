package org.geomloss;

/** Wires the multiscale module's solver into {@link SamplesLoss} (Sinkhorn only). */
final class MultiscaleDivergence {

    private MultiscaleDivergence() {
    }

    static Outcome evaluate(Pair pair, SamplesLoss loss) {
        throw new UnsupportedOperationException(
                "the multiscale backend is not available yet: use backend ONLINE");
    }
}
