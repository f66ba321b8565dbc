package org.geomloss.images;

import static org.geomloss.images.GridLossPropertiesTest.blob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The debiased barycenter on exact cases: one image, two translated blobs, weights. */
class ImagesBarycenterTest {

    private static final int N = 32;

    @Test
    void barycenterOfOneImageIsThatImage() {
        double[] image = blob(N, 0.45, 0.55, 0.1);
        double[] result = ImagesBarycenter.builder().build()
                .compute(new double[][] {image}, new double[] {2.0}, N, N);
        double l1 = 0;
        for (int i = 0; i < image.length; i++) {
            l1 += Math.abs(result[i] - image[i]);
        }
        assertTrue(l1 < 1e-3, "L1 distance to the input " + l1);
    }

    @Test
    void barycenterOfTwoTranslatedBlobsIsTheMidwayBlob() {
        double sigma = 0.08;
        double[] left = blob(N, 0.5, 0.3, sigma);
        double[] right = blob(N, 0.5, 0.7, sigma);
        double[] result = ImagesBarycenter.builder().build()
                .compute(new double[][] {left, right}, new double[] {1, 1}, N, N);
        double[] midway = blob(N, 0.5, 0.5, sigma);
        double l1 = 0;
        for (int i = 0; i < midway.length; i++) {
            l1 += Math.abs(result[i] - midway[i]);
        }
        double[] moments = moments(result);
        assertEquals(1.0, moments[0], 1e-3, "mass");
        assertEquals(0.5, moments[1], 1e-3, "mean row");
        assertEquals(0.5, moments[2], 1e-3, "mean column");
        assertTrue(l1 < 2e-3, "L1 distance to the midway blob " + l1);
    }

    @Test
    void weightsMoveTheBarycenterAlongTheSegment() {
        double[] left = blob(N, 0.5, 0.3, 0.08);
        double[] right = blob(N, 0.5, 0.7, 0.08);
        double[] result = ImagesBarycenter.builder().build()
                .compute(new double[][] {left, right}, new double[] {3, 1}, N, N);
        assertEquals(0.4, moments(result)[2], 2e-3, "mean column = 0.75 * 0.3 + 0.25 * 0.7");
    }

    @Test
    void badInputsAreRejectedWithTheirNames() {
        double[] image = blob(8, 0.5, 0.5, 0.2);
        ImagesBarycenter solver = ImagesBarycenter.builder().build();
        var e = assertThrows(IllegalArgumentException.class,
                () -> solver.compute(new double[][] {image}, new double[] {-1}, 8, 8));
        assertTrue(e.getMessage().contains("weights[0]") && e.getMessage().contains("-1"));
        double[] half = image.clone();
        for (int i = 0; i < half.length; i++) {
            half[i] /= 2;
        }
        e = assertThrows(IllegalArgumentException.class,
                () -> solver.compute(new double[][] {image, half}, new double[] {1, 1}, 8, 8));
        assertTrue(e.getMessage().contains("equal masses"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> solver.compute(new double[][] {image}, new double[] {1}, 8, 7));
        assertTrue(e.getMessage().contains("images[0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImagesBarycenter.builder().blur(0));
    }

    /** Mass, mean row coordinate and mean column coordinate of the pixel centres. */
    private static double[] moments(double[] image) {
        double mass = 0;
        double row = 0;
        double column = 0;
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                double v = image[r * N + c];
                mass += v;
                row += v * (r + 0.5) / N;
                column += v * (c + 0.5) / N;
            }
        }
        return new double[] {mass, row / mass, column / mass};
    }
}
