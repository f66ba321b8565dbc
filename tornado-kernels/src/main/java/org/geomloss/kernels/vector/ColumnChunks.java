package org.geomloss.kernels.vector;

import jdk.incubator.vector.FloatVector;
import org.geomloss.kernels.BlockSparsity;

/**
 * The kept columns of one row block for the lane kernels, as consecutive records cut into chunks of
 * {@link #LENGTH} columns: kept column {@code k} (counting the block's kept ranges in order) is
 * record {@code start() + k} of {@link #records()}, in chunk {@code k / LENGTH}. A lane kernel runs
 * chunk after chunk over every pass of rows of the block, so that a chunk's records stay in the
 * first-level cache while all the passes read them.
 *
 * <p>A block that keeps one range reads the operands' records in place. A block that keeps several
 * (the multiscale backend's clusters keep about a hundred ranges of 20 to 30 columns) first copies
 * its ranges' records one after the other into a buffer of the thread's: one streaming copy per
 * block, after which the kernels' inner loops run over consecutive records whatever the ranges (no
 * loop and no accumulator per range), and any kept column can be read without a cache miss. Which
 * of the two a block uses, and so every rounding, depends on the block's ranges only.
 *
 * <p>Not thread-safe, and valid until the thread builds the next one: each block task builds its
 * own and drops it before the next block.
 */
final class ColumnChunks {

    /** Kept columns per chunk: a lane kernel checks its sums for overflow once per chunk. */
    static final int LENGTH = 256;

    /**
     * Records a thread keeps for the blocks with several ranges (16 MiB); larger blocks allocate
     * theirs. A copy takes 16 bytes per kept column: on average 42 KiB on two uniform cubes of 1M
     * points at blur 0.01, 2.1 MiB on 2D densities of 1M points. A copy allocated per block costs
     * its allocation and collection (G1 takes one over half a region as a humongous object): with
     * 1 MiB kept, those 2D densities took 1.5 times the CPU time.
     */
    private static final int KEPT_BUFFER_RECORDS = 1 << 20;

    private static final int COPY_LANES = VectorExp.LANES;

    private static final ThreadLocal<float[]> BUFFER = ThreadLocal.withInitial(() -> new float[0]);

    private final float[] records;
    private final int start;
    private final int columnCount;
    private final boolean copied;

    private ColumnChunks(float[] records, int start, int columnCount, boolean copied) {
        this.records = records;
        this.start = start;
        this.columnCount = columnCount;
        this.copied = copied;
    }

    /**
     * The kept columns of row block {@code block}.
     *
     * @throws IllegalArgumentException when a column range leaves {@code [0, columns]}
     */
    static ColumnChunks of(LaneOperands operands, BlockSparsity blocks, int block) {
        int[] ranges = blocks.columnRanges();
        int firstRange = blocks.rangeOffsets()[block];
        int endRange = blocks.rangeOffsets()[block + 1];
        int columns = operands.columns();
        int count = 0;
        for (int r = firstRange; r < endRange; r++) {
            int from = ranges[2 * r];
            int to = ranges[2 * r + 1];
            if (from < 0 || from > to || to > columns) {
                throw new IllegalArgumentException("blocks: column range [" + from + ", " + to
                        + ") of block " + block + " is outside [0, " + columns + "]");
            }
            count += to - from;
        }
        if (endRange - firstRange == 1) {
            return new ColumnChunks(operands.records(), ranges[2 * firstRange], count, false);
        }
        float[] records = operands.records();
        float[] buffer = buffer(LaneOperands.RECORD * count + COPY_LANES);
        int filled = 0;
        for (int r = firstRange; r < endRange; r++) {
            int from = LaneOperands.RECORD * ranges[2 * r];
            int length = LaneOperands.RECORD * (ranges[2 * r + 1] - ranges[2 * r]);
            copy(records, from, buffer, filled, length);
            filled += length;
        }
        return new ColumnChunks(buffer, 0, count, true);
    }

    /**
     * Copies {@code records[from, from + length)} to {@code buffer} at {@code at}, and possibly some
     * of the floats that follow up to {@code COPY_LANES - 1} past the end, which the next range's copy
     * overwrites: whole vectors, without the call and checks of {@link System#arraycopy}, which cost
     * more than the copy itself for ranges of 20 to 30 records.
     */
    private static void copy(float[] records, int from, float[] buffer, int at, int length) {
        int vectors = (length + COPY_LANES - 1) / COPY_LANES;
        if (from + vectors * COPY_LANES > records.length) {
            System.arraycopy(records, from, buffer, at, length);
            return;
        }
        for (int k = 0; k < vectors * COPY_LANES; k += COPY_LANES) {
            FloatVector.fromArray(VectorExp.SPECIES, records, from + k).intoArray(buffer, at + k);
        }
    }

    /** The thread's buffer when {@code length} floats fit in it, or a new array. */
    private static float[] buffer(int length) {
        float[] buffer = BUFFER.get();
        if (buffer.length >= length) {
            return buffer;
        }
        int most = LaneOperands.RECORD * KEPT_BUFFER_RECORDS + COPY_LANES;
        if (length > most) {
            return new float[length];
        }
        buffer = new float[Math.min(most, Math.max(length, 2 * buffer.length))];
        BUFFER.set(buffer);
        return buffer;
    }

    /** Whether the block keeps several ranges, whose records {@link #records()} holds a copy of. */
    boolean copied() {
        return copied;
    }

    /** Number of kept columns. */
    int columnCount() {
        return columnCount;
    }

    /** Number of chunks; 0 when the block keeps no column. */
    int chunkCount() {
        return (columnCount + LENGTH - 1) / LENGTH;
    }

    /** The records of the kept columns, from record {@link #start()} on. */
    float[] records() {
        return records;
    }

    /** The record of the first kept column in {@link #records()}. */
    int start() {
        return start;
    }

    /** The record of the first column of chunk {@code c} in {@link #records()}. */
    int chunkFrom(int c) {
        return start + c * LENGTH;
    }

    /** One past the record of the last column of chunk {@code c} in {@link #records()}. */
    int chunkTo(int c) {
        return start + Math.min(columnCount, (c + 1) * LENGTH);
    }
}
