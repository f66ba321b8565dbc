package org.geomloss.examples.draw;

import java.awt.Color;

/**
 * The colours of the figures beyond source red and target blue: a categorical palette for labels
 * and series (matplotlib's {@code tab10}) and a sequential colour map (an approximation of
 * {@code viridis} by linear interpolation between eight of its colours).
 *
 * <p>Stateless and thread-safe.
 */
public final class Palette {

    private static final Color[] CATEGORIES = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
        new Color(23, 190, 207)};

    private static final int[][] VIRIDIS = {
        {68, 1, 84}, {70, 50, 127}, {54, 92, 141}, {39, 127, 142}, {31, 161, 135},
        {74, 194, 109}, {159, 218, 58}, {253, 231, 37}};

    private Palette() {
    }

    /** The colour of category {@code k} (cycling after ten). */
    public static Color category(int k) {
        return CATEGORIES[Math.floorMod(k, CATEGORIES.length)];
    }

    /** The sequential colour of {@code t}, clamped to [0, 1]: dark purple at 0, yellow at 1. */
    public static Color sequential(double t) {
        double position = Math.clamp(Double.isNaN(t) ? 0.0 : t, 0.0, 1.0) * (VIRIDIS.length - 1);
        int low = Math.min((int) position, VIRIDIS.length - 2);
        double fraction = position - low;
        int[] a = VIRIDIS[low];
        int[] b = VIRIDIS[low + 1];
        return new Color((int) Math.round(a[0] + fraction * (b[0] - a[0])),
                (int) Math.round(a[1] + fraction * (b[1] - a[1])),
                (int) Math.round(a[2] + fraction * (b[2] - a[2])));
    }
}
