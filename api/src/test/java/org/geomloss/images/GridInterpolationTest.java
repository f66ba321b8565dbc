package org.geomloss.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Multilinear interpolation reproduces affine functions between the source's extreme centres. */
class GridInterpolationTest {

    @Test
    void reproducesAffineFunctionsAndClampsAtTheEdges() {
        RegularGrid fine = RegularGrid.unit(7, 10);
        RegularGrid coarse = fine.coarser();
        double[] values = new double[coarse.count()];
        for (int r = 0; r < coarse.size(0); r++) {
            for (int c = 0; c < coarse.size(1); c++) {
                values[r * coarse.size(1) + c] = affine(coarse.position(r), coarse.position(c));
            }
        }
        double[] out = GridInterpolation.interpolate(values, coarse, fine);
        double low = coarse.position(0);
        double highRow = coarse.position(coarse.size(0) - 1);
        double highColumn = coarse.position(coarse.size(1) - 1);
        for (int r = 0; r < fine.size(0); r++) {
            for (int c = 0; c < fine.size(1); c++) {
                double y = Math.max(low, Math.min(highRow, fine.position(r)));
                double x = Math.max(low, Math.min(highColumn, fine.position(c)));
                assertEquals(affine(y, x), out[r * fine.size(1) + c], 1e-12, "cell " + r + "," + c);
            }
        }
    }

    private static double affine(double y, double x) {
        return 2.0 - 3.0 * y + 5.0 * x;
    }
}
