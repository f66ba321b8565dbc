package org.geomloss.ot;

import java.util.function.Supplier;

/**
 * A value computed on first use and then kept (upstream's per-object cache of size 1). A supplier
 * that throws is not cached: it runs again at the next call. Thread-safe.
 */
final class Lazy<T> {

    private Supplier<T> supplier;
    private volatile T value;

    Lazy(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    T get() {
        T result = value;
        if (result == null) {
            synchronized (this) {
                result = value;
                if (result == null) {
                    result = supplier.get();
                    value = result;
                    supplier = null;
                }
            }
        }
        return result;
    }
}
