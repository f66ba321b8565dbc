package org.geomloss.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ComputePoolTest {

    @Test
    void anExceptionOfTheBodyReachesTheCallerAsThrown() {
        int previous = ComputePool.parallelism();
        ComputePool.setParallelism(2);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ComputePool.forEachBlock(64, k -> {
                        if (k == 37) {
                            throw new IllegalArgumentException("x[37] = NaN");
                        }
                    }));
            assertEquals("x[37] = NaN", e.getMessage());
            assertNull(e.getCause(), "the body's exception itself, not a copy wrapping it");
        } finally {
            ComputePool.setParallelism(previous);
        }
    }
}
