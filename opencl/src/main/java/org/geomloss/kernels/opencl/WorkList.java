package org.geomloss.kernels.opencl;

import java.util.Arrays;
import org.geomloss.kernels.BlockSparsity;

/**
 * The work-groups of one launch: {@code (rowFrom, rowTo, rangeFrom, rangeTo)} per group, flat
 * ({@code int4} on the device). Group {@code g} reduces at most {@code tile} consecutive rows over the
 * column ranges {@code [rangeFrom, rangeTo)} of a {@link BlockSparsity}.
 *
 * <p>Consecutive row blocks that keep the same column ranges are merged first, so that a dense
 * structure (64-row blocks all keeping {@code [0, M)}) becomes full groups of {@code tile} rows.
 * Row blocks without rows produce no group.
 *
 * @param groups the flat {@code 4 x groupCount} array
 */
record WorkList(int[] groups) {

    /** Number of work-groups to launch. */
    int groupCount() {
        return groups.length / 4;
    }

    /** The groups of {@code blocks} for work-groups of {@code tile} rows. */
    static WorkList of(BlockSparsity blocks, int tile) {
        int[] rowStarts = blocks.rowStarts();
        int[] rangeOffsets = blocks.rangeOffsets();
        int[] out = new int[16];
        int used = 0;
        int block = 0;
        while (block < blocks.blockCount()) {
            int last = block;
            while (last + 1 < blocks.blockCount() && sameRanges(blocks, block, last + 1)) {
                last++;
            }
            int rowTo = rowStarts[last + 1];
            for (int rowFrom = rowStarts[block]; rowFrom < rowTo; rowFrom += tile) {
                if (used + 4 > out.length) {
                    out = Arrays.copyOf(out, 2 * out.length);
                }
                out[used++] = rowFrom;
                out[used++] = Math.min(rowTo, rowFrom + tile);
                out[used++] = rangeOffsets[block];
                out[used++] = rangeOffsets[block + 1];
            }
            block = last + 1;
        }
        return new WorkList(Arrays.copyOf(out, used));
    }

    private static boolean sameRanges(BlockSparsity blocks, int a, int b) {
        int[] offsets = blocks.rangeOffsets();
        int[] ranges = blocks.columnRanges();
        return Arrays.equals(ranges, 2 * offsets[a], 2 * offsets[a + 1],
                ranges, 2 * offsets[b], 2 * offsets[b + 1]);
    }
}
