package org.geomloss.examples.multiscale;

import java.util.Locale;
import org.geomloss.Loss;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.draw.Chart;
import org.geomloss.examples.draw.Palette;
import org.geomloss.examples.draw.PanelFigure;
import org.geomloss.sinkhorn.EpsilonSchedule;

/**
 * Epsilon-scaling (GeomLoss's {@code plot_epsilon_scaling} / {@code plot_scaling}): the Sinkhorn
 * loop anneals its temperature from {@code diameter^p} down to {@code blur^p}, multiplying the
 * "blur" {@code sigma = eps^(1/p)} by {@code scaling} at each iteration
 * ({@link EpsilonSchedule#geomloss}). Drawn as two charts for the Sinkhorn divergence
 * ({@code p = 2}) between two clouds:
 * <ol>
 *   <li>the schedule {@code sigma_k} against the iteration {@code k}, one curve per scaling;</li>
 *   <li>the relative error {@code |S - S*| / S*} of the value against the number of iterations,
 *       one point per scaling and one curve per blur, where {@code S*} is the same divergence
 *       iterated at {@code blur^p} until its marginal error is below {@code 1e-6}
 *       ({@code SamplesLoss.tol}).</li>
 * </ol>
 * A scaling near 1 costs more iterations and lands closer to convergence; GeomLoss's default 0.5
 * is fast and a few percent off at small blurs.
 *
 * <p>Immutable and thread-safe.
 */
public final class EpsilonScalingExample {

    private static final int WIDTH = 520;
    private static final int HEIGHT = 420;
    private static final double TOLERANCE = 1e-6;
    private static final int MAX_EXTRA_ITERATIONS = 20_000;

    private final double[] blurs;
    private final double[] scalings;

    /** The example for the blurs and scalings given (each scaling in (0, 1)). */
    public EpsilonScalingExample(double[] blurs, double[] scalings) {
        if (blurs.length == 0 || scalings.length == 0) {
            throw new IllegalArgumentException("blurs and scalings must not be empty");
        }
        this.blurs = blurs.clone();
        this.scalings = scalings.clone();
    }

    /**
     * One Sinkhorn run.
     *
     * @param blur          the blur
     * @param scaling       the scaling
     * @param iterations    the iterations of the schedule
     * @param value         the divergence after the schedule
     * @param reference     the divergence iterated to the tolerance
     * @param relativeError {@code |value - reference| / reference}
     */
    public record Run(double blur, double scaling, int iterations, double value, double reference,
                      double relativeError) {
    }

    /** The runs (blur-major) and the figure. */
    public record Result(Run[] runs, PanelFigure figure) {
    }

    /** Runs every blur and scaling between {@code x} and {@code y} (diameter {@code diameter}). */
    public Result run(Measure x, Measure y, double diameter) {
        Run[] runs = new Run[blurs.length * scalings.length];
        for (int b = 0; b < blurs.length; b++) {
            double reference = builder(blurs[b], diameter, 0.5).tol(TOLERANCE)
                    .maxExtraIter(MAX_EXTRA_ITERATIONS).build().value(x, y);
            for (int s = 0; s < scalings.length; s++) {
                int[] iterations = {0};
                double value = builder(blurs[b], diameter, scalings[s])
                        .progress((iteration, total, eps) -> iterations[0]++).build().value(x, y);
                runs[b * scalings.length + s] = new Run(blurs[b], scalings[s], iterations[0], value,
                        reference, Math.abs(value - reference) / Math.abs(reference));
            }
        }
        return new Result(runs, draw(runs, diameter));
    }

    private static SamplesLoss.Builder builder(double blur, double diameter, double scaling) {
        return SamplesLoss.builder().loss(Loss.SINKHORN).p(2).blur(blur).diameter(diameter)
                .scaling(scaling);
    }

    private PanelFigure draw(Run[] runs, double diameter) {
        PanelFigure figure = new PanelFigure(1, 2, WIDTH, HEIGHT, "Epsilon-scaling: the "
                + "temperature schedule and what it costs, Sinkhorn divergence p = 2");
        double smallest = Double.POSITIVE_INFINITY;
        for (double blur : blurs) {
            smallest = Math.min(smallest, blur);
        }
        double[][] schedules = new double[scalings.length][];
        double[][] steps = new double[scalings.length][];
        for (int s = 0; s < scalings.length; s++) {
            double[] eps = EpsilonSchedule.geomloss(2, diameter, smallest, scalings[s]);
            schedules[s] = new double[eps.length];
            steps[s] = new double[eps.length];
            for (int k = 0; k < eps.length; k++) {
                schedules[s][k] = Math.sqrt(eps[k]);
                steps[s][k] = k;
            }
        }
        Chart schedule = figure.chart(0, 0,
                Chart.Axis.fitting("iteration k", Chart.Scale.LINEAR, steps),
                Chart.Axis.fitting("sigma_k = eps_k^(1/2)", Chart.Scale.LOG, schedules));
        for (int s = 0; s < scalings.length; s++) {
            schedule.line(steps[s], schedules[s], Palette.category(s), Chart.Marker.CIRCLE,
                    "scaling " + scalings[s]);
        }
        schedule.legend(Chart.Corner.UPPER_RIGHT);
        schedule.title(String.format(Locale.ROOT, "schedule from the diameter %.2f to blur %s",
                diameter, smallest));

        double[][] iterations = new double[blurs.length][scalings.length];
        double[][] errors = new double[blurs.length][scalings.length];
        for (Run run : runs) {
            int b = indexOf(blurs, run.blur());
            int s = indexOf(scalings, run.scaling());
            iterations[b][s] = run.iterations();
            errors[b][s] = Math.max(run.relativeError(), 1e-7);
        }
        Chart cost = figure.chart(0, 1,
                Chart.Axis.fitting("Sinkhorn iterations", Chart.Scale.LOG, iterations),
                Chart.Axis.fitting("relative error of the value", Chart.Scale.LOG, errors));
        for (int b = 0; b < blurs.length; b++) {
            cost.line(iterations[b], errors[b], Palette.category(scalings.length + b),
                    Chart.Marker.SQUARE, "blur " + blurs[b]);
        }
        cost.legend(Chart.Corner.UPPER_RIGHT);
        cost.title("error against iterations, scaling " + scalings[0] + " to "
                + scalings[scalings.length - 1]);
        return figure;
    }

    private static int indexOf(double[] values, double value) {
        for (int k = 0; k < values.length; k++) {
            if (values[k] == value) {
                return k;
            }
        }
        throw new IllegalStateException(value + " is not among the values run");
    }
}
