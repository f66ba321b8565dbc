package org.geomloss.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.geomloss.golden.Tolerance;
import org.junit.jupiter.api.Test;

/** Exact properties of the grid divergences: identity, symmetry, pyramid mass, derivatives. */
class GridLossPropertiesTest {

    @Test
    void divergenceOfAnImageWithItselfIsZeroWithZeroGradient() {
        double[] a = GridReference.density(100, 11, 7);
        GridLossResult same = ImagesLoss.builder().build().valueAndGradients(a, a.clone(), 10, 10);
        assertEquals(0.0, same.value(), 0.0);
        for (double g : same.gradientA()) {
            assertEquals(0.0, g, 0.0);
        }
        GridLossResult unbalanced = ImagesLoss.builder().reach(0.2).build()
                .valueAndGradients(a, a.clone(), 10, 10);
        assertEquals(0.0, unbalanced.value(), 0.0);
    }

    @Test
    void balancedGradientsAreGeomLossPotentials() {
        double[] a = GridReference.density(49, 23, 3);
        double[] b = GridReference.density(49, 24, 3);
        GridLossResult result = ImagesLoss.builder().build().valueAndGradients(a, b, 7, 7);
        assertArrayEquals(result.potentialA(), result.gradientA(), 0.0);
        assertArrayEquals(result.potentialB(), result.gradientB(), 0.0);
        double dual = 0;
        for (int i = 0; i < a.length; i++) {
            dual += a[i] * result.potentialA()[i] + b[i] * result.potentialB()[i];
        }
        assertEquals(result.value(), dual, 1e-15, "S = <a, F> + <b, G>");
    }

    @Test
    void divergenceIsSymmetric() {
        double[] a = GridReference.density(9 * 13, 12, 4);
        double[] b = GridReference.density(9 * 13, 13, 4);
        ImagesLoss loss = ImagesLoss.builder().blur(0.03).build();
        GridLossResult ab = loss.valueAndGradients(a, b, 9, 13);
        GridLossResult ba = loss.valueAndGradients(b, a, 9, 13);
        assertEquals(ab.value(), ba.value(), 1e-15 * Math.abs(ab.value()));
        assertArrayEquals(ab.gradientA(), ba.gradientB(), 1e-15);
        assertTrue(ab.value() > 0, "distinct images have a positive divergence: " + ab.value());
    }

    @Test
    void pyramidConservesMassOnOddShapes() {
        RegularGrid grid = RegularGrid.unit(7, 5, 3);
        double[] density = GridReference.density(grid.count(), 14, 10);
        DensityPyramid pyramid = new DensityPyramid(grid, true);
        double[][] levels = pyramid.coarsen(density);
        assertEquals(3, pyramid.levels(), "7x5x3 -> 4x3x2 -> 2x2x1, the 1x1x1 level is dropped");
        for (int level = 0; level < levels.length; level++) {
            assertEquals(pyramid.grid(level).count(), levels[level].length);
            assertEquals(1.0, GridReference.sum(levels[level]), 1e-14, "mass at level " + level);
        }
        assertEquals(2.0 / 7, pyramid.grid(1).spacing(), 1e-15);
    }

    @Test
    void coarseningSumsTwoByTwoBlocks() {
        double[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] coarse = DensityPyramid.coarsenOnce(image, RegularGrid.unit(3, 3));
        assertArrayEquals(new double[] {1 + 2 + 4 + 5, 3 + 6, 7 + 8, 9}, coarse, 0.0);
    }

    @Test
    void multiscaleAgreesWithSingleScaleWhenAnnealingIsSlow() {
        double[] a = blob(32, 0.3, 0.35, 0.08);
        double[] b = blob(32, 0.65, 0.6, 0.1);
        ImagesLoss.Builder builder = ImagesLoss.builder().scaling(0.9).blur(0.02);
        GridLossResult pyramid = builder.build().valueAndGradients(a, b, 32, 32);
        GridLossResult single = builder.multiscale(false).build().valueAndGradients(a, b, 32, 32);
        assertEquals(single.value(), pyramid.value(), 1e-3 * single.value());
        double err = Tolerance.relativeDifference(centred(single.gradientA(), a),
                centred(pyramid.gradientA(), a));
        assertTrue(err < 1e-2, "gradient normwise error " + err);
        double w2 = 0.5 * (0.35 * 0.35 + 0.25 * 0.25);
        assertEquals(w2, single.value(), 0.05 * w2, "about the transport cost of the translation");
    }

    /**
     * The unbalanced gradient formulas, (rho + eps)(E(F_aa) - E(F_ba)) and (rho + eps)(1 - E(F_ba))
     * - eps/2, against central differences of the value of a converged loop (GeomLoss's factor
     * rho + eps/2 would be 18% off here).
     */
    @Test
    void unbalancedGradientFormulaIsTheDerivativeOfTheConvergedValue() {
        double[] a = GridReference.density(36, 15, 0);
        double[] b = GridReference.density(36, 16, 0);
        for (int i = 0; i < b.length; i++) {
            b[i] *= 1.5;
        }
        int[] shape = {6, 6};
        for (boolean debias : new boolean[] {true, false}) {
            GridLossResult result = GridReference.compute(a, b, shape, 2, 0.3, 0.4, 0.9, debias,
                    200);
            for (int cell : new int[] {0, 14, 35}) {
                double step = 1e-5;
                double[] plus = a.clone();
                double[] minus = a.clone();
                plus[cell] += step;
                minus[cell] -= step;
                double derivative = (GridReference.compute(plus, b, shape, 2, 0.3, 0.4, 0.9, debias,
                        200).value() - GridReference.compute(minus, b, shape, 2, 0.3, 0.4, 0.9,
                        debias, 200).value()) / (2 * step);
                assertEquals(derivative, result.gradientA()[cell], 1e-6 * Math.abs(derivative)
                        + 1e-9, "cell " + cell + " debias " + debias);
            }
        }
    }

    /** The same on ImagesLoss itself, whose loop is only annealed (not iterated to convergence). */
    @Test
    void unbalancedMultiscaleAgreesWithSingleScaleWhenAnnealingIsSlow() {
        double[] a = blob(24, 0.3, 0.35, 0.08);
        double[] b = blob(24, 0.6, 0.6, 0.12);
        for (int i = 0; i < b.length; i++) {
            b[i] *= 1.3;
        }
        ImagesLoss.Builder builder = ImagesLoss.builder().scaling(0.9).blur(0.03).reach(0.3);
        GridLossResult pyramid = builder.build().valueAndGradients(a, b, 24, 24);
        GridLossResult single = builder.multiscale(false).build().valueAndGradients(a, b, 24, 24);
        assertEquals(single.value(), pyramid.value(), 1e-3 * single.value());
        // unbalanced potentials converge slowly (contraction about rho / (rho + eps) per
        // iteration): both loops stop 10-15% away from the fixed point, along different paths
        double err = Tolerance.relativeDifference(single.gradientB(), pyramid.gradientB());
        assertTrue(err < 5e-2, "gradient normwise error " + err);
    }

    @Test
    void degenerateGridsWork() {
        assertEquals(0.0, ImagesLoss.builder().build().value(new double[] {2}, new double[] {2},
                1, 1), 0.0);
        double[] a = GridReference.density(16, 21, 2);
        double[] b = GridReference.density(16, 22, 2);
        GridLossResult signal = ImagesLoss.builder().multiscale(false).build()
                .valueAndGradients(a, b, 1, 16);
        GridLossResult reference = GridReference.compute(a, b, new int[] {1, 16}, 2, 1.0 / 16,
                null, 0.5, true);
        assertEquals(reference.value(), signal.value(), 1e-4 * reference.value());
        // with scaling 0.5 neither loop has converged: against the converged value (0.0029179) the
        // single-scale loop is 13% low and the pyramid 1.8% low
        double converged = GridReference.compute(a, b, new int[] {1, 16}, 2, 1.0 / 16, null, 0.5,
                true, 500).value();
        double multiscale = ImagesLoss.builder().build().value(a, b, 1, 16);
        assertEquals(converged, multiscale, 0.03 * converged, "pyramid on a 1 x 16 signal");
    }

    @Test
    void unbalancedGradientIsTheDerivativeOfTheValue() {
        double[] a = GridReference.density(36, 15, 0);
        double[] b = GridReference.density(36, 16, 0);
        for (int i = 0; i < b.length; i++) {
            b[i] *= 1.5;
        }
        for (boolean debias : new boolean[] {true, false}) {
            ImagesLoss loss = ImagesLoss.builder().reach(0.4).blur(0.3).scaling(0.99)
                    .debias(debias).build();
            GridLossResult result = loss.valueAndGradients(a, b, 6, 6);
            for (int cell : new int[] {0, 14, 35}) {
                double step = 1e-5;
                double[] plus = a.clone();
                double[] minus = a.clone();
                plus[cell] += step;
                minus[cell] -= step;
                double derivative = (loss.value(plus, b, 6, 6) - loss.value(minus, b, 6, 6))
                        / (2 * step);
                assertEquals(derivative, result.gradientA()[cell],
                        1e-2 * Math.abs(derivative), "cell " + cell + " debias " + debias);
            }
        }
    }

    @Test
    void balancedGradientIsTheDerivativeAlongMassPreservingDirections() {
        double[] a = blob(16, 0.4, 0.4, 0.15);
        double[] b = blob(16, 0.6, 0.55, 0.12);
        ImagesLoss loss = ImagesLoss.builder().blur(0.1).scaling(0.95).build();
        GridLossResult result = loss.valueAndGradients(a, b, 16, 16);
        int from = 3 * 16 + 4;
        int to = 12 * 16 + 11;
        double step = 1e-6;
        double[] plus = a.clone();
        double[] minus = a.clone();
        plus[to] += step;
        plus[from] -= step;
        minus[to] -= step;
        minus[from] += step;
        double derivative = (loss.value(plus, b, 16, 16) - loss.value(minus, b, 16, 16))
                / (2 * step);
        double predicted = result.gradientA()[to] - result.gradientA()[from];
        assertEquals(derivative, predicted, 1e-3 * Math.abs(derivative));
    }

    @Test
    void batchGivesTheSameResultsAsSinglePairs() {
        double[][] a = {GridReference.density(64, 17, 0), GridReference.density(64, 18, 3)};
        double[][] b = {GridReference.density(64, 19, 0), GridReference.density(64, 20, 3)};
        ImagesLoss loss = ImagesLoss.builder().build();
        List<GridLossResult> batch = loss.valueAndGradients(a, b, 8, 8);
        for (int k = 0; k < 2; k++) {
            GridLossResult single = loss.valueAndGradients(a[k], b[k], 8, 8);
            assertEquals(single.value(), batch.get(k).value(), 0.0);
            assertArrayEquals(single.gradientA(), batch.get(k).gradientA(), 0.0);
        }
        assertArrayEquals(new double[] {batch.get(0).value(), batch.get(1).value()},
                loss.values(a, b, 8, 8), 0.0);
    }

    @Test
    void volumeOfTranslatedBlobCostsHalfTheSquaredShift() {
        int n = 16;
        double[] a = blob3(n, 0.4, 0.5, 0.5, 0.1);
        double[] b = blob3(n, 0.6, 0.5, 0.5, 0.1);
        double value = VolumesLoss.builder().blur(0.02).scaling(0.8).build()
                .value(a, b, n, n, n);
        assertEquals(0.5 * 0.2 * 0.2, value, 0.02 * 0.02, "debiased S ~ |shift|^2 / 2");
    }

    /** Balanced potentials are defined up to a constant: remove their {@code w}-weighted mean. */
    static double[] centred(double[] potential, double[] w) {
        double mean = 0;
        for (int i = 0; i < w.length; i++) {
            mean += w[i] * potential[i];
        }
        double[] out = potential.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] -= mean / GridReference.sum(w);
        }
        return out;
    }

    /** A normalised Gaussian blob on an n x n grid of pixel centres. */
    static double[] blob(int n, double cy, double cx, double sigma) {
        double[] values = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double y = (r + 0.5) / n - cy;
                double x = (c + 0.5) / n - cx;
                values[r * n + c] = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
            }
        }
        return normalise(values);
    }

    static double[] blob3(int n, double cz, double cy, double cx, double sigma) {
        double[] values = new double[n * n * n];
        for (int z = 0; z < n; z++) {
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    double dz = (z + 0.5) / n - cz;
                    double dy = (r + 0.5) / n - cy;
                    double dx = (c + 0.5) / n - cx;
                    values[(z * n + r) * n + c] = Math.exp(-(dx * dx + dy * dy + dz * dz)
                            / (2 * sigma * sigma));
                }
            }
        }
        return normalise(values);
    }

    static double[] normalise(double[] values) {
        double total = GridReference.sum(values);
        for (int i = 0; i < values.length; i++) {
            values[i] /= total;
        }
        return values;
    }
}
