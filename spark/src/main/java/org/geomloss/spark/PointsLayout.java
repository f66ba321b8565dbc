package org.geomloss.spark;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/** How a column holds the points of a cloud. */
enum PointsLayout {
    /** An array of points, each an array of D numbers: {@code array<array<float>>}. */
    NESTED,
    /** A flat array of N*D numbers, row-major, with the dimension D in another field. */
    FLAT;

    /**
     * The layout of a column of type {@code type}.
     *
     * @throws IllegalArgumentException naming {@code column} if it holds no array of numbers
     */
    static PointsLayout of(DataType type, String column) {
        if (type instanceof ArrayType array) {
            if (array.elementType() instanceof NumericType) {
                return FLAT;
            }
            if (array.elementType() instanceof ArrayType inner
                    && inner.elementType() instanceof NumericType) {
                return NESTED;
            }
        }
        throw new IllegalArgumentException(column + " must be an array of points (array<array<"
                + "float>>) or a flat array of numbers (array<float>) with a dimension, got "
                + type.simpleString());
    }
}
