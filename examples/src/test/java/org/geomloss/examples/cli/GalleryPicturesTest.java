package org.geomloss.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every picture command of the gallery run small (a few points, few steps): the PNG exists, has
 * the size of its layout (panels plus margins, titles and heading) and is not blank.
 */
class GalleryPicturesTest {

    @TempDir
    Path folder;

    private Path run(String name, String... args) {
        Path out = folder.resolve(name);
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        CliRun run = CliRun.of(all);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("wrote"), run.out());
        return out;
    }

    @Test
    void flow1d() throws Exception {
        PictureCheck.assertPicture(run("flow.png", "flow1d", "--n", "30", "--steps", "6",
                "--setting", "1,8"), 996, 394);
    }

    @Test
    void colorTransfer() throws Exception {
        PictureCheck.assertPicture(run("color.png", "color", "--size", "8", "--blur", "0.3"),
                864, 672);
    }

    @Test
    void labelTransfer() throws Exception {
        PictureCheck.assertPicture(run("labels.png", "labels", "--n", "30", "--blur", "0.1"),
                1392, 414);
    }

    @Test
    void interpolation3D() throws Exception {
        PictureCheck.assertPicture(run("interpolation.png", "interpolate", "--n", "50", "--frames",
                "3", "--blur", "0.1"), 804, 632);
    }

    @Test
    void barycenters1D() throws Exception {
        PictureCheck.assertPicture(run("b1.png", "barycenters", "--dimension", "1", "--n", "40",
                "--steps", "2", "--grid", "2", "--blur", "0.05"), 716, 344);
    }

    @Test
    void barycenters2D() throws Exception {
        PictureCheck.assertPicture(run("b2.png", "barycenters", "--dimension", "2", "--n", "40",
                "--steps", "1", "--grid", "3", "--blur", "0.05"), 594, 720);
    }

    @Test
    void epsilonScaling() throws Exception {
        PictureCheck.assertPicture(run("scaling.png", "scaling", "--n", "40", "--blur", "0.1",
                "--scaling", "0.5,0.8"), 1096, 514);
    }

    @Test
    void kernelTruncation() throws Exception {
        PictureCheck.assertPicture(run("truncation.png", "truncation", "--n", "60", "--blur",
                "0.2,0.05", "--cluster-scale", "0.1"), 1074, 424);
    }

    @Test
    void transportBlur() throws Exception {
        PictureCheck.assertPicture(run("blurs.png", "blurs", "--n", "20", "--blur", "0.2,0.05"),
                716, 424);
    }

    @Test
    void benchmarkPlot() throws Exception {
        PictureCheck.assertPicture(run("bench.png", "bench-plot", resource("jmh-small.json"),
                resource("peers-small.csv"), "--panel", "loss", "--series", "backend"), 1176, 534);
    }

    @Test
    void aBadOptionIsNamed() {
        CliRun run = CliRun.of("barycenters", "--dimension", "3", "--out",
                folder.resolve("x.png").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--dimension must be 1 or 2, got 3"), run.err());
        CliRun size = CliRun.of("color", "--size", "1");
        assertEquals(2, size.exitCode());
        assertTrue(size.err().contains("--size must be >= 2, got 1"), size.err());
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(GalleryPicturesTest.class.getResource("/bench/" + name).toURI()).toString();
    }
}
