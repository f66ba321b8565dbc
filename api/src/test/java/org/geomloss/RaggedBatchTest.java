package org.geomloss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** A ragged batch gives, pair by pair and bit for bit, what each pair gives alone. */
class RaggedBatchTest {

    /** (N, M, D) of the pairs: awkward sizes, one point, several dimensions. */
    private static final int[][] SHAPES = {{10, 7, 2}, {1, 5, 1}, {300, 250, 3}, {64, 65, 5},
        {1200, 900, 3}, {3, 3, 2}};

    private static List<MeasurePair> pairs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<MeasurePair> pairs = new ArrayList<>();
        for (int[] shape : SHAPES) {
            pairs.add(MeasurePair.of(cloud(random, shape[0], shape[2], 0.0),
                    cloud(random, shape[1], shape[2], 0.3)));
        }
        return pairs;
    }

    private static Measure cloud(SplittableRandom random, int n, int d, double shift) {
        double[][] points = new double[n][d];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                points[i][k] = random.nextDouble() + shift;
            }
            weights[i] = 0.5 + random.nextDouble();
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        for (int i = 0; i < n; i++) {
            weights[i] /= total;
        }
        return Measure.of(points, weights);
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void valuesAndGradientsEqualTheOneByOneResults(Loss kind) {
        SamplesLoss loss = SamplesLoss.builder().loss(kind).blur(0.1).build();
        List<MeasurePair> pairs = pairs(7);
        List<LossGradients> batch = loss.valueAndGradients(pairs);
        double[] values = loss.value(pairs);
        assertEquals(pairs.size(), batch.size());
        int compared = 0;
        for (int k = 0; k < pairs.size(); k++) {
            LossGradients alone = loss.valueAndGradients(pairs.get(k).x(), pairs.get(k).y());
            assertEquals(alone.value(), batch.get(k).value(), 0.0, "pair " + k);
            assertEquals(loss.value(pairs.get(k).x(), pairs.get(k).y()), values[k], 0.0);
            assertArrayEquals(alone.gradX(), batch.get(k).gradX(), 0.0);
            assertArrayEquals(alone.gradY(), batch.get(k).gradY(), 0.0);
            assertArrayEquals(alone.gradA(), batch.get(k).gradA(), 0.0);
            assertArrayEquals(alone.gradB(), batch.get(k).gradB(), 0.0);
            assertEquals(pairs.get(k).x().count() * pairs.get(k).x().dimension(),
                    batch.get(k).gradX().length);
            compared++;
        }
        assertEquals(SHAPES.length, compared);
    }

    @Test
    void potentialsEqualTheOneByOneResultsForUnbalancedSinkhorn() {
        SamplesLoss loss = SamplesLoss.builder().blur(0.05).reach(0.5).build();
        List<MeasurePair> pairs = pairs(11);
        List<DualPotentials> batch = loss.potentials(pairs);
        for (int k = 0; k < pairs.size(); k++) {
            DualPotentials alone = loss.potentials(pairs.get(k).x(), pairs.get(k).y());
            assertArrayEquals(alone.f(), batch.get(k).f(), 0.0, "pair " + k);
            assertArrayEquals(alone.g(), batch.get(k).g(), 0.0, "pair " + k);
        }
    }

    @Test
    void aBadPairIsNamed() {
        List<MeasurePair> pairs = new ArrayList<>(pairs(3));
        Measure x = Measure.of(new double[][] {{0, 0}, {1, 1}});
        Measure y = Measure.of(new double[][] {{0, 0, 0}});
        pairs.add(2, MeasurePair.of(x, y));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SamplesLoss.builder().build().value(pairs));
        assertTrue(e.getMessage().startsWith("pairs[2]: "), e.getMessage());
        assertTrue(e.getMessage().contains("dimension 3"), e.getMessage());
    }

    @Test
    void emptyAndNullInputsAreRefused() {
        SamplesLoss loss = SamplesLoss.builder().build();
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> loss.value(List.<MeasurePair>of()));
        assertTrue(empty.getMessage().contains("pairs"), empty.getMessage());
        NullPointerException none = assertThrows(NullPointerException.class,
                () -> loss.value((List<MeasurePair>) null));
        assertEquals("pairs", none.getMessage());
        List<MeasurePair> withNull = new ArrayList<>(pairs(5));
        withNull.add(null);
        NullPointerException element = assertThrows(NullPointerException.class,
                () -> loss.value(withNull));
        assertEquals("pairs[" + SHAPES.length + "]", element.getMessage());
        assertThrows(NullPointerException.class, () -> MeasurePair.of(null, withNull.get(0).y()));
    }
}
