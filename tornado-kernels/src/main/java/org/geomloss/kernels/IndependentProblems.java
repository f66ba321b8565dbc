package org.geomloss.kernels;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Solves the independent problems of a batch (pairs of clouds of any sizes) and returns their
 * results in input order. When every problem is small (at most {@link #SMALL_PAIRS} point pairs),
 * the problems are spread over the kernels' threads ({@link ComputePool}), since one small problem
 * cannot keep them busy; larger problems run one after the other, each using every thread. Either way
 * each result is the one its problem gives alone: the kernels' results do not depend on the thread
 * that runs them or on the number of threads.
 *
 * <p>Stateless and thread-safe.
 */
public final class IndependentProblems {

    /** Point pairs (N M) up to which a problem counts as small. */
    public static final long SMALL_PAIRS = 1L << 22;

    private IndependentProblems() {
    }

    /**
     * {@code solve} applied to every problem, in order.
     *
     * @param problems  the problems, at least one
     * @param name      the parameter name of the list, used in messages ({@code name[k]})
     * @param pairCount the number of point pairs of a problem
     * @param solve     the computation of one problem
     * @throws NullPointerException          if {@code problems} or one of them is null
     * @throws IllegalArgumentException      if {@code problems} is empty, or a problem's input is
     *                                       invalid (the message starts with {@code name[k]: })
     * @throws UnsupportedOperationException if a problem cannot be served (same prefix)
     */
    public static <T, R> List<R> solve(List<T> problems, String name, ToLongFunction<T> pairCount,
                                       Function<T, R> solve) {
        Objects.requireNonNull(problems, name);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException(name + " must hold at least one problem, got 0");
        }
        boolean small = true;
        for (int k = 0; k < problems.size(); k++) {
            T problem = Objects.requireNonNull(problems.get(k), name + "[" + k + "]");
            small &= pairCount.applyAsLong(problem) <= SMALL_PAIRS;
        }
        Object[] results = new Object[problems.size()];
        RuntimeException[] failures = new RuntimeException[problems.size()];
        if (small && problems.size() > 1) {
            ComputePool.forEachBlock(problems.size(), k -> run(problems, solve, k, results, failures));
        } else {
            for (int k = 0; k < problems.size(); k++) {
                run(problems, solve, k, results, failures);
            }
        }
        for (int k = 0; k < failures.length; k++) {
            if (failures[k] != null) {
                throw named(name + "[" + k + "]: ", failures[k]);
            }
        }
        @SuppressWarnings("unchecked")
        List<R> ordered = (List<R>) Arrays.asList(results);
        return List.copyOf(ordered);
    }

    private static <T, R> void run(List<T> problems, Function<T, R> solve, int k, Object[] results,
                                   RuntimeException[] failures) {
        try {
            results[k] = solve.apply(problems.get(k));
        } catch (RuntimeException e) {
            failures[k] = e;
        }
    }

    /** The failure of one problem, its message prefixed with the problem's name. */
    private static RuntimeException named(String prefix, RuntimeException failure) {
        String message = prefix + failure.getMessage();
        if (failure instanceof IllegalArgumentException) {
            return new IllegalArgumentException(message, failure);
        }
        if (failure instanceof UnsupportedOperationException) {
            return new UnsupportedOperationException(message, failure);
        }
        return failure;
    }
}
