package org.geomloss;

import org.geomloss.kernels.GroundCost;
import org.geomloss.multiscale.MultiscaleResult;
import org.geomloss.multiscale.MultiscaleSettings;
import org.geomloss.multiscale.MultiscaleSinkhorn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The Sinkhorn divergence on the multiscale backend: {@link MultiscaleSinkhorn} runs the plan of
 * its {@link MultiscaleSettings} ({@link SamplesLoss.Builder#multiscalePlan}: the point pyramid by
 * default, or GeomLoss's two-scale jump) and finishes on the points sorted by cell; the value and gradients are
 * then the formulas of {@link SinkhornDivergence} on the sorted weights, and every per-point array is
 * put back in the caller's order. The value uses {@code kappa = rho + blur^p / 2} (GeomLoss's
 * multiscale code uses the temperature after the jump there, an upstream bug not reproduced). A
 * tolerance ({@link SamplesLoss.Builder#tol}) refines on the points at the last temperature.
 */
final class MultiscaleDivergence {

    private static final Logger LOG = LoggerFactory.getLogger(MultiscaleDivergence.class);

    private MultiscaleDivergence() {
    }

    /** The divergence of {@code pair} for {@code cost}, GeomLoss's cost for {@code settings.p()}. */
    static Outcome evaluate(Pair pair, GroundCost cost, MultiscaleSettings settings) {
        MultiscaleResult result = MultiscaleSinkhorn.solve(pair.kernels(), cost, pair.x(),
                pair.a(), pair.y(), pair.b(), settings, pair.progress());
        LOG.atLevel(settings.verbose() ? Level.INFO : Level.DEBUG).log(
                "multiscale: jump after iteration {} of {}, kept pairs xy {}, xx {}, yy {}",
                result.jumpIndex(), result.schedule().length, result.keptPairs().xy(),
                result.keptPairs().xx(), result.keptPairs().yy());
        Outcome sorted = SinkhornDivergence.fromFinalStep(result.finalStep(), settings.rho(),
                settings.debias(), result.sortedA(), result.sortedB(), pair.dimension(),
                pair.gradients(), Backend.MULTISCALE, result.refinement());
        int[] xOrder = result.xPermutation();
        int[] yOrder = result.yPermutation();
        int d = pair.dimension();
        return new Outcome(sorted.value(), unsort(sorted.f(), xOrder, 1),
                unsort(sorted.g(), yOrder, 1), unsort(sorted.gradX(), xOrder, d),
                unsort(sorted.gradY(), yOrder, d), unsort(sorted.gradA(), xOrder, 1),
                unsort(sorted.gradB(), yOrder, 1), Backend.MULTISCALE, sorted.refinement());
    }

    /** {@code out[order[k]] = sorted[k]} for rows of {@code width} entries; null stays null. */
    private static double[] unsort(double[] sorted, int[] order, int width) {
        if (sorted == null) {
            return null;
        }
        double[] out = new double[sorted.length];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(sorted, k * width, out, order[k] * width, width);
        }
        return out;
    }
}
