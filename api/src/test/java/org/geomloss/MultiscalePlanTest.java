package org.geomloss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.geomloss.golden.Tolerance;
import org.geomloss.multiscale.MultiscalePlan;
import org.junit.jupiter.api.Test;

/**
 * Both multiscale plans through {@link SamplesLoss}: with {@code tol = 1e-6} the pyramid, the
 * two-scale jump and online agree within the float32 tolerances on a problem large enough for the
 * pyramid to truncate (3,000 points in 3D, an unbalanced one too), and a batch gives each pair's own
 * result.
 */
class MultiscalePlanTest {

    @Test
    void pyramidTwoScaleAndOnlineAgreeAtConvergence() {
        Measure x = cloud(3000, 0.0, 1);
        Measure y = cloud(3000, 0.2, 2);
        for (Double reach : new Double[] {null, 0.5}) {
            LossGradients online = loss(Backend.ONLINE, MultiscalePlan.PYRAMID, reach)
                    .valueAndGradients(x, y);
            for (MultiscalePlan plan : MultiscalePlan.values()) {
                LossGradients multiscale = loss(Backend.MULTISCALE, plan, reach)
                        .valueAndGradients(x, y);
                assertTrue(multiscale.refinement().converged(), plan + " " + reach);
                assertEquals(Backend.MULTISCALE, multiscale.backendUsed());
                Tolerance.FLOAT32_VALUES.check("value", new double[] {online.value()},
                        new double[] {multiscale.value()});
                Tolerance.FLOAT32_POSITION_GRADIENTS.check("gradX", online.gradX(),
                        multiscale.gradX());
                Tolerance.FLOAT32_POSITION_GRADIENTS.check("gradY", online.gradY(),
                        multiscale.gradY());
                Tolerance.FLOAT32_VALUES.check("gradA", online.gradA(), multiscale.gradA());
            }
        }
    }

    @Test
    void aBatchGivesEachPairItsOwnResult() {
        Measure x1 = cloud(500, 0.0, 3);
        Measure x2 = cloud(500, 0.1, 4);
        Measure y1 = cloud(400, 0.3, 5);
        Measure y2 = cloud(400, 0.2, 6);
        SamplesLoss loss = SamplesLoss.builder().backend(Backend.MULTISCALE).blur(0.05)
                .diameter(2.0).build();
        double[] batch = loss.value(MeasureBatch.of(x1, x2), MeasureBatch.of(y1, y2));
        assertEquals(loss.value(x1, y1), batch[0]);
        assertEquals(loss.value(x2, y2), batch[1]);
    }

    @Test
    void thePlanIsAnOptionByName() {
        SamplesLoss.Builder builder = SamplesLoss.builder();
        builder.set("multiscale_plan", "two_scale");
        var e = assertThrows(IllegalArgumentException.class,
                () -> builder.set("multiscale_plan", "three"));
        assertTrue(e.getMessage().contains("three"), e.getMessage());
        assertThrows(NullPointerException.class, () -> builder.multiscalePlan(null));
    }

    private static SamplesLoss loss(Backend backend, MultiscalePlan plan, Double reach) {
        return SamplesLoss.builder().backend(backend).multiscalePlan(plan).blur(0.03).reach(reach)
                .tol(1e-6).build();
    }

    private static Measure cloud(int n, double shift, long seed) {
        Random random = new Random(seed);
        float[][] points = new float[n][3];
        for (float[] p : points) {
            for (int k = 0; k < 3; k++) {
                p[k] = (float) (shift + random.nextDouble());
            }
        }
        return Measure.of(points);
    }
}
