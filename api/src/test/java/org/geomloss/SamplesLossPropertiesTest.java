package org.geomloss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact mathematical properties of every loss, and reference anchors with their provenance. */
class SamplesLossPropertiesTest {

    /** Losses whose value vanishes on identical inputs, with their settings. */
    static Stream<Arguments> divergences() {
        return Stream.of(
                Arguments.of("sinkhorn p=2", SamplesLoss.builder().blur(0.1)),
                Arguments.of("sinkhorn p=1", SamplesLoss.builder().p(1).blur(0.1)),
                Arguments.of("sinkhorn unbalanced", SamplesLoss.builder().blur(0.1).reach(0.5)),
                Arguments.of("sinkhorn online", SamplesLoss.builder().blur(0.1)
                        .backend(Backend.ONLINE)),
                Arguments.of("hausdorff", SamplesLoss.builder().loss(Loss.HAUSDORFF).blur(0.1)),
                Arguments.of("energy", SamplesLoss.builder().loss(Loss.ENERGY)),
                Arguments.of("gaussian", SamplesLoss.builder().loss(Loss.GAUSSIAN).blur(0.3)),
                Arguments.of("laplacian", SamplesLoss.builder().loss(Loss.LAPLACIAN).blur(0.3)));
    }

    private static Measure cloud(long seed, int n, int d, boolean weighted, double shift) {
        Random random = new Random(seed);
        double[][] points = new double[n][d];
        double[] weights = weighted ? new double[n] : null;
        double mass = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                points[i][k] = random.nextGaussian() * 0.3 + shift;
            }
            if (weighted) {
                weights[i] = 0.2 + random.nextDouble();
                mass += weights[i];
            }
        }
        if (weighted) {
            for (int i = 0; i < n; i++) {
                weights[i] /= mass;
            }
        }
        return Measure.of(points, weights);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergences")
    void vanishesOnIdenticalMeasures(String name, SamplesLoss.Builder builder) {
        Measure x = cloud(1, 40, 3, true, 0);
        LossGradients r = builder.build().valueAndGradients(x, x);
        assertEquals(0.0, r.value(), 1e-9, name + " S(a, a)");
        if (!name.startsWith("hausdorff")) {
            for (double g : r.gradX()) {
                assertEquals(0.0, g, 1e-6, name + " dS(a, a)/dx");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergences")
    void isSymmetric(String name, SamplesLoss.Builder builder) {
        SamplesLoss loss = builder.build();
        Measure x = cloud(2, 30, 2, true, 0);
        Measure y = cloud(3, 45, 2, true, 0.4);
        double xy = loss.value(x, y);
        double yx = loss.value(y, x);
        assertEquals(xy, yx, 1e-9 * Math.abs(xy) + 1e-12, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergences")
    void isNonNegative(String name, SamplesLoss.Builder builder) {
        SamplesLoss loss = builder.scaling(0.9).build();
        for (long seed = 10; seed < 14; seed++) {
            double value = loss.value(cloud(seed, 25, 2, true, 0), cloud(seed + 100, 35, 2, true, 0.2));
            assertTrue(value >= -1e-6, name + " gave " + value);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergences")
    void isInvariantUnderACommonTranslation(String name, SamplesLoss.Builder builder) {
        SamplesLoss loss = builder.build();
        Measure x = cloud(4, 30, 3, true, 0);
        Measure y = cloud(5, 20, 3, true, 0.3);
        double value = loss.value(x, y);
        double moved = loss.value(translate(x, 0.25), translate(y, 0.25));
        assertEquals(value, moved, 1e-4 * Math.abs(value) + 1e-7, name);
    }

    private static Measure translate(Measure m, double t) {
        float[] coords = m.coordinates();
        for (int k = 0; k < coords.length; k++) {
            coords[k] += (float) t;
        }
        return Measure.ofFlat(coords, m.count(), m.dimension(), m.weights());
    }

    /** Settings whose gradients are exact derivatives of the value (the loop converges). */
    static Stream<Arguments> differentiable() {
        return Stream.of(
                Arguments.of("sinkhorn p=2", SamplesLoss.builder().blur(0.5).scaling(0.995), true),
                Arguments.of("sinkhorn p=2 raw", SamplesLoss.builder().blur(0.5).scaling(0.995)
                        .debias(false), true),
                Arguments.of("sinkhorn p=1", SamplesLoss.builder().p(1).blur(0.3).scaling(0.995),
                        true),
                Arguments.of("sinkhorn unbalanced", SamplesLoss.builder().blur(0.5).reach(0.7)
                        .scaling(0.995), false),
                Arguments.of("sinkhorn unbalanced raw", SamplesLoss.builder().blur(0.5).reach(0.7)
                        .scaling(0.995).debias(false), false),
                Arguments.of("sinkhorn unbalanced smaller blur", SamplesLoss.builder().blur(0.4)
                        .reach(0.7).scaling(0.995), false),
                Arguments.of("sinkhorn unbalanced raw p=1", SamplesLoss.builder().p(1).blur(0.5)
                        .reach(0.7).scaling(0.995).debias(false), false),
                Arguments.of("energy", SamplesLoss.builder().loss(Loss.ENERGY), false),
                Arguments.of("gaussian", SamplesLoss.builder().loss(Loss.GAUSSIAN).blur(0.4), false),
                Arguments.of("laplacian", SamplesLoss.builder().loss(Loss.LAPLACIAN).blur(0.4),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiable")
    void gradientsMatchCentralFiniteDifferences(String name, SamplesLoss.Builder builder,
                                                boolean balanced) {
        SamplesLoss loss = builder.diameter(3.0).build();
        Measure x = cloud(6, 12, 2, true, 0);
        Measure y = cloud(7, 9, 2, true, 0.5);
        if (!balanced) {
            y = y.withWeights(scaled(y.weights(), 0.7));
        }
        LossGradients r = loss.valueAndGradients(x, y);
        double h = 2e-3;
        for (int i : new int[] {0, 5, 11}) {
            for (int k = 0; k < 2; k++) {
                float[] plus = x.coordinates();
                float[] minus = x.coordinates();
                plus[i * 2 + k] += (float) h;
                minus[i * 2 + k] -= (float) h;
                double fd = (loss.value(Measure.ofFlat(plus, 12, 2, x.weights()), y)
                        - loss.value(Measure.ofFlat(minus, 12, 2, x.weights()), y))
                        / (plus[i * 2 + k] - minus[i * 2 + k]);
                // Envelope gradients are exact at convergence; the annealed loop lags slightly.
                assertEquals(fd, r.gradX()[i * 2 + k], 5e-3 * norm(r.gradX()) + 1e-6,
                        name + " dL/dx[" + i + "][" + k + "]");
            }
        }
        // Weights: balanced problems move mass from point 1 to point 3 (total mass is fixed).
        double[] direction = new double[12];
        direction[1] = 1;
        direction[3] = balanced ? -1 : 0.5;
        double t = 1e-3;
        double[] up = x.weights();
        double[] down = x.weights();
        for (int i = 0; i < 12; i++) {
            up[i] += t * direction[i];
            down[i] -= t * direction[i];
        }
        double fd = (loss.value(x.withWeights(up), y) - loss.value(x.withWeights(down), y)) / (2 * t);
        double analytic = 0;
        for (int i = 0; i < 12; i++) {
            analytic += r.gradA()[i] * direction[i];
        }
        assertEquals(fd, analytic, 2e-3 * Math.max(1e-2, Math.abs(analytic)), name + " dL/da");
    }

    private static double[] scaled(double[] values, double factor) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }

    private static double norm(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Test
    void batchResultsEqualOneByOneResultsWithAFixedDiameter() {
        SamplesLoss loss = SamplesLoss.builder().blur(0.2).diameter(4.0).build();
        List<Measure> xs = List.of(cloud(8, 20, 3, true, 0), cloud(9, 20, 3, false, 0.1));
        List<Measure> ys = List.of(cloud(10, 15, 3, false, 0.3), cloud(11, 15, 3, true, -0.2));
        List<LossGradients> batch = loss.valueAndGradients(MeasureBatch.of(xs), MeasureBatch.of(ys));
        for (int b = 0; b < 2; b++) {
            LossGradients single = loss.valueAndGradients(xs.get(b), ys.get(b));
            assertEquals(single.value(), batch.get(b).value(), 1e-6 * Math.abs(single.value()));
            assertArrayEquals(single.gradX(), batch.get(b).gradX(), 1e-6);
            assertArrayEquals(single.gradB(), batch.get(b).gradB(), 1e-6);
        }
    }

    @Test
    void progressIsReportedOncePerTemperature() {
        List<Double> temperatures = new java.util.ArrayList<>();
        SamplesLoss loss = SamplesLoss.builder().blur(0.05).scaling(0.5).diameter(Math.sqrt(5))
                .verbose(true).progress((iteration, total, eps) -> {
                    assertEquals(temperatures.size(), iteration);
                    assertEquals(8, total);
                    temperatures.add(eps);
                }).build();
        loss.value(cloud(14, 10, 2, false, 0), cloud(15, 10, 2, false, 0.5));
        // ALGORITHMS_SAMPLESLOSS.md §10.2: d = sqrt(5), p = 2, blur .05, scaling .5.
        assertArrayEquals(new double[] {5, 5, 1.25, .3125, .078125, .01953125, .0048828125, .0025},
                temperatures.stream().mapToDouble(Double::doubleValue).toArray(), 1e-12);
    }

    @Test
    void oneDiracEachGivesTheCostExactly() {
        // ALGORITHMS_SAMPLESLOSS.md §2.1 and §11.18: S = OT = |x - y|^2 / 2 = 0.125 at distance 0.5.
        Measure x = Measure.of(new double[][] {{0.0, 0.0}});
        Measure y = Measure.of(new double[][] {{0.3, 0.4}});
        for (boolean debias : new boolean[] {true, false}) {
            double value = SamplesLoss.builder().debias(debias).build().value(x, y);
            assertEquals(0.125, value, 1e-7, "debias=" + debias);
        }
    }

    /**
     * Small float64 anchors computed by GeomLoss 0.3.1 (tensorized, float64), from
     * ALGORITHMS_SAMPLESLOSS.md §10.2: x = {(0,0),(1,0),(0,1)}, y = {(.5,.5),(2,0)}.
     */
    @Test
    void matchesTheReferenceAnchors() {
        Measure x = Measure.of(new double[][] {{0, 0}, {1, 0}, {0, 1}});
        Measure y = Measure.of(new double[][] {{0.5, 0.5}, {2, 0}});
        Measure xw = x.withWeights(new double[] {0.2, 0.3, 0.5});
        Measure yw = y.withWeights(new double[] {0.6, 0.4});
        assertAnchor(0.559275001733631, SamplesLoss.builder(), x, y);
        assertAnchor(0.456658212933128, SamplesLoss.builder(), xw, yw);
        assertAnchor(0.968223459689381, SamplesLoss.builder().p(1), x, y);
        assertAnchor(0.561514701070167, SamplesLoss.builder().debias(false), x, y);
        assertAnchor(0.519738037643813, SamplesLoss.builder().blur(0.5), x, y);
        assertAnchor(0.247238118858435, SamplesLoss.builder().reach(0.5), x, y);
        assertAnchor(0.249461590211606, SamplesLoss.builder().reach(0.5).debias(false), x, y);
        assertAnchor(0.599601341727145, SamplesLoss.builder().scaling(0.9).blur(0.01), x, y);
        assertAnchor(0.451547950169625, SamplesLoss.builder().loss(Loss.ENERGY), x, y);
        assertAnchor(0.243901653571888, SamplesLoss.builder().loss(Loss.GAUSSIAN).blur(0.5), x, y);
        assertAnchor(0.314778450144954, SamplesLoss.builder().loss(Loss.LAPLACIAN).blur(0.5), x, y);
        double[] gradA = SamplesLoss.builder().build().valueAndGradients(x, y).gradA();
        assertArrayEquals(new double[] {0.653187542426, -0.452688494688, 0.653187542426}, gradA, 1e-4);
    }

    private static void assertAnchor(double expected, SamplesLoss.Builder builder, Measure x,
                                     Measure y) {
        assertEquals(expected, builder.build().value(x, y), 1e-4 * Math.abs(expected));
    }

    @Test
    void hausdorffTendsToTheChamferDistanceAsBlurVanishes() {
        Measure x = cloud(12, 15, 2, true, 0);
        Measure y = cloud(13, 10, 2, true, 0.5);
        double chamfer = 0.5 * (nearestCostSum(x, y) + nearestCostSum(y, x));
        double h = SamplesLoss.builder().loss(Loss.HAUSDORFF).blur(1e-3).build().value(x, y);
        assertEquals(chamfer, h, 1e-3 * chamfer);
    }

    /** {@code sum_i a_i min_j |x_i - y_j|^2 / 2}. */
    private static double nearestCostSum(Measure x, Measure y) {
        double sum = 0;
        for (int i = 0; i < x.count(); i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < y.count(); j++) {
                double d2 = 0;
                for (int k = 0; k < x.dimension(); k++) {
                    double diff = x.coordinate(i, k) - y.coordinate(j, k);
                    d2 += diff * diff;
                }
                best = Math.min(best, d2 / 2);
            }
            sum += x.weight(i) * best;
        }
        return sum;
    }
}
