package org.geomloss.examples.registration;

import java.awt.Color;
import org.geomloss.examples.draw.Panel;
import org.geomloss.examples.draw.PanelFigure;

/**
 * Draws 3D clouds as their three orthogonal projections (x-y, x-z, y-z), one row per stage of a
 * registration: source red, target blue. Stateless and thread-safe.
 */
public final class ProjectionFigure {

    private static final int PANEL_SIZE = 300;
    private static final int[][] AXES = {{0, 1}, {0, 2}, {1, 2}};
    private static final String[] AXIS_NAMES = {"x", "y", "z"};

    private ProjectionFigure() {
    }

    /**
     * A figure with one row per source stage (flat N x 3 each) over the same target.
     *
     * @param labels one label per stage, e.g. {@code "start"}
     */
    public static PanelFigure draw(String heading, double[] target, String[] labels,
                                   double[]... stages) {
        if (labels.length != stages.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + stages.length
                    + " stages");
        }
        double[] box = box(target, stages);
        double half = 0.55 * Math.max(Math.max(box[3] - box[0], box[4] - box[1]), box[5] - box[2]);
        PanelFigure figure = new PanelFigure(stages.length, 3, PANEL_SIZE, heading);
        double targetDot = PanelFigure.galleryDotDiameter(target.length / 3, PANEL_SIZE);
        for (int row = 0; row < stages.length; row++) {
            double sourceDot = PanelFigure.galleryDotDiameter(stages[row].length / 3, PANEL_SIZE);
            for (int column = 0; column < 3; column++) {
                int u = AXES[column][0];
                int v = AXES[column][1];
                double cu = (box[u] + box[u + 3]) / 2;
                double cv = (box[v] + box[v + 3]) / 2;
                Panel panel = figure.panel(row, column, cu - half, cu + half, cv - half, cv + half);
                panel.dots(target, 3, u, v, new Color[] {PanelFigure.TARGET}, targetDot);
                panel.dots(stages[row], 3, u, v, new Color[] {PanelFigure.SOURCE}, sourceDot);
                panel.title(labels[row] + ", " + AXIS_NAMES[u] + "-" + AXIS_NAMES[v] + " plane");
                panel.border();
            }
        }
        return figure;
    }

    /** {minX, minY, minZ, maxX, maxY, maxZ} over every cloud. */
    private static double[] box(double[] target, double[]... stages) {
        double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[][] clouds = new double[stages.length + 1][];
        clouds[0] = target;
        System.arraycopy(stages, 0, clouds, 1, stages.length);
        for (double[] cloud : clouds) {
            for (int i = 0; i < cloud.length / 3; i++) {
                for (int k = 0; k < 3; k++) {
                    box[k] = Math.min(box[k], cloud[3 * i + k]);
                    box[k + 3] = Math.max(box[k + 3], cloud[3 * i + k]);
                }
            }
        }
        return box;
    }
}
