package org.geomloss.multiscale;

import java.util.Arrays;
import org.geomloss.kernels.PointArray;

/**
 * A bounding-box hierarchy over the clusters of one {@link Clustering}: the leaves (level 0) are the
 * clusters, each with the bounding box of its points; each level above groups the nodes of the level
 * below whose box centres fall in the same cell of a grid (the voxel size doubled, level after level,
 * until some nodes share a cell), and its boxes enclose their children's. The top level has at most {@link #ROOT_FANOUT} nodes.
 *
 * <p>{@link KernelTruncation} walks it to find, for one row cluster, every column cluster whose
 * pairs may carry plan mass, in time proportional to the kept clusters rather than to all of them.
 * Built once per cloud in {@code O(C log C)}; the boxes are exact: they enclose the coordinates the
 * kernels read ({@link KernelCoordinates}: the float32 ones, or the float64 ones in a float64 run).
 * Immutable and thread-safe.
 */
final class ClusterTree {

    /** Grouping stops once a level has at most this many nodes; they are all roots. */
    static final int ROOT_FANOUT = 16;

    private final int dimension;
    private final int[] clusterStarts;
    /** {@code boxes[l]}: row-major node boxes of level l, {@code 2 D} values each (min then max). */
    private final double[][] boxes;
    /** {@code childOffsets[l]} (l >= 1): node k of level l has children {@code children[l][o..o']}. */
    private final int[][] childOffsets;
    private final int[][] children;
    /** {@code masses[l][k]}: the clamped mass ({@link Clustering#masses()}) under node k of level l. */
    private final double[][] masses;

    private ClusterTree(int dimension, int[] clusterStarts, double[][] boxes, int[][] childOffsets,
                        int[][] children, double[] clusterMasses) {
        this.dimension = dimension;
        this.clusterStarts = clusterStarts;
        this.boxes = boxes;
        this.childOffsets = childOffsets;
        this.children = children;
        this.masses = new double[boxes.length][];
        masses[0] = clusterMasses;
        for (int level = 1; level < boxes.length; level++) {
            masses[level] = new double[nodeCount(level)];
            for (int node = 0; node < masses[level].length; node++) {
                for (int c = childStart(level, node); c < childEnd(level, node); c++) {
                    masses[level][node] += masses[level - 1][child(level, c)];
                }
            }
        }
    }

    /** Builds the hierarchy over the clusters of {@code clustering}. */
    static ClusterTree of(Clustering clustering) {
        int d = clustering.points().dimension();
        double[] leafBoxes = leafBoxes(clustering);
        double[] origin = new double[d];
        Arrays.fill(origin, Double.POSITIVE_INFINITY);
        for (int k = 0; k < clustering.clusterCount(); k++) {
            for (int axis = 0; axis < d; axis++) {
                origin[axis] = Math.min(origin[axis], leafBoxes[2 * d * k + axis]);
            }
        }
        double[][] boxes = new double[1][];
        int[][] offsets = new int[1][];
        int[][] children = new int[1][];
        boxes[0] = leafBoxes;
        double cell = clustering.scale();
        while (boxes[boxes.length - 1].length / (2 * d) > ROOT_FANOUT) {
            cell *= 2;
            double[] below = boxes[boxes.length - 1];
            long[] keys = cellKeys(below, d, origin, cell);
            int[] order = groupOrder(keys);
            int[] starts = groupStarts(keys, order);
            if (starts.length - 1 == below.length / (2 * d)) {
                continue; // no two nodes share a cell yet: try a coarser cell
            }
            boxes = Arrays.copyOf(boxes, boxes.length + 1);
            offsets = Arrays.copyOf(offsets, offsets.length + 1);
            children = Arrays.copyOf(children, children.length + 1);
            boxes[boxes.length - 1] = parentBoxes(below, d, order, starts);
            offsets[offsets.length - 1] = starts;
            children[children.length - 1] = order;
        }
        return new ClusterTree(d, clustering.clusterStarts(), boxes, offsets, children,
                clustering.masses());
    }

    /** Number of levels; level 0 is the clusters, level {@code levels() - 1} the roots. */
    int levels() {
        return boxes.length;
    }

    /** Number of nodes of {@code level}. */
    int nodeCount(int level) {
        return boxes[level].length / (2 * dimension);
    }

    /** The children of node {@code node} of {@code level >= 1}: {@code [childStart, childEnd)} of {@link #child}. */
    int childStart(int level, int node) {
        return childOffsets[level][node];
    }

    int childEnd(int level, int node) {
        return childOffsets[level][node + 1];
    }

    /** The {@code index}-th child (a node of {@code level - 1}), indices from {@link #childStart}. */
    int child(int level, int index) {
        return children[level][index];
    }

    /** The mass under node {@code node} of {@code level}: its clusters' clamped masses. */
    double mass(int level, int node) {
        return masses[level][node];
    }

    /** The mass under all the roots. */
    double totalMass() {
        double total = 0;
        for (double m : masses[levels() - 1]) {
            total += m;
        }
        return total;
    }

    /** The points of cluster {@code k}: {@code [clusterStarts[k], clusterStarts[k+1])}. */
    int[] clusterStarts() {
        return clusterStarts;
    }

    /**
     * Sets {@code box} ({@code 2 D} values, min then max) to the smallest box that encloses the
     * boxes of nodes {@code [from, to)} of {@code level}.
     */
    void enclose(int level, int from, int to, double[] box) {
        int d = dimension;
        double[] a = boxes[level];
        for (int axis = 0; axis < d; axis++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int node = from; node < to; node++) {
                min = Math.min(min, a[2 * d * node + axis]);
                max = Math.max(max, a[2 * d * node + d + axis]);
            }
            box[axis] = min;
            box[d + axis] = max;
        }
    }

    /**
     * Copies the boxes of the clusters {@code nodes[0..count)} axis by axis: the box of
     * {@code nodes[c]} spans {@code [lower[axis][c], upper[axis][c]]} on each axis.
     */
    void copyLeafBoxes(int[] nodes, int count, double[][] lower, double[][] upper) {
        int d = dimension;
        double[] a = boxes[0];
        for (int c = 0; c < count; c++) {
            int o = 2 * d * nodes[c];
            for (int axis = 0; axis < d; axis++) {
                lower[axis][c] = a[o + axis];
                upper[axis][c] = a[o + d + axis];
            }
        }
    }

    /**
     * The squared distance between {@code box} ({@code 2 D} values, min then max) and the box of
     * node {@code node} of {@code level}: 0 when they overlap.
     */
    double squaredDistance(double[] box, int level, int node) {
        return squaredDistance(box, boxes[level], 2 * dimension * node);
    }

    /**
     * The squared distance between {@code box} and the box at {@code boxes[offset..]} (both
     * {@code 2 D} values, min then max): 0 when they overlap.
     */
    private static double squaredDistance(double[] box, double[] boxes, int offset) {
        int d = box.length / 2;
        double sum = 0;
        for (int axis = 0; axis < d; axis++) {
            double gap = gap(box[axis], box[d + axis], boxes[offset + axis],
                    boxes[offset + d + axis]);
            sum += gap * gap;
        }
        return sum;
    }

    /**
     * {@code out[c]}: the squared distance between {@code box} ({@code 2 D} values, min then max)
     * and the box {@code [lower[axis][c], upper[axis][c]]} ({@link #copyLeafBoxes}), for
     * {@code c < count}: 0 when they overlap. One loop per axis over contiguous arrays, which the
     * JIT vectorizes.
     */
    static void squaredDistances(double[] box, double[][] lower, double[][] upper, int count,
                                 double[] out) {
        int d = box.length / 2;
        Arrays.fill(out, 0, count, 0.0);
        for (int axis = 0; axis < d; axis++) {
            double min = box[axis];
            double max = box[d + axis];
            double[] lo = lower[axis];
            double[] hi = upper[axis];
            for (int c = 0; c < count; c++) {
                double gap = gap(min, max, lo[c], hi[c]);
                out[c] += gap * gap;
            }
        }
    }

    /** The gap between the intervals {@code [min, max]} and {@code [lo, hi]}: 0 when they overlap. */
    private static double gap(double min, double max, double lo, double hi) {
        return Math.max(Math.max(min - hi, lo - max), 0.0);
    }

    /** D, the dimension of the boxes. */
    int dimension() {
        return dimension;
    }

    /**
     * The largest value of a potential (one value per point, sorted order) over each node, level
     * by level: {@code [l][node]}.
     */
    double[][] maxima(double[] potential) {
        double[][] max = new double[levels()][];
        int clusters = nodeCount(0);
        max[0] = new double[clusters];
        for (int k = 0; k < clusters; k++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = clusterStarts[k]; i < clusterStarts[k + 1]; i++) {
                m = Math.max(m, potential[i]);
            }
            max[0][k] = m;
        }
        for (int level = 1; level < levels(); level++) {
            max[level] = new double[nodeCount(level)];
            for (int node = 0; node < max[level].length; node++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int c = childStart(level, node); c < childEnd(level, node); c++) {
                    m = Math.max(m, max[level - 1][child(level, c)]);
                }
                max[level][node] = m;
            }
        }
        return max;
    }

    private static double[] leafBoxes(Clustering clustering) {
        PointArray points = clustering.points();
        int d = points.dimension();
        int[] starts = clustering.clusterStarts();
        double[] out = new double[2 * d * clustering.clusterCount()];
        for (int k = 0; k < clustering.clusterCount(); k++) {
            for (int axis = 0; axis < d; axis++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = starts[k]; i < starts[k + 1]; i++) {
                    double value = KernelCoordinates.at(points, i * d + axis);
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
                out[2 * d * k + axis] = min;
                out[2 * d * k + d + axis] = max;
            }
        }
        return out;
    }

    /** Node indices sorted by their cell keys. */
    private static int[] groupOrder(long[] keys) {
        int count = keys.length;
        long[] packed = new long[count];
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, count - 1));
        long[] distinct = Arrays.stream(keys).sorted().distinct().toArray();
        for (int k = 0; k < count; k++) {
            packed[k] = ((long) Arrays.binarySearch(distinct, keys[k]) << bits) | k;
        }
        Arrays.sort(packed);
        int[] order = new int[count];
        long mask = (1L << bits) - 1;
        for (int k = 0; k < count; k++) {
            order[k] = (int) (packed[k] & mask);
        }
        return order;
    }

    /** Offsets of the runs of equal cells in {@code order}: the parents' child ranges. */
    private static int[] groupStarts(long[] keys, int[] order) {
        int[] starts = new int[order.length + 1];
        int groups = 0;
        for (int k = 0; k < order.length; k++) {
            if (k == 0 || keys[order[k]] != keys[order[k - 1]]) {
                starts[groups++] = k;
            }
        }
        starts[groups] = order.length;
        return Arrays.copyOf(starts, groups + 1);
    }

    /** Lexicographic cell keys of the box centres; cells per axis stay below 2^21 here. */
    private static long[] cellKeys(double[] nodes, int d, double[] origin, double cell) {
        int count = nodes.length / (2 * d);
        long[] keys = new long[count];
        for (int k = 0; k < count; k++) {
            long key = 0;
            for (int axis = 0; axis < d; axis++) {
                double centre = 0.5 * (nodes[2 * d * k + axis] + nodes[2 * d * k + d + axis]);
                long q = Math.min((long) Math.floor((centre - origin[axis]) / cell), (1L << 20) - 1);
                key = (key << 21) | Math.max(q, 0);
            }
            keys[k] = key;
        }
        return keys;
    }

    private static double[] parentBoxes(double[] nodes, int d, int[] order, int[] starts) {
        int parents = starts.length - 1;
        double[] out = new double[2 * d * parents];
        for (int p = 0; p < parents; p++) {
            for (int axis = 0; axis < d; axis++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = starts[p]; c < starts[p + 1]; c++) {
                    min = Math.min(min, nodes[2 * d * order[c] + axis]);
                    max = Math.max(max, nodes[2 * d * order[c] + d + axis]);
                }
                out[2 * d * p + axis] = min;
                out[2 * d * p + d + axis] = max;
            }
        }
        return out;
    }
}
