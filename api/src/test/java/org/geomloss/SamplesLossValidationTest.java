package org.geomloss;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.geomloss.kernels.CostFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input gets an IllegalArgumentException that names the parameter and the offending value. */
class SamplesLossValidationTest {

    private static final double[][] X = {{0, 0}, {1, 0}, {0, 1}};
    private static final double[][] Y = {{0.5, 0.5}, {2, 0}};

    /** Asserts an IllegalArgumentException whose message contains every fragment. */
    static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment),
                    "message '" + e.getMessage() + "' should mention '" + fragment + "'");
        }
    }

    @Test
    void nanCoordinateIsRejected() {
        assertRejected(() -> Measure.of(new double[][] {{0, Double.NaN}}), "points[0][1]", "NaN");
    }

    @Test
    void infiniteCoordinateIsRejected() {
        assertRejected(() -> Measure.of(new float[][] {{0}, {Float.POSITIVE_INFINITY}}),
                "points[1][0]", "Infinity");
    }

    @Test
    void infiniteFlatCoordinateIsRejected() {
        assertRejected(() -> Measure.ofFlat(new double[] {0, 1, Double.NEGATIVE_INFINITY, 2}, 2, 2,
                null), "points[1][0]", "-Infinity");
    }

    @Test
    void negativeWeightIsRejected() {
        assertRejected(() -> Measure.of(X, new double[] {0.5, -0.1, 0.6}), "weights[1]", "-0.1");
    }

    @Test
    void nanWeightIsRejected() {
        assertRejected(() -> Measure.of(X, new double[] {0.5, Double.NaN, 0.5}), "weights[1]", "NaN");
    }

    @Test
    void zeroMassIsRejected() {
        assertRejected(() -> Measure.of(X, new double[] {0, 0, 0}), "weights", "0.0");
    }

    @Test
    void weightsOfTheWrongLengthAreRejected() {
        assertRejected(() -> Measure.of(X, new double[] {1}), "weights", "length 1", "3 points");
    }

    @Test
    void emptyCloudIsRejected() {
        assertRejected(() -> Measure.of(new double[0][]), "points", "empty");
    }

    @Test
    void raggedRowsAreRejected() {
        assertRejected(() -> Measure.of(new double[][] {{0, 0}, {1}}), "points[1]", "1 coordinates");
    }

    @Test
    void flatShapeMismatchIsRejected() {
        assertRejected(() -> Measure.ofFlat(new float[5], 2, 2, null), "coords", "length 5");
    }

    @Test
    void mismatchedDimensionsAreRejected() {
        SamplesLoss loss = SamplesLoss.builder().build();
        assertRejected(() -> loss.value(Measure.of(X), Measure.of(new double[][] {{1, 2, 3}})),
                "dimension 3", "dimension 2");
    }

    @Test
    void unequalMassesInBalancedModeAreRejected() {
        SamplesLoss loss = SamplesLoss.builder().build();
        Measure x = Measure.of(X, new double[] {0.2, 0.3, 0.5});
        Measure y = Measure.of(Y, new double[] {0.3, 0.4});
        assertRejected(() -> loss.value(x, y), "weights", "equal total masses", "0.7", "reach");
    }

    @Test
    void unequalMassesAreFineWithAReach() {
        SamplesLoss loss = SamplesLoss.builder().reach(0.5).build();
        double value = loss.value(Measure.of(X, new double[] {0.2, 0.3, 0.5}),
                Measure.of(Y, new double[] {0.3, 0.4}));
        assertTrue(Double.isFinite(value));
    }

    @Test
    void nonPositiveBlurIsRejected() {
        assertRejected(() -> SamplesLoss.builder().blur(0), "blur", "0.0");
        assertRejected(() -> SamplesLoss.builder().blur(-1), "blur", "-1.0");
        assertRejected(() -> SamplesLoss.builder().blur(Double.NaN), "blur", "NaN");
    }

    @Test
    void exponentOtherThanOneOrTwoIsRejected() {
        assertRejected(() -> SamplesLoss.builder().p(3), "p", "3");
        assertRejected(() -> SamplesLoss.builder().set("p", 1.5), "p", "1.5");
    }

    @Test
    void unknownOptionIsRejected() {
        assertRejected(() -> SamplesLoss.builder().set("blurr", 0.1), "unknown option", "blurr");
    }

    @Test
    void unknownLossIsRejected() {
        assertRejected(() -> SamplesLoss.builder().set("loss", "wasserstein"), "loss", "wasserstein");
    }

    @Test
    void unknownBackendIsRejected() {
        assertRejected(() -> SamplesLoss.builder().set("backend", "gpu"), "backend", "gpu");
    }

    @Test
    void wronglyTypedOptionIsRejected() {
        assertRejected(() -> SamplesLoss.builder().set("debias", "yes"), "debias", "yes");
    }

    @Test
    void scalingOutsideTheOpenUnitIntervalIsRejected() {
        assertRejected(() -> SamplesLoss.builder().scaling(1.0), "scaling", "1.0");
        assertRejected(() -> SamplesLoss.builder().scaling(0), "scaling", "0.0");
    }

    @Test
    void nonPositiveReachDiameterTruncateAndClusterScaleAreRejected() {
        assertRejected(() -> SamplesLoss.builder().reach(0.0), "reach", "0.0");
        assertRejected(() -> SamplesLoss.builder().diameter(-1.0), "diameter", "-1.0");
        assertRejected(() -> SamplesLoss.builder().truncate(0.0), "truncate", "0.0");
        assertRejected(() -> SamplesLoss.builder().clusterScale(-2.0), "cluster_scale", "-2.0");
    }

    @Test
    void batchesOfDifferentSizesAreRejected() {
        SamplesLoss loss = SamplesLoss.builder().build();
        MeasureBatch two = MeasureBatch.of(Measure.of(X), Measure.of(X));
        MeasureBatch one = MeasureBatch.of(Measure.of(X));
        assertRejected(() -> loss.value(two, one), "batch size 1", "batch size 2");
        assertRejected(() -> MeasureBatch.of(Measure.of(X), Measure.of(Y)), "measures[1]", "N=2");
    }

    @Test
    void tensorizedRefusesMatricesThatDoNotFitAndNamesTheStreamingBackends() {
        SamplesLoss loss = SamplesLoss.builder().backend(Backend.TENSORIZED).build();
        Measure big = Measure.ofFlat(new float[3 * 200_000], 200_000, 3, null);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> loss.value(big, big));
        assertTrue(e.getMessage().contains("ONLINE") && e.getMessage().contains("MULTISCALE"),
                e.getMessage());
    }

    @Test
    void multiscaleRefusesDimensionAboveThree() {
        SamplesLoss loss = SamplesLoss.builder().backend(Backend.MULTISCALE).build();
        Measure x = Measure.of(new double[][] {{0, 0, 0, 0}, {1, 1, 1, 1}});
        assertRejected(() -> loss.value(x, x), "dimension 4", "ONLINE");
    }

    @Test
    void customCostWithoutGradientSupportsValuesOnly() {
        CostFunction manhattan = (x, i, y, j, d) -> {
            double sum = 0;
            for (int k = 0; k < d; k++) {
                sum += Math.abs(x[i * d + k] - y[j * d + k]);
            }
            return sum;
        };
        SamplesLoss loss = SamplesLoss.builder().cost(manhattan).p(1).build();
        assertTrue(Double.isFinite(loss.value(Measure.of(X), Measure.of(Y))));
        assertThrows(UnsupportedOperationException.class,
                () -> loss.valueAndGradients(Measure.of(X), Measure.of(Y)));
    }
}
