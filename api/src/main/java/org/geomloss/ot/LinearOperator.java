package org.geomloss.ot;

import java.util.Objects;

/**
 * A linear map {@code K : R^columns -> R^rows} that is applied without building its matrix: GeomLoss's
 * {@code ot.LinearOperator}. It maps a vector of length {@code columns} to one of length
 * {@code rows}, and a matrix of {@code columns x V} (V vectors side by side, upstream's trailing
 * dimensions) to {@code rows x V}.
 *
 * <ul>
 *   <li>{@link #transpose()} is the adjoint {@code K^T}, correct for any shape (upstream's rescaled
 *       operators fail when {@code N != M}).</li>
 *   <li>{@link #rescale(double[], double[])} is {@code x -> v . K(u . x)}, with adjoint
 *       {@code y -> u . K^T(v . y)}: the plan operator is the density operator rescaled by
 *       {@code (b, a)}.</li>
 *   <li>{@link #fromDense(double[][])} wraps a matrix; {@link #of} wraps two products (upstream's
 *       {@code matmat} and {@code rmatmat}, its {@code from_lazy_tensor}).</li>
 * </ul>
 * Upstream's batched operators (shapes {@code (B, M) -> (B, N)}) are, in Java, one operator per
 * problem of a batch result. Immutable and thread-safe when its products are.
 */
public final class LinearOperator {

    /**
     * A product with V vectors stored row-major: {@code x} has {@code length x width} entries,
     * {@code out} (zero on entry) receives {@code outLength x width}.
     */
    @FunctionalInterface
    public interface Product {
        /** Writes the product with {@code x} ({@code width} columns) into {@code out}. */
        void apply(double[] x, int width, double[] out);
    }

    private final int rows;
    private final int columns;
    private final Product matmat;
    private final Product rmatmat;

    private LinearOperator(int rows, int columns, Product matmat, Product rmatmat) {
        this.rows = rows;
        this.columns = columns;
        this.matmat = matmat;
        this.rmatmat = rmatmat;
    }

    /**
     * An operator of shape {@code rows x columns} from its product and the product of its adjoint.
     *
     * @throws IllegalArgumentException if a size is negative or a product is null
     */
    public static LinearOperator of(int rows, int columns, Product matmat, Product rmatmat) {
        Objects.requireNonNull(matmat, "matmat");
        Objects.requireNonNull(rmatmat, "rmatmat");
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("rows and columns must be >= 0 and both products "
                    + "given, got rows=" + rows + ", columns=" + columns);
        }
        return new LinearOperator(rows, columns, matmat, rmatmat);
    }

    /**
     * The operator of a dense rectangular matrix {@code K} (copied): {@code x -> K x},
     * adjoint {@code y -> K^T y}.
     */
    public static LinearOperator fromDense(double[][] matrix) {
        double[] k = Validation.rectangular(matrix, "matrix");
        int n = matrix.length;
        int m = matrix[0].length;
        return new LinearOperator(n, m, (x, width, out) -> {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double kij = k[i * m + j];
                    for (int v = 0; v < width; v++) {
                        out[i * width + v] += kij * x[j * width + v];
                    }
                }
            }
        }, (y, width, out) -> {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double kij = k[i * m + j];
                    for (int v = 0; v < width; v++) {
                        out[j * width + v] += kij * y[i * width + v];
                    }
                }
            }
        });
    }

    /** Number of rows: the output length (N). */
    public int rows() {
        return rows;
    }

    /** Number of columns: the input length (M). */
    public int columns() {
        return columns;
    }

    /** {@code {rows, columns}}, upstream's {@code shape}. */
    public int[] shape() {
        return new int[] {rows, columns};
    }

    /**
     * {@code K x} for a vector of length {@code columns}.
     *
     * @throws IllegalArgumentException if the length is not {@code columns}
     */
    public double[] apply(double[] x) {
        if (Objects.requireNonNull(x, "x").length != columns) {
            throw shapeError(PythonFormat.shape(x.length));
        }
        double[] out = new double[rows];
        matmat.apply(x.clone(), 1, out);
        return out;
    }

    /**
     * {@code K W} for a {@code columns x V} matrix (V vectors as columns).
     *
     * @throws IllegalArgumentException if {@code W} does not have {@code columns} rows of one length
     */
    public double[][] apply(double[][] w) {
        if (Objects.requireNonNull(w, "W").length != columns) {
            int found = w.length == 0 || w[0] == null ? 0 : w[0].length;
            throw shapeError(PythonFormat.shape(w.length, found));
        }
        int width = columns == 0 ? 0 : w[0].length;
        double[] flat = new double[columns * width];
        for (int j = 0; j < columns; j++) {
            if (w[j] == null || w[j].length != width) {
                throw new IllegalArgumentException("W should be rectangular: row " + j + " has "
                        + (w[j] == null ? 0 : w[j].length) + " entries, row 0 has " + width + ".");
            }
            System.arraycopy(w[j], 0, flat, j * width, width);
        }
        double[] out = new double[rows * width];
        matmat.apply(flat, width, out);
        double[][] result = new double[rows][width];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(out, i * width, result[i], 0, width);
        }
        return result;
    }

    /** The adjoint {@code K^T}, of shape {@code columns x rows} (upstream's {@code T}). */
    public LinearOperator transpose() {
        return new LinearOperator(columns, rows, rmatmat, matmat);
    }

    /**
     * {@code x -> outputScaling . K(inputScaling . x)}, with the matching adjoint.
     *
     * @param inputScaling  length {@code columns}
     * @param outputScaling length {@code rows}
     * @throws IllegalArgumentException on a length mismatch
     */
    public LinearOperator rescale(double[] inputScaling, double[] outputScaling) {
        Objects.requireNonNull(inputScaling, "inputScaling");
        Objects.requireNonNull(outputScaling, "outputScaling");
        if (inputScaling.length != columns || outputScaling.length != rows) {
            throw new IllegalArgumentException("rescale expects an input scaling of shape "
                    + PythonFormat.shape(columns) + " and an output scaling of shape "
                    + PythonFormat.shape(rows));
        }
        double[] u = inputScaling.clone();
        double[] v = outputScaling.clone();
        return new LinearOperator(rows, columns, scaled(matmat, u, v, rows),
                scaled(rmatmat, v, u, columns));
    }

    private static Product scaled(Product inner, double[] in, double[] out, int outLength) {
        return (x, width, result) -> {
            double[] scaledX = new double[x.length];
            for (int j = 0; j < in.length; j++) {
                for (int k = 0; k < width; k++) {
                    scaledX[j * width + k] = in[j] * x[j * width + k];
                }
            }
            inner.apply(scaledX, width, result);
            for (int i = 0; i < outLength; i++) {
                for (int k = 0; k < width; k++) {
                    result[i * width + k] *= out[i];
                }
            }
        };
    }

    private IllegalArgumentException shapeError(String found) {
        return new IllegalArgumentException("Expects an input of shape " + PythonFormat.shape(columns)
                + " with, maybe, additional trailing dimensions, but found an array of shape "
                + found + ".");
    }
}
