package org.geomloss.multiscale;

import java.util.Arrays;
import org.geomloss.kernels.PointArray;

/**
 * Nested grid clusterings of one weighted point cloud: a {@code 2^D}-tree (D &lt;= 3) over a
 * {@link GridFrame} shared by the clouds of a problem, with the points themselves as the last
 * layer (Schmitzer's hierarchy with its "atomic" layer).
 *
 * <ul>
 *   <li>Grid level {@code l} (0 to {@link #depth()}) has cubic cells of side
 *       {@code frame.side() / 2^l}; only the non-empty cells are kept, numbered in Morton (Z) order
 *       of their grid coordinates.</li>
 *   <li>The points are sorted by the Morton key of their finest-grid cell (ties keep the caller's
 *       order), so that every cell of every level covers a contiguous range of sorted points, and
 *       the cells of level {@code l + 1} inside a cell of level {@code l} are contiguous too.</li>
 *   <li>A cell's atom is the weighted centroid of its points, with the mass of their weights
 *       clamped at {@link Clustering#WEIGHT_FLOOR} (as {@link GridClustering}).</li>
 *   <li>Between two grid levels, every Morton bit (one more split of one axis) defines an
 *       intermediate level of boxes; the finest cells are those of the shortest Morton prefix whose
 *       non-empty cells hold at most {@link #POINTS_PER_CELL} points on average (or the level of a
 *       given cell side): the column blocks of the soft-mins on the points; coarser prefixes give
 *       row blocks and the blocks of the atoms of a grid level. {@link #depth()} is the finest
 *       grid level of cubic cells within that prefix.</li>
 * </ul>
 * Edge cases: identical points share every cell, down to the frame's resolution; a single point is
 * one cell at every level.
 *
 * <p>Precision: the sorted points keep the float64 coordinates of points that carry them, and
 * the atoms (centroids computed in float64) are then handed to the kernels unrounded
 * ({@link KernelCoordinates}); float32 points give float32 atoms.
 *
 * <p>Immutable and thread-safe once built; memory about {@code 1.2 N} cells' worth of centroids,
 * masses and offsets beside the sorted copy of the points.
 */
final class PointPyramid {

    /** Mean points per non-empty finest cell at most: the column blocks of the point soft-mins. */
    static final int POINTS_PER_CELL = 6;
    /** Mean atoms per block at the grid levels. */
    private static final int ATOMS_PER_BLOCK = 4;

    private final GridFrame frame;
    /** The Morton prefix length (bits) of the finest cells, the blocks of the points. */
    private final int finestPrefix;
    private final Clustering points;
    /** {@code pointStarts[m][k]}: first sorted point of cell k of prefix m; one more entry at the end. */
    private final int[][] pointStarts;
    private final double[][] centroids;
    /** The centroids as the kernels read them, made when first asked for; benign races only. */
    private final PointArray[] atoms;
    private final double[][] masses;

    private PointPyramid(GridFrame frame, int finestPrefix, Clustering points, int[][] pointStarts,
                         double[][] centroids, double[][] masses) {
        this.frame = frame;
        this.finestPrefix = finestPrefix;
        this.pointStarts = pointStarts;
        this.centroids = centroids;
        this.masses = masses;
        this.atoms = new PointArray[finestPrefix + 1];
        this.points = points;
        atoms[finestPrefix] = points.centroids();
    }

    /**
     * Sorts and clusters {@code points}.
     *
     * @param frame    the grid shared by the clouds of the problem
     * @param points   the cloud
     * @param weights  its weights
     * @param cellSide the side of the finest cells, or null for {@link #POINTS_PER_CELL}
     * @param prefix   the Morton prefix of the finest cells ({@link #finestPrefix()} of the other
     *                 cloud), or null to choose it from {@code cellSide}
     */
    static PointPyramid of(GridFrame frame, PointArray points, double[] weights, Double cellSide,
                           Integer prefix) {
        int n = points.count();
        if (weights.length != n) {
            throw new IllegalArgumentException("weights has length " + weights.length
                    + ", expected " + n);
        }
        int d = frame.dimension();
        int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        int bitsPerAxis = Math.min(GridFrame.MAX_BITS, (63 - indexBits) / d);
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = (frame.mortonKey(points, i, bitsPerAxis) << indexBits) | i;
        }
        Arrays.parallelSort(packed);
        int finest = prefix != null ? Math.min(prefix, d * bitsPerAxis)
                : cellSide != null ? d * fixedDepth(frame, cellSide, bitsPerAxis)
                : meanOccupancyPrefix(packed, n, d * bitsPerAxis);
        int[] permutation = new int[n];
        long indexMask = (1L << indexBits) - 1;
        for (int s = 0; s < n; s++) {
            permutation[s] = (int) (packed[s] & indexMask);
        }
        int[][] pointStarts = new int[finest + 1][];
        for (int m = 0; m <= finest; m++) {
            pointStarts[m] = cellStarts(packed, indexBits + d * bitsPerAxis - m);
        }
        Clustering finestCells = GridClustering.sortedClustering(points, weights, permutation,
                pointStarts[finest], frame.cellSide(finest / d));
        double[][] centroids = new double[finest + 1][];
        double[][] masses = new double[finest + 1][];
        centroids[finest] = finestCells.centroidCoordinates();
        masses[finest] = finestCells.masses();
        for (int m = finest - 1; m >= 0; m--) {
            mergeAtoms(pointStarts[m], pointStarts[m + 1], centroids, masses, m, d);
        }
        return new PointPyramid(frame, finest, finestCells, pointStarts, centroids, masses);
    }

    /** The Morton prefix length of the finest cells (the blocks of the points). */
    int finestPrefix() {
        return finestPrefix;
    }

    /** The finest grid level of cubic cells; the points are the layer below it. */
    int depth() {
        return finestPrefix / frame.dimension();
    }

    /** The points sorted in Morton order, grouped by the finest cells (the blocks of their soft-mins). */
    Clustering points() {
        return points;
    }

    /** Number of non-empty cells of grid level {@code level}. */
    int cellCount(int level) {
        return masses[frame.dimension() * level].length;
    }

    /**
     * The atoms (cell centroids) of grid level {@code level}, in the precision of the points
     * ({@link KernelCoordinates#atoms}).
     */
    PointArray atoms(int level) {
        return prefixAtoms(frame.dimension() * level);
    }

    /** The clamped masses of the cells of grid level {@code level}. */
    double[] masses(int level) {
        return masses[frame.dimension() * level];
    }

    /**
     * The sorted points grouped by the cells {@code coarsening} Morton bits above the finest ones
     * ({@link #points()} for 0): larger row blocks make the block search and the column gathering
     * of a soft-min cheaper, smaller column blocks make its bounds tighter.
     */
    Clustering pointBlocks(int coarsening) {
        int prefix = Math.max(0, finestPrefix - coarsening);
        return new Clustering(points.points(), points.weights(), points.permutation(),
                pointStarts[prefix], centroids[prefix], prefixAtoms(prefix), masses[prefix],
                prefixSide(prefix));
    }

    /**
     * The atoms of grid level {@code level >= 1} grouped into blocks: the cells of the longest
     * Morton prefix that gives at least {@link #ATOMS_PER_BLOCK} atoms per block on average (or the
     * root), made {@code coarsening} bits coarser.
     */
    Clustering atomBlocks(int level, int coarsening) {
        if (level == 0) {
            throw new IllegalArgumentException("level 0 has no coarser level to block its atoms");
        }
        int prefix = frame.dimension() * level;
        int blocks = prefix - 1;
        while (blocks > 0 && masses[prefix].length < ATOMS_PER_BLOCK * masses[blocks].length) {
            blocks--;
        }
        blocks = Math.max(0, blocks - coarsening);
        int[] blockStarts = childStarts(pointStarts[blocks], pointStarts[prefix]);
        int[] identity = new int[masses[prefix].length];
        Arrays.setAll(identity, k -> k);
        return new Clustering(prefixAtoms(prefix), masses[prefix], identity, blockStarts,
                centroids[blocks], prefixAtoms(blocks), masses[blocks], prefixSide(blocks));
    }

    /**
     * For every atom of grid level {@code fine} (or every sorted point when {@code fine} is
     * {@code depth() + 1}), the index of the cell of level {@code coarse <= fine} that contains it.
     */
    int[] ancestors(int fine, int coarse) {
        int d = frame.dimension();
        int[] fineStarts = fine > depth() ? null : pointStarts[d * fine];
        int count = fine > depth() ? points.points().count() : cellCount(fine);
        int[] coarseStarts = pointStarts[d * coarse];
        int[] out = new int[count];
        int cell = 0;
        for (int k = 0; k < count; k++) {
            int firstPoint = fineStarts == null ? k : fineStarts[k];
            while (coarseStarts[cell + 1] <= firstPoint) {
                cell++;
            }
            out[k] = cell;
        }
        return out;
    }

    /** The longest side of the cells of Morton prefix {@code prefix}. */
    private double prefixSide(int prefix) {
        return frame.cellSide(prefix / frame.dimension());
    }

    private PointArray prefixAtoms(int prefix) {
        if (atoms[prefix] == null) {
            atoms[prefix] = KernelCoordinates.atoms(centroids[prefix], points.points());
        }
        return atoms[prefix];
    }

    /**
     * The shortest Morton prefix (one split of one axis per bit) whose non-empty cells hold at most
     * {@link #POINTS_PER_CELL} points on average, or the full key.
     */
    private static int meanOccupancyPrefix(long[] packed, int n, int keyBits) {
        int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        for (int m = 0; m < keyBits; m++) {
            long cells = countDistinct(packed, indexBits + keyBits - m);
            if (n <= (long) POINTS_PER_CELL * cells) {
                return m;
            }
        }
        return keyBits;
    }

    private static int fixedDepth(GridFrame frame, double cellSide, int bitsPerAxis) {
        if (!(cellSide > 0) || Double.isInfinite(cellSide)) {
            throw new IllegalArgumentException("clusterScale must be > 0 and finite, got "
                    + cellSide);
        }
        int level = (int) Math.ceil(Math.log(frame.side() / cellSide) / Math.log(2) - 1e-9);
        return Math.max(0, Math.min(bitsPerAxis, level));
    }

    private static long countDistinct(long[] packed, int shift) {
        long count = 0;
        for (int s = 0; s < packed.length; s++) {
            if (s == 0 || (packed[s] >>> shift) != (packed[s - 1] >>> shift)) {
                count++;
            }
        }
        return count;
    }

    /** Offsets of the runs of equal {@code packed >>> shift}, with the end {@code N} appended. */
    private static int[] cellStarts(long[] packed, int shift) {
        int[] starts = new int[(int) countDistinct(packed, shift) + 1];
        int cells = 0;
        for (int s = 0; s < packed.length; s++) {
            if (s == 0 || (packed[s] >>> shift) != (packed[s - 1] >>> shift)) {
                starts[cells++] = s;
            }
        }
        starts[cells] = packed.length;
        return starts;
    }

    /** For each coarse cell, the index of its first fine cell; both arrays are point offsets. */
    private static int[] childStarts(int[] coarseStarts, int[] fineStarts) {
        int[] out = new int[coarseStarts.length];
        int fine = 0;
        for (int k = 0; k < coarseStarts.length; k++) {
            while (fineStarts[fine] < coarseStarts[k]) {
                fine++;
            }
            out[k] = fine;
        }
        return out;
    }

    /** The atoms of level {@code level} from those of {@code level + 1}. */
    private static void mergeAtoms(int[] coarseStarts, int[] fineStarts, double[][] centroids,
                                   double[][] masses, int level, int d) {
        int[] children = childStarts(coarseStarts, fineStarts);
        int cells = coarseStarts.length - 1;
        double[] c = new double[cells * d];
        double[] m = new double[cells];
        double[] fineC = centroids[level + 1];
        double[] fineM = masses[level + 1];
        for (int k = 0; k < cells; k++) {
            for (int f = children[k]; f < children[k + 1]; f++) {
                m[k] += fineM[f];
                for (int axis = 0; axis < d; axis++) {
                    c[k * d + axis] += fineM[f] * fineC[f * d + axis];
                }
            }
            for (int axis = 0; axis < d; axis++) {
                c[k * d + axis] /= m[k];
            }
        }
        centroids[level] = c;
        masses[level] = m;
    }
}
