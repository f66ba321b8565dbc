package org.geomloss.examples.io;

import java.nio.file.Path;
import org.geomloss.Measure;

/**
 * Reads a weighted point cloud from files: the points from an N x D array, and the weights either
 * from a separate file of N values (shape {@code (N,)}, {@code (N, 1)} or one CSV column) or from one
 * column of the points file. Without weights the cloud is uniform ({@code 1/N}, GeomLoss's default).
 *
 * <p>Every error names the file it comes from. Stateless and thread-safe.
 */
public final class PointCloudInput {

    private PointCloudInput() {
    }

    /**
     * Points and weights as read.
     *
     * @param points  the N x D coordinates
     * @param weights the N weights, or {@code null} for GeomLoss's uniform default
     * @param file    the points file, for messages
     */
    public record WeightedPoints(NumericMatrix points, double[] weights, Path file) {

        /** The rows of the points, for APIs that take {@code double[][]}. */
        public double[][] rows() {
            double[][] rows = new double[points.rows()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new double[points.columns()];
                System.arraycopy(points.values(), i * points.columns(), rows[i], 0,
                        points.columns());
            }
            return rows;
        }
    }

    /**
     * Reads a weighted point cloud as a {@link Measure} (validated there; the message of a bad value
     * names the file).
     *
     * @param points       the points file
     * @param weights      a weights file, or {@code null}
     * @param weightColumn the column of {@code points} that holds the weights (negative counts from
     *                     the end: -1 is the last column), or {@code null}
     */
    public static Measure read(Path points, Path weights, Integer weightColumn) {
        WeightedPoints cloud = readPoints(points, weights, weightColumn);
        NumericMatrix table = cloud.points();
        try {
            return Measure.ofFlat(table.values(), table.rows(), table.columns(), cloud.weights());
        } catch (IllegalArgumentException e) {
            Path culprit = e.getMessage().startsWith("weights") && weights != null ? weights : points;
            throw new IllegalArgumentException(culprit + ": " + e.getMessage(), e);
        }
    }

    /** Reads the points and the weights without building a measure; see {@link #read}. */
    public static WeightedPoints readPoints(Path points, Path weights, Integer weightColumn) {
        if (weights != null && weightColumn != null) {
            throw new IllegalArgumentException(points + ": give the weights either as a file ("
                    + weights + ") or as a column (" + weightColumn + "), not both");
        }
        NumericMatrix table = ArrayFiles.read(points);
        double[] masses = null;
        if (weightColumn != null) {
            int column = weightColumn < 0 ? table.columns() + weightColumn : weightColumn;
            if (column < 0 || column >= table.columns()) {
                throw new IllegalArgumentException(points + ": weight column " + weightColumn
                        + " does not exist, the file has " + table.columns() + " columns");
            }
            if (table.columns() == 1) {
                throw new IllegalArgumentException(points + ": weight column " + weightColumn
                        + " is the only column; no coordinates would be left");
            }
            masses = table.column(column);
            table = table.withoutColumn(column);
        } else if (weights != null) {
            masses = readWeights(weights, points, table.rows());
        }
        if (table.rows() == 0) {
            throw new IllegalArgumentException(points + ": holds no points (shape "
                    + table.shapeText() + ")");
        }
        return new WeightedPoints(table, masses, points);
    }

    private static double[] readWeights(Path weights, Path points, int count) {
        NumericMatrix table = ArrayFiles.read(weights);
        if (table.columns() != 1) {
            throw new IllegalArgumentException(weights + ": weights must have shape (N,) or (N, 1)"
                    + " (one column), got " + table.shapeText());
        }
        if (table.rows() != count) {
            throw new IllegalArgumentException(weights + ": " + table.rows() + " weights but "
                    + points + " has " + count + " points");
        }
        return table.values();
    }
}
