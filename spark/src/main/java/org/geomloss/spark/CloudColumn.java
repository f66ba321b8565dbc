package org.geomloss.spark;

import java.io.Serial;
import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A column of a rowwise table that holds one cloud per row: {@code array<array<float>>} (uniform
 * weights) or a struct with the fields of {@link CloudColumns}. Checked on the driver, read in the
 * tasks. Immutable and thread-safe.
 */
final class CloudColumn implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int index;
    private final CloudColumns struct;

    private CloudColumn(String name, int index, CloudColumns struct) {
        this.name = name;
        this.index = index;
        this.struct = struct;
    }

    /**
     * The column {@code name} of {@code schema}.
     *
     * @throws IllegalArgumentException naming the column if it is absent or holds no cloud
     */
    static CloudColumn of(StructType schema, String name) {
        if (!schema.getFieldIndex(name).isDefined()) {
            throw new IllegalArgumentException("column '" + name + "' does not exist; columns: "
                    + String.join(", ", schema.fieldNames()));
        }
        int index = schema.fieldIndex(name);
        StructField field = schema.fields()[index];
        if (field.dataType() instanceof StructType inner) {
            return new CloudColumn(name, index, CloudColumns.ofStruct(name, inner));
        }
        if (PointsLayout.of(field.dataType(), "column '" + name + "'") != PointsLayout.NESTED) {
            throw new IllegalArgumentException("column '" + name + "' holds flat numbers; a flat "
                    + "cloud needs a struct with 'points' and 'dimension'");
        }
        return new CloudColumn(name, index, null);
    }

    /** The cloud of {@code row}, named {@code label/column} in messages. */
    ParsedCloud read(Row row, String label) {
        String id = label + "/" + name;
        if (struct == null) {
            return CloudValues.read(id, row.get(index), PointsLayout.NESTED, null, null).parse();
        }
        if (row.isNullAt(index)) {
            return CloudRecord.malformed(id, "the cloud is null").parse();
        }
        return struct.record(id, row.getStruct(index)).parse();
    }
}
