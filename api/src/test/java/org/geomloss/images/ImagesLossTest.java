package org.geomloss.images;

import static org.geomloss.golden.Tolerance.relativeDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * ImagesLoss and VolumesLoss against the Sinkhorn divergence of the grid cells as weighted samples
 * ({@link GridReference}), with the float32 acceptance tolerances of golden/README.md section 5:
 * rtol 1e-4 on values, 5e-4 (normwise) on gradients.
 */
class ImagesLossTest {

    private static final double VALUE_RTOL = 1e-4;
    private static final double GRADIENT_RTOL = 5e-4;

    private static void assertMatches(GridLossResult expected, GridLossResult actual) {
        assertEquals(expected.value(), actual.value(), VALUE_RTOL * Math.abs(expected.value()),
                "value");
        double errA = relativeDifference(expected.gradientA(), actual.gradientA());
        double errB = relativeDifference(expected.gradientB(), actual.gradientB());
        assertTrue(errA < GRADIENT_RTOL, "gradient a: normwise error " + errA);
        assertTrue(errB < GRADIENT_RTOL, "gradient b: normwise error " + errB);
        double errF = relativeDifference(expected.potentialA(), actual.potentialA());
        double errG = relativeDifference(expected.potentialB(), actual.potentialB());
        assertTrue(errF < VALUE_RTOL && errG < VALUE_RTOL, "potentials: " + errF + ", " + errG);
    }

    @Test
    void balancedDebiasedImageMatchesPointCloudSinkhorn() {
        double[] a = GridReference.density(64, 1, 5);
        double[] b = GridReference.density(64, 2, 5);
        GridLossResult actual = ImagesLoss.builder().multiscale(false).build()
                .valueAndGradients(a, b, 8, 8);
        assertMatches(GridReference.compute(a, b, new int[] {8, 8}, 2, 1.0 / 8, null, 0.5, true),
                actual);
    }

    @Test
    void unbalancedImageMatchesPointCloudSinkhorn() {
        double[] a = GridReference.density(144, 3, 10);
        double[] b = GridReference.density(144, 4, 0);
        for (int i = 0; i < b.length; i++) {
            b[i] *= 1.7;
        }
        for (boolean debias : new boolean[] {true, false}) {
            GridLossResult actual = ImagesLoss.builder().multiscale(false).reach(0.3).blur(0.05)
                    .scaling(0.7).debias(debias).build().valueAndGradients(a, b, 12, 12);
            assertMatches(GridReference.compute(a, b, new int[] {12, 12}, 2, 0.05, 0.3, 0.7,
                    debias), actual);
        }
    }

    @Test
    void rawBalancedRectangularOddImageMatchesPointCloudSinkhorn() {
        double[] a = GridReference.density(35, 5, 3);
        double[] b = GridReference.density(35, 6, 3);
        GridLossResult actual = ImagesLoss.builder().multiscale(false).debias(false).blur(0.08)
                .build().valueAndGradients(a, b, 5, 7);
        assertMatches(GridReference.compute(a, b, new int[] {5, 7}, 2, 0.08, null, 0.5, false),
                actual);
    }

    @Test
    void l1CostImageMatchesPointCloudSinkhornWithManhattanCost() {
        double[] a = GridReference.density(64, 7, 0);
        double[] b = GridReference.density(64, 8, 0);
        GridLossResult actual = ImagesLoss.builder().multiscale(false).p(1).blur(0.1).build()
                .valueAndGradients(a, b, 8, 8);
        assertMatches(GridReference.compute(a, b, new int[] {8, 8}, 1, 0.1, null, 0.5, true),
                actual);
    }

    @Test
    void volumeMatchesPointCloudSinkhorn() {
        double[] a = GridReference.density(216, 9, 20);
        double[] b = GridReference.density(216, 10, 0);
        GridLossResult actual = VolumesLoss.builder().multiscale(false).build()
                .valueAndGradients(a, b, 6, 6, 6);
        assertMatches(GridReference.compute(a, b, new int[] {6, 6, 6}, 2, 1.0 / 6, null, 0.5,
                true), actual);
        GridLossResult unbalanced = VolumesLoss.builder().multiscale(false).reach(0.5).build()
                .valueAndGradients(a, b, 6, 6, 6);
        assertMatches(GridReference.compute(a, b, new int[] {6, 6, 6}, 2, 1.0 / 6, 0.5, 0.5,
                true), unbalanced);
    }
}
