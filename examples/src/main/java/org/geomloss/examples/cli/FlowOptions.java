package org.geomloss.examples.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.geomloss.examples.gallery.GallerySetting;
import org.geomloss.examples.gallery.GradientFlow;
import picocli.CommandLine.Option;

/**
 * The {@code --setting} and {@code --steps} of the commands that run the gradient flows of the
 * gallery's nine losses ({@code gallery}, {@code flow1d}).
 */
final class FlowOptions {

    @Option(names = "--setting", paramLabel = "K", split = ",",
            description = "Run only these settings, 1 to 9 in the gallery's order (default: all).")
    int[] settings;

    @Option(names = "--steps", paramLabel = "S",
            description = "Stop after S steps instead of the gallery's 101 (for quick looks).")
    Integer steps;

    /** The gallery's flow, cut after {@code --steps} when given. */
    GradientFlow flow() {
        GradientFlow gallery = GradientFlow.gallery();
        if (steps == null) {
            return gallery;
        }
        InputChecks.atLeastOne("--steps", steps);
        double lr = gallery.learningRate();
        int[] snapshots = Arrays.stream(GradientFlow.GALLERY_TIMES)
                .mapToInt(t -> (int) Math.round(t / lr)).filter(i -> i < steps).toArray();
        return new GradientFlow(lr, steps, snapshots);
    }

    /** The settings chosen by {@code --setting}, all nine by default. */
    List<GallerySetting> selected() {
        GallerySetting[] all = GallerySetting.values();
        if (settings == null) {
            return List.of(all);
        }
        List<GallerySetting> chosen = new ArrayList<>();
        for (int k : settings) {
            if (k < 1 || k > all.length) {
                throw new IllegalArgumentException("--setting must be between 1 and " + all.length
                        + ", got " + k);
            }
            chosen.add(all[k - 1]);
        }
        return chosen;
    }
}
