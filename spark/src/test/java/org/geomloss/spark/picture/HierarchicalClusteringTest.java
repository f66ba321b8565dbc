package org.geomloss.spark.picture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Average-linkage leaf orders on problems whose clusters are known. */
class HierarchicalClusteringTest {

    private static float[] lineDistances(double[] positions) {
        int n = positions.length;
        float[] d = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i * n + j] = (float) Math.abs(positions[i] - positions[j]);
            }
        }
        return d;
    }

    /** Whether the items of each group are contiguous in {@code order}. */
    private static boolean contiguous(int[] order, int[] group) {
        int changes = 0;
        for (int k = 1; k < order.length; k++) {
            if (group[order[k]] != group[order[k - 1]]) {
                changes++;
            }
        }
        return changes == Arrays.stream(group).distinct().count() - 1;
    }

    @Test
    void shuffledGroupsOnALineComeOutContiguous() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 60;
        double[] positions = new double[n];
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = random.nextInt(4);
            positions[i] = 10.0 * group[i] + random.nextDouble();
        }
        int[] order = HierarchicalClustering.leafOrder(lineDistances(positions), n);
        assertArrayEquals(java.util.stream.IntStream.range(0, n).toArray(),
                Arrays.stream(order).sorted().toArray(), "a permutation");
        assertTrue(contiguous(order, group), Arrays.toString(order));
    }

    @Test
    void theUpgmaTreeOfAKnownExampleHasItsLeafOrder() {
        // Points 0, 1, 5, 6, 20 on a line: {0,1} and {5,6} merge first, then together, then 20.
        int[] order = HierarchicalClustering.leafOrder(
                lineDistances(new double[] {5, 20, 0, 6, 1}), 5);
        assertEquals(List.of(0, 3), List.of(order[0], order[1]).stream().sorted().toList());
        assertEquals(List.of(2, 4), List.of(order[2], order[3]).stream().sorted().toList());
        assertEquals(1, order[4]);
    }

    @Test
    void missingValuesCountAsFarAndOneItemIsItsOwnOrder() {
        float[] d = lineDistances(new double[] {0, 1, 2});
        d[1] = Float.NaN;
        d[3] = Float.NaN;
        int[] order = HierarchicalClustering.leafOrder(d, 3);
        assertEquals(0, order[0], Arrays.toString(order));
        assertArrayEquals(new int[] {0}, HierarchicalClustering.leafOrder(new float[1], 1));
        assertThrows(IllegalArgumentException.class,
                () -> HierarchicalClustering.leafOrder(new float[3], 2));
    }

    @Test
    void thePictureShowsTheOrderedMatrix(@TempDir Path folder) throws IOException {
        double[] positions = {0, 10, 0.5, 10.5};
        Path png = folder.resolve("D.png");
        List<String> drawn = DistanceMatrixPicture.write(png, List.of("a", "b", "c", "d"),
                lineDistances(positions));
        assertTrue(drawn.indexOf("a") / 2 == drawn.indexOf("c") / 2, drawn.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800 + 2 * 40, image.getHeight());
    }
}
