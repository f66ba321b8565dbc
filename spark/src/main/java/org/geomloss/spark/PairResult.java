package org.geomloss.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.geomloss.SamplesLoss;

/**
 * The loss of one pair of clouds, or why there is none.
 *
 * @param idX   the first cloud's id
 * @param idY   the second cloud's id
 * @param value the loss, or null
 * @param error the reason there is no value (naming the cloud or the pair), or null
 */
record PairResult(String idX, String idY, Double value, String error) {

    /** {@code loss.value(x, y)}, or the reason it cannot be computed. */
    static PairResult compute(SamplesLoss loss, ParsedCloud x, ParsedCloud y) {
        String malformed = x.error() != null ? x.error() : y.error();
        if (malformed != null) {
            return new PairResult(x.id(), y.id(), null, malformed);
        }
        try {
            return new PairResult(x.id(), y.id(), loss.value(x.measure(), y.measure()), null);
        } catch (IllegalArgumentException e) {
            return new PairResult(x.id(), y.id(), null,
                    "pair ('" + x.id() + "', '" + y.id() + "'): " + e.getMessage());
        }
    }

    /**
     * The result row: {@code (id_x, id_y, value)} plus the error with {@link ErrorPolicy#COLUMN}.
     *
     * @throws IllegalArgumentException with the reason, under {@link ErrorPolicy#FAIL}
     */
    Row row(ErrorPolicy errors) {
        if (errors == ErrorPolicy.COLUMN) {
            return RowFactory.create(idX, idY, value, error);
        }
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        return RowFactory.create(idX, idY, value);
    }
}
