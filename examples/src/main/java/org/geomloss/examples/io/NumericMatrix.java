package org.geomloss.examples.io;

import java.util.Objects;

/**
 * A dense row-major matrix of doubles read from or written to a file: N rows (points) of D columns
 * (coordinates). A one-dimensional array, such as a weight vector, is an N x 1 matrix that remembers
 * it was one-dimensional ({@link #oneDimensional()}), so that writing it back keeps its shape.
 *
 * <p>Immutable by contract: the constructor does not copy and {@link #values()} returns the array
 * itself, for speed on large clouds; callers must not modify it. Thread-safe if not modified.
 *
 * @param rows           N, at least 1
 * @param columns        D, at least 1
 * @param values         {@code values[i * columns + k]} is entry (i, k)
 * @param oneDimensional whether the array has shape {@code (N,)} rather than {@code (N, D)}
 */
public record NumericMatrix(int rows, int columns, double[] values, boolean oneDimensional) {

    /** Checks the shape. */
    public NumericMatrix {
        Objects.requireNonNull(values, "values");
        if (rows < 0 || columns < 1 || (long) rows * columns != values.length) {
            throw new IllegalArgumentException("values has length " + values.length
                    + ", expected rows*columns with rows=" + rows + ", columns=" + columns);
        }
        if (oneDimensional && columns != 1) {
            throw new IllegalArgumentException("a one-dimensional array has one column, got "
                    + columns);
        }
    }

    /** A two-dimensional N x D matrix. */
    public static NumericMatrix of(int rows, int columns, double[] values) {
        return new NumericMatrix(rows, columns, values, false);
    }

    /** A one-dimensional vector of shape {@code (N,)}. */
    public static NumericMatrix vector(double[] values) {
        return new NumericMatrix(values.length, 1, values, true);
    }

    /** Entry (i, k). */
    public double get(int i, int k) {
        return values[i * columns + k];
    }

    /** Column {@code k} as a new array. */
    public double[] column(int k) {
        requireColumn(k);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = values[i * columns + k];
        }
        return out;
    }

    /** This matrix without column {@code k} (a new matrix). */
    public NumericMatrix withoutColumn(int k) {
        requireColumn(k);
        if (columns == 1) {
            throw new IllegalArgumentException("cannot remove column " + k
                    + " of a matrix with a single column: no coordinates would be left");
        }
        double[] out = new double[rows * (columns - 1)];
        int next = 0;
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < columns; c++) {
                if (c != k) {
                    out[next++] = values[i * columns + c];
                }
            }
        }
        return of(rows, columns - 1, out);
    }

    /** The shape as numpy prints it, e.g. {@code (100, 2)} or {@code (100,)}. */
    public String shapeText() {
        return oneDimensional ? "(" + rows + ",)" : "(" + rows + ", " + columns + ")";
    }

    private void requireColumn(int k) {
        if (k < 0 || k >= columns) {
            throw new IllegalArgumentException("column " + k + " does not exist: the matrix has "
                    + columns + " columns");
        }
    }
}
