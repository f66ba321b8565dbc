package org.geomloss.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.geomloss.kernels.BlockSparsity;
import org.junit.jupiter.api.Test;

/** The work-groups a launch is cut into (host side, no OpenCL needed). */
class WorkListTest {

    @Test
    void denseStructureBecomesFullTilesOverOneRange() {
        // 64-row blocks all keeping [0, 10): merged, then cut into tiles of 128 rows.
        WorkList work = WorkList.of(BlockSparsity.dense(300, 10), 128);
        assertArrayEquals(new int[] {0, 128, 0, 1, 128, 256, 0, 1, 256, 300, 0, 1}, work.groups());
        assertEquals(3, work.groupCount());
    }

    @Test
    void blocksWithDifferentRangesStaySeparateAndEqualNeighboursMerge() {
        BlockSparsity blocks = new BlockSparsity(
                new int[] {0, 3, 5, 9, 20},
                new int[] {0, 1, 2, 3, 3},
                new int[] {0, 4, 2, 6, 2, 6});
        // Block 0 keeps [0,4); blocks 1 and 2 keep [2,6) (merged: rows 3..9); block 3 keeps nothing.
        assertArrayEquals(new int[] {0, 3, 0, 1, 3, 7, 1, 2, 7, 9, 1, 2, 9, 13, 3, 3, 13, 17, 3, 3,
                17, 20, 3, 3}, WorkList.of(blocks, 4).groups());
    }

    @Test
    void noRowsNoGroups() {
        assertEquals(0, WorkList.of(BlockSparsity.dense(0, 5), 64).groupCount());
    }
}
