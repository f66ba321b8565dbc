package org.geomloss.examples.gallery;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.geomloss.Backend;
import org.geomloss.Measure;
import org.geomloss.examples.draw.PanelFigure;

/**
 * GeomLoss's gallery page "Gradient flows in 2D" in Java: for each of the nine
 * {@link GallerySetting}s, runs a {@link GradientFlow} from the source to the target and writes one
 * PNG of six snapshots into a folder.
 *
 * <p>Immutable and thread-safe; the settings run one after the other.
 */
public final class Gallery {

    private final GradientFlow flow;
    private final List<GallerySetting> settings;
    private final Backend backend;

    /** A gallery running {@code flow} for each of {@code settings} on {@code backend}. */
    public Gallery(GradientFlow flow, List<GallerySetting> settings, Backend backend) {
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("settings must name at least one loss");
        }
        this.flow = flow;
        this.settings = List.copyOf(settings);
        this.backend = backend;
    }

    /**
     * One picture written.
     *
     * @param setting             the loss
     * @param file                the PNG
     * @param secondsPerIteration the mean time of one step
     * @param firstLoss           the loss at the start
     * @param lastLoss            the loss before the last step
     */
    public record Entry(GallerySetting setting, Path file, double secondsPerIteration,
                        double firstLoss, double lastLoss) {
    }

    /** The pictures {@link #run} writes into {@code folder}, in the order it writes them. */
    public List<Path> files(Path folder) {
        return settings.stream().map(setting -> file(folder, setting)).toList();
    }

    private static Path file(Path folder, GallerySetting setting) {
        return folder.resolve(setting.fileName());
    }

    /** Runs every setting, writes {@code folder/<setting>.png}, tells {@code done} of each one. */
    public List<Entry> run(Measure source, Measure target, Path folder, Consumer<Entry> done) {
        List<Entry> entries = new ArrayList<>();
        for (GallerySetting setting : settings) {
            GradientFlow.Result result = flow.run(setting.samplesLoss(backend), source, target);
            PanelFigure figure = GradientFlowFigure.draw(setting.label(), result, target);
            Path file = file(folder, setting);
            figure.save(file);
            double[] losses = result.losses();
            Entry entry = new Entry(setting, file, result.secondsPerIteration(), losses[0],
                    losses[losses.length - 1]);
            entries.add(entry);
            done.accept(entry);
        }
        return List.copyOf(entries);
    }
}
