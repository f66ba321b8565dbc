package org.geomloss.ot;

import java.util.List;

/**
 * The result of {@link OT#solveSampleBatch}: B independent problems between point clouds, of equal
 * or different sizes, each an {@link OTResultSample} ({@link #get(int)}) equal to what
 * {@link OT#solveSample} gives for it alone. Upstream GeomLoss raises {@code NotImplementedError}
 * for {@code solve_sample_batch}; POT's {@code solve_sample_batch} takes equal sizes only.
 *
 * <p>Immutable and thread-safe; each problem's results are lazy and cached.
 */
public final class OTSampleBatchResult {

    private final List<OTResultSample> problems;

    OTSampleBatchResult(List<OTResultSample> problems) {
        this.problems = List.copyOf(problems);
    }

    /** B, the number of problems. */
    public int size() {
        return problems.size();
    }

    /** Problem {@code k}, 0-based, in input order. */
    public OTResultSample get(int k) {
        return problems.get(k);
    }

    /** The B problems, in input order (unmodifiable). */
    public List<OTResultSample> problems() {
        return problems;
    }

    /** {@code value} of every problem (length B). */
    public double[] value() {
        return problems.stream().mapToDouble(OTResultSample::value).toArray();
    }

    /** Whether every problem reached its tolerance. */
    public boolean converged() {
        return problems.stream().allMatch(OTResultSample::converged);
    }

    /** The citation text. */
    public String citation() {
        return Citation.TEXT;
    }
}
