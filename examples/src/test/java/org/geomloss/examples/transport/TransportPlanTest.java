package org.geomloss.examples.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.geomloss.Measure;
import org.geomloss.examples.data.BuiltInShapes;
import org.junit.jupiter.api.Test;

class TransportPlanTest {

    @Test
    void planMarginalsAreTheWeightsAndItsCostMatches() {
        Measure x = Measure.of(BuiltInShapes.crescent(40, 1));
        Measure y = Measure.of(BuiltInShapes.ring(30, 2));
        TransportPlanExample.Result result = new TransportPlanExample(2, 0.05, 0.9).run(x, y);
        TransportPlan plan = result.plan();
        double[] rows = plan.rowSums();
        double[] columns = plan.columnSums();
        double rowError = 0;
        for (int i = 0; i < rows.length; i++) {
            rowError += Math.abs(rows[i] - x.weight(i));
        }
        double columnError = 0;
        for (int j = 0; j < columns.length; j++) {
            columnError += Math.abs(columns[j] - y.weight(j));
        }
        assertTrue(rowError < 0.05, "row marginal off by " + rowError);
        assertTrue(columnError < 0.05, "column marginal off by " + columnError);
        // The transport part of the entropic cost: <pi, C> <= OT_eps (the entropy term is >= 0).
        double transport = 0;
        for (int i = 0; i < plan.rows(); i++) {
            for (int j = 0; j < plan.columns(); j++) {
                double dx = x.coordinate(i, 0) - y.coordinate(j, 0);
                double dy = x.coordinate(i, 1) - y.coordinate(j, 1);
                transport += plan.get(i, j) * (dx * dx + dy * dy) / 2;
            }
        }
        assertTrue(transport > 0 && transport <= result.cost() * 1.05,
                transport + " vs " + result.cost());
    }

    @Test
    void barycentricMapOfACloudOntoItselfIsNearlyTheIdentity() {
        double[][] points = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        Measure x = Measure.of(points);
        TransportPlanExample.Result result = new TransportPlanExample(2, 0.05, 0.9).run(x, x);
        for (int i = 0; i < points.length; i++) {
            assertEquals(points[i][0], result.mapped()[2 * i], 1e-6);
            assertEquals(points[i][1], result.mapped()[2 * i + 1], 1e-6);
        }
    }
}
