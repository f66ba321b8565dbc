package org.geomloss.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.geomloss.LossGradients;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.ot.OT;
import org.geomloss.ot.OTResultSample;

/**
 * What a rowwise job computes for one row, or why it could not.
 *
 * @param value     the loss, or null
 * @param gradients the loss's gradients when asked for and computed, or null
 * @param ot        the ot result when asked for and computed, or null
 * @param error     the reason the results are missing, or null
 */
record RowResult(Double value, LossGradients gradients, OTResultSample ot, String error) {

    /** The results {@code request} asks for between {@code x} and {@code y}. */
    static RowResult compute(SamplesLoss loss, RowwiseRequest request, ParsedCloud x,
                             ParsedCloud y) {
        String malformed = x.error() != null ? x.error() : y.error();
        if (malformed != null) {
            return new RowResult(null, null, null, malformed);
        }
        try {
            LossGradients gradients = request.gradients()
                    ? loss.valueAndGradients(x.measure(), y.measure()) : null;
            double value = gradients != null ? gradients.value()
                    : loss.value(x.measure(), y.measure());
            OTResultSample ot = null;
            if (request.ot() != null) {
                ot = OT.solveSample(rows(x.measure()), rows(y.measure()),
                        request.ot().sampleOptions(weights(x.measure()), weights(y.measure())));
                ot.value();
            }
            return new RowResult(value, gradients, ot, null);
        } catch (IllegalArgumentException e) {
            return new RowResult(null, null, null,
                    "clouds '" + x.id() + "' and '" + y.id() + "': " + e.getMessage());
        }
    }

    /**
     * {@code input} followed by the result columns of {@link RowwiseLosses}.
     *
     * @throws IllegalArgumentException with the reason, under {@link ErrorPolicy#FAIL}
     */
    Row append(Row input, RowwiseRequest request, ErrorPolicy errors) {
        if (error != null && errors == ErrorPolicy.FAIL) {
            throw new IllegalArgumentException(error);
        }
        List<Object> values = new ArrayList<>(input.length() + 8);
        for (int k = 0; k < input.length(); k++) {
            values.add(input.get(k));
        }
        values.add(value);
        if (errors == ErrorPolicy.COLUMN) {
            values.add(error);
        }
        if (request.gradients()) {
            boolean present = gradients != null;
            int d = present ? gradients.gradX().length / gradients.gradA().length : 0;
            values.add(present ? matrix(gradients.gradX(), d) : null);
            values.add(present ? matrix(gradients.gradY(), d) : null);
            values.add(present ? gradients.gradA() : null);
            values.add(present ? gradients.gradB() : null);
        }
        if (request.ot() != null) {
            values.add(ot != null ? ot.value() : null);
            values.add(ot != null ? ot.marginalError() : null);
        }
        return RowFactory.create(values.toArray());
    }

    private static float[][] rows(Measure measure) {
        float[] coords = measure.coordinates();
        int d = measure.dimension();
        float[][] rows = new float[measure.count()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(coords, i * d, (i + 1) * d);
        }
        return rows;
    }

    private static double[] weights(Measure measure) {
        return measure.hasUniformDefaultWeights() ? null : measure.weights();
    }

    private static double[][] matrix(double[] flat, int d) {
        double[][] rows = new double[flat.length / d][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return rows;
    }
}
