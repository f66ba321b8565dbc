package org.geomloss.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.geomloss.examples.draw.Chart;
import org.geomloss.examples.draw.Palette;
import org.geomloss.examples.draw.PanelFigure;

/**
 * Time against problem size on log-log axes, GeomLoss's {@code plot_benchmarks_samplesloss_3D}:
 * one curve per series, one chart per panel, from {@link Timing}s of any origin (JMH results, peer
 * files).
 *
 * <ul>
 *   <li>x is the numeric parameter {@link Layout#x()} (e.g. {@code n}); y the seconds.</li>
 *   <li>Timings that have a parameter named in {@link Layout#filters()} with another value are
 *       left out; timings without that parameter are kept.</li>
 *   <li>Charts split by the value of {@link Layout#panel()} (none: one chart); a timing without it
 *       appears in every chart.</li>
 *   <li>A series is the tool (for other tools than this library) and the values of
 *       {@link Layout#series()}; by default every parameter besides x and the panel that takes
 *       more than one value. This library's curves have circles, other tools' squares.</li>
 *   <li>Both axes are shared by the charts, so that they compare.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class TimeVsSizePlot {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 440;

    private TimeVsSizePlot() {
    }

    /**
     * What goes where.
     *
     * @param x       the parameter on the x axis
     * @param series  the parameters whose values name a curve; empty for the default
     * @param panel   the parameter whose values name a chart, or null for one chart
     * @param filters parameter values to keep
     */
    public record Layout(String x, List<String> series, String panel, Map<String, String> filters) {

        /** Copies the lists. */
        public Layout {
            if (x == null || x.isBlank()) {
                throw new IllegalArgumentException("the x parameter must be named");
            }
            series = List.copyOf(series);
            filters = Map.copyOf(filters);
        }
    }

    /**
     * The figure of {@code timings} laid out by {@code layout}.
     *
     * @throws IllegalArgumentException if nothing is left after the filters, or a kept timing has no
     *                                  numeric x parameter
     */
    public static PanelFigure draw(String heading, List<Timing> timings, Layout layout) {
        List<Timing> kept = timings.stream().filter(t -> matches(t, layout.filters())).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no timing left to draw after the filters "
                    + layout.filters());
        }
        List<String> seriesParameters = layout.series().isEmpty() ? varying(kept, layout)
                : layout.series();
        Set<String> panels = new LinkedHashSet<>();
        for (Timing timing : kept) {
            String value = layout.panel() == null ? null : timing.parameters().get(layout.panel());
            if (value != null) {
                panels.add(value);
            }
        }
        if (panels.isEmpty()) {
            panels.add("");
        }
        double[] xs = new double[kept.size()];
        double[] ys = new double[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            xs[k] = x(kept.get(k), layout.x());
            ys[k] = kept.get(k).seconds();
        }
        Chart.Axis xAxis = Chart.Axis.fitting(layout.x(), Chart.Scale.LOG, xs);
        Chart.Axis yAxis = Chart.Axis.fitting("seconds", Chart.Scale.LOG, ys);
        Map<String, Integer> colours = new LinkedHashMap<>();
        PanelFigure figure = new PanelFigure(1, panels.size(), WIDTH, HEIGHT, heading);
        int column = 0;
        for (String panel : panels) {
            Chart chart = figure.chart(0, column++, xAxis, yAxis);
            Map<String, TreeMap<Double, Double>> curves = new LinkedHashMap<>();
            Map<String, Boolean> ours = new LinkedHashMap<>();
            for (Timing timing : kept) {
                String value = layout.panel() == null ? null
                        : timing.parameters().get(layout.panel());
                if (value != null && !value.equals(panel)) {
                    continue;
                }
                String name = seriesName(timing, seriesParameters);
                curves.computeIfAbsent(name, key -> new TreeMap<>())
                        .put(x(timing, layout.x()), timing.seconds());
                ours.put(name, timing.tool().equals(Timing.THIS_LIBRARY));
            }
            for (Map.Entry<String, TreeMap<Double, Double>> curve : curves.entrySet()) {
                int colour = colours.computeIfAbsent(curve.getKey(), key -> colours.size());
                double[] cx = curve.getValue().keySet().stream().mapToDouble(d -> d).toArray();
                double[] cy = curve.getValue().values().stream().mapToDouble(d -> d).toArray();
                chart.line(cx, cy, Palette.category(colour), ours.get(curve.getKey())
                        ? Chart.Marker.CIRCLE : Chart.Marker.SQUARE, curve.getKey());
            }
            chart.legend(Chart.Corner.UPPER_LEFT);
            chart.title(layout.panel() == null ? "time per call" : layout.panel() + " = " + panel);
        }
        return figure;
    }

    private static boolean matches(Timing timing, Map<String, String> filters) {
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            String value = timing.parameters().get(filter.getKey());
            if (value != null && !value.equals(filter.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The parameters besides x and the panel that take more than one value. */
    private static List<String> varying(List<Timing> timings, Layout layout) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (Timing timing : timings) {
            timing.parameters().forEach((name, value) ->
                    values.computeIfAbsent(name, key -> new LinkedHashSet<>()).add(value));
        }
        List<String> names = new ArrayList<>();
        values.forEach((name, seen) -> {
            if (!name.equals(layout.x()) && !name.equals(layout.panel()) && seen.size() > 1) {
                names.add(name);
            }
        });
        return names;
    }

    private static String seriesName(Timing timing, List<String> parameters) {
        StringBuilder name = new StringBuilder();
        if (!timing.tool().equals(Timing.THIS_LIBRARY)) {
            name.append(timing.tool());
        }
        for (String parameter : parameters) {
            String value = timing.parameters().get(parameter);
            if (value != null) {
                name.append(name.isEmpty() ? "" : " ").append(value);
            }
        }
        return name.isEmpty() ? timing.tool() : name.toString();
    }

    private static double x(Timing timing, String parameter) {
        String value = timing.parameters().get(parameter);
        if (value == null) {
            throw new IllegalArgumentException(timing.tool() + " " + timing.parameters()
                    + " has no parameter '" + parameter + "' for the x axis");
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(timing.tool() + " " + timing.parameters()
                    + ": parameter '" + parameter + "' is '" + value + "', not a number", e);
        }
    }
}
