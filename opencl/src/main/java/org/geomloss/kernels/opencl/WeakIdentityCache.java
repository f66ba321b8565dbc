package org.geomloss.kernels.opencl;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A map from objects, compared by identity and held weakly, to values that own a resource (device
 * buffers). When a key is garbage collected its value is handed to {@code release} at the next call
 * of {@link #get} or {@link #put}; nothing is released from a finalizer or another thread.
 *
 * <p>This is how host arrays are tied to their device copies: the Sinkhorn loop passes the same
 * {@code float[]} on every call, so the copy is found by identity, and it lives as long as the array.
 *
 * <p>Not thread-safe: the owning {@link OpenClContext} serialises every access.
 *
 * @param <K> key type (compared with {@code ==})
 * @param <V> value type
 */
final class WeakIdentityCache<K, V> {

    private final Map<IdentityKey<K>, V> entries = new HashMap<>();
    private final ReferenceQueue<K> collected = new ReferenceQueue<>();
    private final Consumer<V> release;

    WeakIdentityCache(Consumer<V> release) {
        this.release = release;
    }

    /** The value stored for {@code key}, or {@code null}. */
    V get(K key) {
        releaseCollected();
        return entries.get(new IdentityKey<>(key, null));
    }

    /** Stores {@code value} for {@code key}, releasing the value it replaces, if any. */
    void put(K key, V value) {
        releaseCollected();
        V previous = entries.put(new IdentityKey<>(key, collected), value);
        if (previous != null && previous != value) {
            release.accept(previous);
        }
    }

    /** Number of live entries (after releasing those whose keys were collected). */
    int size() {
        releaseCollected();
        return entries.size();
    }

    private void releaseCollected() {
        for (var reference = collected.poll(); reference != null; reference = collected.poll()) {
            V value = entries.remove(reference);
            if (value != null) {
                release.accept(value);
            }
        }
    }

    /** A weak reference equal to another one when both refer to the same live object. */
    private static final class IdentityKey<K> extends WeakReference<K> {
        private final int hash;

        IdentityKey(K referent, ReferenceQueue<K> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof IdentityKey<?> key)) {
                return false;
            }
            Object referent = get();
            return referent != null && referent == key.get();
        }
    }
}
