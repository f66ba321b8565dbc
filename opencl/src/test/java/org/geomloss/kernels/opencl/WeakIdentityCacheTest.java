package org.geomloss.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Identity keys and release of replaced values (no OpenCL needed). */
class WeakIdentityCacheTest {

    private final List<String> released = new ArrayList<>();
    private final WeakIdentityCache<float[], String> cache = new WeakIdentityCache<>(released::add);

    @Test
    void arraysAreKeysByIdentityNotByContent() {
        float[] first = {1f, 2f};
        float[] equalContent = {1f, 2f};
        cache.put(first, "first");
        assertSame("first", cache.get(first));
        assertNull(cache.get(equalContent));
        cache.put(equalContent, "second");
        assertEquals(2, cache.size());
    }

    @Test
    void replacingAValueReleasesTheOldOne() {
        float[] key = {3f};
        cache.put(key, "old");
        cache.put(key, "new");
        assertEquals(List.of("old"), released);
        assertSame("new", cache.get(key));
        assertEquals(1, cache.size());
    }
}
