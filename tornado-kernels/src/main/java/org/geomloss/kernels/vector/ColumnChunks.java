package org.geomloss.kernels.vector;

import java.util.Arrays;
import org.geomloss.kernels.BlockSparsity;

/**
 * The kept columns of one row block for the lane kernels, as "pieces" (column ranges) grouped into
 * "chunks" of at most {@code chunkLength} columns: a lane kernel sums one chunk in float, checks it,
 * and adds it to its double totals. Pieces are the block's kept ranges, cut where they would cross a
 * chunk boundary, in the order of the ranges; every kept column is in exactly one piece.
 *
 * <p>Piece {@code p} is the columns {@code [start(p), end(p))}; chunk {@code c} is the pieces
 * {@code [firstPiece(c), firstPiece(c + 1))}. Not thread-safe; each block task builds its own.
 */
final class ColumnChunks {

    private int[] bounds = new int[8];
    private int pieceCount;
    private int[] chunkStarts = new int[4];
    private int chunkCount;

    private ColumnChunks() {
    }

    /**
     * The chunks of row block {@code block}.
     *
     * @throws IllegalArgumentException when a column range leaves {@code [0, columns]}
     */
    static ColumnChunks of(BlockSparsity blocks, int block, int columns, int chunkLength) {
        ColumnChunks result = new ColumnChunks();
        int[] ranges = blocks.columnRanges();
        int filled = 0;
        for (int r = blocks.rangeOffsets()[block]; r < blocks.rangeOffsets()[block + 1]; r++) {
            int from = ranges[2 * r];
            int to = ranges[2 * r + 1];
            if (from < 0 || from > to || to > columns) {
                throw new IllegalArgumentException("blocks: column range [" + from + ", " + to
                        + ") of block " + block + " is outside [0, " + columns + "]");
            }
            while (from < to) {
                if (filled == 0) {
                    result.startChunk();
                }
                int end = Math.min(to, from + chunkLength - filled);
                result.addPiece(from, end);
                filled = (filled + end - from) % chunkLength;
                from = end;
            }
        }
        result.startChunk(); // the end of the last chunk
        result.chunkCount--;
        return result;
    }

    private void startChunk() {
        if (chunkCount + 1 > chunkStarts.length) {
            chunkStarts = Arrays.copyOf(chunkStarts, 2 * chunkStarts.length);
        }
        chunkStarts[chunkCount++] = pieceCount;
    }

    private void addPiece(int from, int to) {
        if (2 * pieceCount + 2 > bounds.length) {
            bounds = Arrays.copyOf(bounds, 2 * bounds.length);
        }
        bounds[2 * pieceCount] = from;
        bounds[2 * pieceCount + 1] = to;
        pieceCount++;
    }

    /** Number of chunks; 0 when the block keeps no column. */
    int chunkCount() {
        return chunkCount;
    }

    /** Index of the first piece of chunk {@code c}; {@code firstPiece(chunkCount())} ends the last. */
    int firstPiece(int c) {
        return chunkStarts[c];
    }

    /** The piece bounds: piece {@code p} is {@code [bounds()[2p], bounds()[2p + 1])}. */
    int[] bounds() {
        return bounds;
    }

    /** The first kept column, or -1 when there is none. */
    int firstColumn() {
        return pieceCount == 0 ? -1 : bounds[0];
    }

    /** Number of columns of the first piece (0 when there is none). */
    int firstPieceLength() {
        return pieceCount == 0 ? 0 : bounds[1] - bounds[0];
    }
}
