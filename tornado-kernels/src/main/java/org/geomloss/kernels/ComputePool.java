package org.geomloss.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The thread pool the library's JVM kernels run on: a dedicated {@link ForkJoinPool}, so that the
 * common pool of the application is left alone.
 *
 * <p>Its size is the system property {@code geomloss.threads} when set, else the number of available
 * processors; {@link #setParallelism(int)} replaces the pool. Work is split into independent blocks
 * of output rows, so results do not depend on the number of threads.
 */
public final class ComputePool {

    private static volatile ForkJoinPool pool = newPool(
            Integer.getInteger("geomloss.threads", Runtime.getRuntime().availableProcessors()));

    private ComputePool() {
    }

    /**
     * Runs {@code body.accept(k)} for every {@code k} in {@code [0, blocks)}, in parallel. An
     * exception thrown by the body reaches the caller as thrown (the fork-join pool's copies made
     * for the joining thread are unwrapped), so its message stays the body's.
     */
    public static void forEachBlock(int blocks, IntConsumer body) {
        if (blocks <= 1 || pool.getParallelism() == 1) {
            for (int k = 0; k < blocks; k++) {
                body.accept(k);
            }
            return;
        }
        try {
            pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(body)).join();
        } catch (RuntimeException e) {
            throw thrownByBody(e);
        }
    }

    /**
     * The exception the body threw: a fork-join join rethrows a copy of it, of the same class,
     * whose cause is the original (or a further copy).
     */
    private static RuntimeException thrownByBody(RuntimeException joined) {
        RuntimeException original = joined;
        while (original.getCause() instanceof RuntimeException cause
                && cause.getClass() == original.getClass()) {
            original = cause;
        }
        return original;
    }

    /** Number of threads the kernels use. */
    public static int parallelism() {
        return pool.getParallelism();
    }

    /** Replaces the pool by one of {@code threads} threads (at least 1). */
    public static synchronized void setParallelism(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        ForkJoinPool old = pool;
        pool = newPool(threads);
        old.shutdown();
    }

    private static ForkJoinPool newPool(int threads) {
        return new ForkJoinPool(Math.max(1, threads), p -> {
            var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            thread.setName("geomloss-kernel-" + thread.getPoolIndex());
            thread.setDaemon(true);
            return thread;
        }, null, false);
    }
}
