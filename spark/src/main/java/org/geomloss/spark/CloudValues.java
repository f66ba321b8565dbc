package org.geomloss.spark;

import java.util.List;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Turns the Spark values of one cloud into a {@link CloudRecord}: points as an array of points
 * (each an array of D numbers) or as a flat array of N*D numbers with the dimension D, and
 * optional weights. Coordinates are narrowed to float32 as {@link org.geomloss.Measure} does, so a
 * cloud stored in float64 gives the same measure as on a single machine. A structural problem
 * (null or ragged points, a length that D does not divide) gives a malformed record naming the
 * place; values (NaN, negative weights) are checked later by {@link org.geomloss.Measure}.
 * Stateless and thread-safe.
 */
final class CloudValues {

    private CloudValues() {
    }

    /**
     * The cloud {@code id} from its points laid out as {@code layout}, its dimension (read for a
     * flat layout only) and its weights (null for uniform).
     */
    static CloudRecord read(String id, Object points, PointsLayout layout, Integer dimension,
                            Object weights) {
        if (points == null) {
            return CloudRecord.malformed(id, "points is null");
        }
        List<?> list = list(points);
        if (list.isEmpty()) {
            return CloudRecord.malformed(id, "holds no points");
        }
        double[] masses;
        try {
            masses = weights == null ? null : numbers(list(weights), "weights");
        } catch (IllegalArgumentException e) {
            return CloudRecord.malformed(id, e.getMessage());
        }
        if (layout == PointsLayout.NESTED) {
            return nested(id, list, masses);
        }
        return dimension == null ? CloudRecord.malformed(id, "dimension is null")
                : flat(id, list, dimension, masses);
    }

    private static CloudRecord nested(String id, List<?> rows, double[] weights) {
        Object first = rows.get(0);
        if (first == null) {
            return CloudRecord.malformed(id, "points[0] is null");
        }
        int d = list(first).size();
        if (d == 0) {
            return CloudRecord.malformed(id, "points[0] has no coordinates");
        }
        float[] coords = new float[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == null) {
                return CloudRecord.malformed(id, "points[" + i + "] is null");
            }
            List<?> row = list(rows.get(i));
            if (row.size() != d) {
                return CloudRecord.malformed(id, "points[" + i + "] has " + row.size()
                        + " coordinates but points[0] has " + d);
            }
            for (int k = 0; k < d; k++) {
                Object value = row.get(k);
                if (value == null) {
                    return CloudRecord.malformed(id, "points[" + i + "][" + k + "] is null");
                }
                coords[i * d + k] = ((Number) value).floatValue();
            }
        }
        return new CloudRecord(id, coords, d, weights, null);
    }

    private static CloudRecord flat(String id, List<?> values, int d, double[] weights) {
        if (d < 1 || values.size() % d != 0) {
            return CloudRecord.malformed(id, "dimension " + d + " does not divide the "
                    + values.size() + " coordinates");
        }
        float[] coords = new float[values.size()];
        for (int k = 0; k < coords.length; k++) {
            Object value = values.get(k);
            if (value == null) {
                return CloudRecord.malformed(id, "points[" + (k / d) + "][" + (k % d) + "] is null");
            }
            coords[k] = ((Number) value).floatValue();
        }
        return new CloudRecord(id, coords, d, weights, null);
    }

    private static double[] numbers(List<?> values, String name) {
        double[] out = new double[values.size()];
        for (int k = 0; k < out.length; k++) {
            Object value = values.get(k);
            if (value == null) {
                throw new IllegalArgumentException(name + "[" + k + "] is null");
            }
            out[k] = ((Number) value).doubleValue();
        }
        return out;
    }

    /** A Spark array value (a Scala sequence, or a Java list from {@code Row.getList}) as a list. */
    private static List<?> list(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Seq<?> seq) {
            return CollectionConverters.asJava(seq);
        }
        throw new IllegalArgumentException("expected an array, got " + value.getClass().getName());
    }
}
