package org.geomloss.spark;

import java.io.Serial;
import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where a row holds its cloud. A table of clouds has the columns
 * <ul>
 *   <li>{@value #ID}: any type, compared as text; ids must be unique and non-null (they name the
 *       pairs);</li>
 *   <li>{@value #POINTS}: {@code array<array<float>>} (N points of D coordinates, float or double),
 *       or a flat {@code array<float>} of N*D coordinates with an integer column
 *       {@value #DIMENSION};</li>
 *   <li>optional {@value #WEIGHTS}: {@code array<double>} of N weights (null or absent: 1/N);</li>
 *   <li>optional {@value #ERROR}: a string; when not null the cloud is malformed for that reason
 *       (the folder reader records unreadable files there).</li>
 * </ul>
 * A column of a rowwise table holds a cloud either as {@code array<array<float>>} or as a struct
 * with the fields {@value #POINTS}, optional {@value #DIMENSION} and {@value #WEIGHTS}.
 *
 * <p>Built and checked on the driver (a wrong schema fails before any job starts, naming the
 * column), then shipped to the tasks. Immutable and thread-safe.
 */
final class CloudColumns implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The id column. */
    static final String ID = "id";
    /** The points column or field. */
    static final String POINTS = "points";
    /** The dimension column or field of flat points. */
    static final String DIMENSION = "dimension";
    /** The weights column or field. */
    static final String WEIGHTS = "weights";
    /** The column of a reading error. */
    static final String ERROR = "error";

    /** The schema the folder reader produces: flat float32 points. */
    static final StructType FLAT_SCHEMA = new StructType(new StructField[] {
        new StructField(ID, DataTypes.StringType, false, Metadata.empty()),
        new StructField(POINTS, DataTypes.createArrayType(DataTypes.FloatType, false), true,
                Metadata.empty()),
        new StructField(DIMENSION, DataTypes.IntegerType, true, Metadata.empty()),
        new StructField(WEIGHTS, DataTypes.createArrayType(DataTypes.DoubleType, false), true,
                Metadata.empty()),
        new StructField(ERROR, DataTypes.StringType, true, Metadata.empty())});

    private final String name;
    private final int points;
    private final PointsLayout layout;
    private final int dimension;
    private final int weights;
    private final int error;

    private CloudColumns(String name, StructType schema) {
        this.name = name;
        this.points = index(schema, POINTS);
        if (points < 0) {
            throw new IllegalArgumentException(name + " has no '" + POINTS + "' column; columns: "
                    + String.join(", ", schema.fieldNames()));
        }
        this.layout = PointsLayout.of(schema.fields()[points].dataType(), name + "." + POINTS);
        this.dimension = index(schema, DIMENSION);
        if (layout == PointsLayout.FLAT && (dimension < 0
                || !(schema.fields()[dimension].dataType() instanceof IntegerType))) {
            throw new IllegalArgumentException(name + ": flat points need an integer '" + DIMENSION
                    + "' column");
        }
        this.weights = index(schema, WEIGHTS);
        if (weights >= 0 && !(schema.fields()[weights].dataType() instanceof ArrayType array
                && array.elementType() instanceof NumericType)) {
            throw new IllegalArgumentException(name + "." + WEIGHTS + " must be an array of "
                    + "numbers, got " + schema.fields()[weights].dataType().simpleString());
        }
        this.error = index(schema, ERROR);
    }

    /** The columns of a table of clouds, checked; {@code name} names the table in messages. */
    static CloudColumns ofTable(String name, StructType schema) {
        if (index(schema, ID) < 0) {
            throw new IllegalArgumentException(name + " has no '" + ID + "' column; columns: "
                    + String.join(", ", schema.fieldNames()));
        }
        return new CloudColumns(name, schema);
    }

    /** The columns inside a struct-valued cloud column. */
    static CloudColumns ofStruct(String column, StructType struct) {
        return new CloudColumns("column '" + column + "'", struct);
    }

    /** The id of a table row (its text), checked not null. */
    static String id(Row row, String table) {
        Object id = row.get(row.fieldIndex(ID));
        if (id == null) {
            throw new IllegalArgumentException(table + ": a cloud has a null id; ids name the "
                    + "pairs and must be set");
        }
        return id.toString();
    }

    /** The cloud {@code id} held by {@code row} (a table row or a struct value). */
    CloudRecord record(String id, Row row) {
        if (error >= 0 && !row.isNullAt(error)) {
            return CloudRecord.malformed(id, row.getString(error));
        }
        return CloudValues.read(id, row.get(points), layout,
                dimension >= 0 && !row.isNullAt(dimension) ? row.getInt(dimension) : null,
                weights >= 0 ? row.get(weights) : null);
    }

    /** The table's name, for messages. */
    String name() {
        return name;
    }

    private static int index(StructType schema, String field) {
        return schema.getFieldIndex(field).isDefined() ? (Integer) schema.getFieldIndex(field).get()
                : -1;
    }
}
