package org.geomloss.examples.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.geomloss.Loss;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.data.BuiltInShapes;
import org.junit.jupiter.api.Test;

class TransportPlanTest {

    @Test
    void planHasTheWeightsAsMarginalsAndTheCostOfSamplesLoss() {
        Measure x = Measure.of(BuiltInShapes.crescent(40, 1));
        Measure y = Measure.of(BuiltInShapes.ring(30, 2));
        TransportPlanExample.Result example = new TransportPlanExample(0.1).run(x, y);
        double[][] plan = example.plan();
        double rowError = 0;
        for (int i = 0; i < plan.length; i++) {
            double sum = 0;
            for (double value : plan[i]) {
                sum += value;
            }
            rowError += Math.abs(sum - x.weight(i));
        }
        assertTrue(rowError < 1e-4, "row marginal off by " + rowError);
        // Same problem as SamplesLoss(debias=False, blur=0.1): cost |x-y|^2/2 with eps = blur^2 is
        // half of |x-y|^2 with eps = 2 blur^2; SamplesLoss stops after its annealing, hence 1e-2.
        double samplesLoss = SamplesLoss.builder().loss(Loss.SINKHORN).blur(0.1).scaling(0.95)
                .debias(false).build().value(x, y);
        assertEquals(2 * samplesLoss, example.result().value(), 1e-2 * example.result().value());
    }

    @Test
    void barycentricMapOfACloudOntoItselfIsNearlyTheIdentity() {
        double[][] points = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        Measure x = Measure.of(points);
        TransportPlanExample.Result example = new TransportPlanExample(0.05).run(x, x);
        double[][] displacements = example.result().aToB();
        for (double[] displacement : displacements) {
            assertEquals(0.0, displacement[0], 1e-6);
            assertEquals(0.0, displacement[1], 1e-6);
        }
    }

    @Test
    void refusesCloudsOutsideThePlane() {
        Measure cloud = Measure.of(new double[][] {{0, 0, 0}, {1, 1, 1}});
        assertThrows(IllegalArgumentException.class,
                () -> new TransportPlanExample(0.05).run(cloud, cloud));
    }
}
