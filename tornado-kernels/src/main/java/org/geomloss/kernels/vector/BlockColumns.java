package org.geomloss.kernels.vector;

import java.util.Arrays;
import org.geomloss.kernels.BlockSparsity;

/**
 * The kept columns of one row block, cut into "pieces" that a vector loop can run over without masks:
 * each piece is a range of whole vectors, at most {@code pieceLength} columns long, in either the
 * shared {@link ColumnLayout} of the call or a small layout private to the block.
 *
 * <p>A long kept range {@code [a, b)} gives its whole vectors {@code [a, a + 16k)} as pieces of the
 * shared layout; its remaining columns (fewer than one vector) go to the private layout, which is
 * padded with the neutral value. When {@code b} is the last column the padding of the shared layout
 * serves instead. Short ranges (fewer than 256 columns, as in the multiscale backend's clusters) are
 * copied whole into the private layout, so that a row visits them in a few long pieces rather than
 * many short ones (each piece costs a call and two lane reductions). Every kept column is visited
 * exactly once, and padded lanes add nothing. Building costs {@code O(D)} per copied column, once per
 * block, amortised over the rows of the block.
 *
 * <p>Not thread-safe; each block task builds its own.
 */
final class BlockColumns {

    private static final int MAIN = 0;
    private static final int TAIL = 1;
    /** Ranges shorter than this are copied whole into the private layout: one call per row, not many. */
    private static final int GATHER_BELOW = 256;

    private final ColumnLayout main;
    private ColumnLayout tail;
    private int[] pieces = new int[3 * 4];
    private int count;

    private BlockColumns(ColumnLayout main) {
        this.main = main;
    }

    /**
     * The pieces of row block {@code block} of {@code blocks}.
     *
     * @throws IllegalArgumentException when a column range leaves {@code [0, main.columns()]}
     */
    static BlockColumns of(ColumnLayout main, BlockSparsity blocks, int block, int pieceLength) {
        BlockColumns result = new BlockColumns(main);
        int[] ranges = blocks.columnRanges();
        int rangeFrom = blocks.rangeOffsets()[block];
        int rangeTo = blocks.rangeOffsets()[block + 1];
        int gatheredCapacity = 0;
        for (int r = rangeFrom; r < rangeTo; r++) {
            int from = ranges[2 * r];
            int to = ranges[2 * r + 1];
            if (from < 0 || from > to || to > main.columns()) {
                throw new IllegalArgumentException("blocks: column range [" + from + ", " + to
                        + ") of block " + block + " is outside [0, " + main.columns() + "]");
            }
            gatheredCapacity += Math.min(to - from, GATHER_BELOW);
        }
        int[] gathered = new int[gatheredCapacity];
        int gatheredCount = 0;
        for (int r = rangeFrom; r < rangeTo; r++) {
            int from = ranges[2 * r];
            int to = ranges[2 * r + 1];
            int wholeEnd = from;
            if (to - from >= GATHER_BELOW) {
                wholeEnd = from + (to - from) / VectorExp.LANES * VectorExp.LANES;
                if (to == main.columns() && wholeEnd < to) {
                    wholeEnd += VectorExp.LANES; // runs into the neutral padding of the shared layout
                }
                result.addPieces(MAIN, from, wholeEnd, pieceLength);
            }
            for (int j = wholeEnd; j < to; j++) {
                gathered[gatheredCount++] = j;
            }
        }
        if (gatheredCount > 0) {
            result.tail = main.select(gathered, gatheredCount);
            result.addPieces(TAIL, 0, result.tail.stride(), pieceLength);
        }
        return result;
    }

    private void addPieces(int layout, int from, int to, int pieceLength) {
        for (int start = from; start < to; start += pieceLength) {
            if (3 * count + 3 > pieces.length) {
                pieces = Arrays.copyOf(pieces, 2 * pieces.length);
            }
            pieces[3 * count] = layout;
            pieces[3 * count + 1] = start;
            pieces[3 * count + 2] = Math.min(to, start + pieceLength);
            count++;
        }
    }

    /** Number of pieces; 0 when the block keeps no column. */
    int count() {
        return count;
    }

    /** The layout piece {@code p} reads. */
    ColumnLayout layout(int p) {
        return pieces[3 * p] == MAIN ? main : tail;
    }

    /** First column of piece {@code p} in its layout. */
    int from(int p) {
        return pieces[3 * p + 1];
    }

    /** End (exclusive) of piece {@code p}; {@code to - from} is a multiple of the lane count. */
    int to(int p) {
        return pieces[3 * p + 2];
    }
}
