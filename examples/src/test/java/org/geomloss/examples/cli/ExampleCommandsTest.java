package org.geomloss.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, gallery, plan and register subcommands on tiny problems. */
class ExampleCommandsTest {

    @TempDir
    Path folder;

    @Test
    void demoPrintsEveryGalleryLossForBothShapes() {
        CliRun run = CliRun.of("demo", "--n", "25");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("2D crescent -> ring"));
        assertTrue(run.out().contains("3D sphere -> torus"));
        assertEquals(18, run.out().lines().filter(line -> line.contains("SamplesLoss(")).count());
    }

    @Test
    void galleryWritesTheSelectedPicturesFromUserDensities() throws Exception {
        Path source = folder.resolve("a.png");
        Path target = folder.resolve("b.png");
        javax.imageio.ImageIO.write(org.geomloss.examples.data.BuiltInShapes.crescentPicture(),
                "png", source.toFile());
        javax.imageio.ImageIO.write(org.geomloss.examples.data.BuiltInShapes.ringPicture(), "png",
                target.toFile());
        Path out = folder.resolve("gallery");
        CliRun run = CliRun.of("gallery", "--n", "15", "--steps", "2", "--setting", "3,9",
                "--source", source.toString(), "--target", target.toString(), "--out",
                out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(out.resolve("03_laplacian_blur0.1.png")));
        assertTrue(Files.isRegularFile(out.resolve("09_sinkhorn_p2_blur0.01_reach0.3.png")));
    }

    @Test
    void galleryNamesABadDensityPicture() throws Exception {
        Path notPicture = folder.resolve("a.png");
        Files.writeString(notPicture, "hello");
        CliRun run = CliRun.of("gallery", "--n", "5", "--steps", "1", "--source",
                notPicture.toString(), "--out", folder.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(notPicture + ": not a picture"), run.err());
    }

    @Test
    void planAndRegisterWriteTheirPictures() {
        Path plan = folder.resolve("plan.png");
        CliRun planRun = CliRun.of("plan", "--n", "20", "--out", plan.toString());
        assertEquals(0, planRun.exitCode(), planRun.err());
        assertTrue(Files.isRegularFile(plan));
        assertTrue(planRun.out().contains("marginal error"), planRun.out());

        Path registration = folder.resolve("registration.png");
        CliRun registerRun = CliRun.of("register", "--n", "40", "--steps", "2", "--out",
                registration.toString());
        assertEquals(0, registerRun.exitCode(), registerRun.err());
        assertTrue(Files.isRegularFile(registration));
        assertEquals(2, registerRun.out().lines().filter(line -> line.startsWith("step")).count());
    }
}
