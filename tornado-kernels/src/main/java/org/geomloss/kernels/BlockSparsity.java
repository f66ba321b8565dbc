package org.geomloss.kernels;

/**
 * Which (row, column) pairs a reduction visits, by blocks: the rows are cut into consecutive row blocks,
 * and each row block lists the column ranges it keeps. This is the block-sparse structure of GeomLoss's
 * multiscale backend (kernel truncation), where blocks are clusters of points sorted by cluster.
 *
 * <p>Row block {@code k} is the rows {@code [rowStarts[k], rowStarts[k+1])}; its kept columns are the
 * half-open ranges {@code [columnRanges[2r], columnRanges[2r+1])} for
 * {@code r in [rangeOffsets[k], rangeOffsets[k+1])}. Pairs outside every kept range count as
 * {@code -infinity} in a log-sum-exp and as 0 in a kernel sum. A reduction over all pairs passes
 * {@link #dense(int, int)}.
 *
 * <p>Immutable once built; the arrays are not copied and must not be changed.
 *
 * @param rowStarts    {@code blocks + 1} increasing row offsets, from 0 to N
 * @param rangeOffsets {@code blocks + 1} increasing offsets into the range list
 * @param columnRanges start/end pairs of kept column ranges
 */
public record BlockSparsity(int[] rowStarts, int[] rangeOffsets, int[] columnRanges) {

    /** Rows per block of the dense structure: small enough to balance threads, large enough to amortise. */
    public static final int DENSE_ROW_BLOCK = 64;

    /** Checks the lengths of the three arrays. */
    public BlockSparsity {
        if (rowStarts.length < 1 || rangeOffsets.length != rowStarts.length
                || columnRanges.length != 2 * rangeOffsets[rangeOffsets.length - 1]) {
            throw new IllegalArgumentException("inconsistent block-sparse structure");
        }
    }

    /** Every pair of an {@code rows x columns} reduction, in row blocks of {@link #DENSE_ROW_BLOCK}. */
    public static BlockSparsity dense(int rows, int columns) {
        int blocks = Math.max(1, (rows + DENSE_ROW_BLOCK - 1) / DENSE_ROW_BLOCK);
        int[] rowStarts = new int[blocks + 1];
        int[] rangeOffsets = new int[blocks + 1];
        int[] columnRanges = new int[2 * blocks];
        for (int k = 0; k < blocks; k++) {
            rowStarts[k + 1] = Math.min(rows, (k + 1) * DENSE_ROW_BLOCK);
            rangeOffsets[k + 1] = k + 1;
            columnRanges[2 * k + 1] = columns;
        }
        return new BlockSparsity(rowStarts, rangeOffsets, columnRanges);
    }

    /** Number of row blocks. */
    public int blockCount() {
        return rowStarts.length - 1;
    }

    /** Number of (row, column) pairs visited: the work of one reduction. */
    public long pairCount() {
        long pairs = 0;
        for (int k = 0; k < blockCount(); k++) {
            long columns = 0;
            for (int r = rangeOffsets[k]; r < rangeOffsets[k + 1]; r++) {
                columns += columnRanges[2 * r + 1] - columnRanges[2 * r];
            }
            pairs += columns * (rowStarts[k + 1] - rowStarts[k]);
        }
        return pairs;
    }
}
