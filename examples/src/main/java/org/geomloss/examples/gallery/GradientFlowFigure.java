package org.geomloss.examples.gallery;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.geomloss.Measure;
import org.geomloss.examples.data.Coordinates;
import org.geomloss.examples.draw.Panel;
import org.geomloss.examples.draw.PanelFigure;

/**
 * Draws a {@link GradientFlow.Result} as the gallery does: up to six panels in two rows of three on
 * the unit square, target in light blue under the source in red, titled {@code t = 0.25}, and the
 * last one {@code t = 5.00, elapsed time: 0.01s/it}. Stateless and thread-safe.
 */
public final class GradientFlowFigure {

    /** The side of one panel, in pixels (the gallery's 12 x 8 inch figure at about 100 dpi). */
    public static final int PANEL_SIZE = 340;
    private static final int COLUMNS = 3;

    private GradientFlowFigure() {
    }

    /** The figure of a 2D flow of {@code target}, headed by {@code heading}. */
    public static PanelFigure draw(String heading, GradientFlow.Result result, Measure target) {
        List<GradientFlow.Snapshot> snapshots = result.snapshots();
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("the flow kept no snapshot to draw");
        }
        if (target.dimension() != 2) {
            throw new IllegalArgumentException("the gallery draws 2D flows, got dimension "
                    + target.dimension());
        }
        int rows = (snapshots.size() + COLUMNS - 1) / COLUMNS;
        PanelFigure figure = new PanelFigure(rows, Math.min(COLUMNS, snapshots.size()), PANEL_SIZE,
                heading);
        double[] targetCoords = Coordinates.of(target);
        for (int k = 0; k < snapshots.size(); k++) {
            GradientFlow.Snapshot snapshot = snapshots.get(k);
            Panel panel = figure.panel(k / COLUMNS, k % COLUMNS, 0, 1, 0, 1);
            panel.dots(targetCoords, 2, 0, 1, new Color[] {PanelFigure.TARGET},
                    PanelFigure.galleryDotDiameter(target.count(), PANEL_SIZE));
            panel.dots(snapshot.coords(), 2, 0, 1, new Color[] {PanelFigure.SOURCE},
                    PanelFigure.galleryDotDiameter(snapshot.coords().length / 2, PANEL_SIZE));
            String title = String.format(Locale.ROOT, "t = %1.2f", snapshot.time());
            if (k == snapshots.size() - 1) {
                title += String.format(Locale.ROOT, ", elapsed time: %.2fs/it",
                        result.secondsPerIteration());
            }
            panel.title(title);
            panel.border();
        }
        return figure;
    }

}
