package org.geomloss.kernels.vector;

import java.util.Arrays;
import org.geomloss.kernels.PointArray;

/**
 * The source points of a reduction transposed for vector loads ("structure of arrays"), with one
 * extra row of per-column values ({@code h} in log2 units for a soft-min, the weights {@code w} for a
 * kernel sum), all in float32.
 *
 * <p>Row {@code k < D} holds coordinate {@code k} of every column at {@code data[k * stride + j]};
 * the value row starts at {@code D * stride}. Columns {@code [columns, stride)} are padding: zero
 * coordinates and the value {@code padding}, chosen so that a padded column adds nothing
 * ({@code -infinity} for a log-sum-exp, 0 for a weighted sum). The padding is at least one whole vector,
 * so a vector loop over {@code [a, M)} may run past {@code M} to the next multiple of the lane count.
 *
 * <p>Built once per reduction call and then only read: safe to share between threads.
 */
final class ColumnLayout {

    private final float[] data;
    private final int columns;
    private final int stride;
    private final int coordinateRows;
    private final float padding;

    private ColumnLayout(float[] data, int columns, int stride, int coordinateRows, float padding) {
        this.data = data;
        this.columns = columns;
        this.stride = stride;
        this.coordinateRows = coordinateRows;
        this.padding = padding;
    }

    /**
     * Transposes {@code points} and appends the row {@code (float) (scale * values[j])}.
     *
     * @param padding the value of the padded columns
     */
    static ColumnLayout of(PointArray points, double[] values, double scale, float padding) {
        int count = points.count();
        int dimension = points.dimension();
        int rows = dimension;
        int stride = paddedLength(count) + VectorExp.LANES;
        float[] data = new float[(rows + 1) * stride];
        float[] coords = points.coords();
        for (int j = 0; j < count; j++) {
            for (int k = 0; k < dimension; k++) {
                data[k * stride + j] = coords[j * dimension + k];
            }
        }
        int valueOffset = rows * stride;
        for (int j = 0; j < count; j++) {
            data[valueOffset + j] = (float) (scale * values[j]);
        }
        Arrays.fill(data, valueOffset + count, valueOffset + stride, padding);
        return new ColumnLayout(data, count, stride, rows, padding);
    }

    /** A layout of the given columns of this one only, in that order, with the same padding. */
    ColumnLayout select(int[] selected, int count) {
        int newStride = paddedLength(count);
        float[] selectedData = new float[(coordinateRows + 1) * newStride];
        for (int row = 0; row <= coordinateRows; row++) {
            for (int c = 0; c < count; c++) {
                selectedData[row * newStride + c] = data[row * stride + selected[c]];
            }
        }
        int valueOffset = coordinateRows * newStride;
        Arrays.fill(selectedData, valueOffset + count, valueOffset + newStride, padding);
        return new ColumnLayout(selectedData, count, newStride, coordinateRows, padding);
    }

    /** {@code n} rounded up to a multiple of the lane count. */
    static int paddedLength(int n) {
        return (n + VectorExp.LANES - 1) / VectorExp.LANES * VectorExp.LANES;
    }

    float[] data() {
        return data;
    }

    /** Number of real (unpadded) columns. */
    int columns() {
        return columns;
    }

    /** Distance between two rows in {@link #data()}: a multiple of the lane count. */
    int stride() {
        return stride;
    }

}
