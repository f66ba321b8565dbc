package org.geomloss.ot;

import java.util.List;

/**
 * The result of {@link OT#solveBatch}: B independent problems that shared one annealing schedule
 * (GeomLoss's {@code OTResultMatrix} in batch mode). Each problem is an {@link OTResultMatrix}
 * ({@link #get(int)}), with its own iterations and convergence when a tolerance was given; the
 * batched accessors stack them ({@code value} has length B, {@code plan} is B x N x M).
 *
 * <p>Upstream's batched operators (input {@code (B, M, ...)}, shape {@code (B N, B M)}) are block
 * diagonal: here they are the B per-problem operators {@code get(k).planOperator()}. Immutable and
 * thread-safe.
 */
public final class OTBatchResult {

    private final List<OTResultMatrix> problems;

    OTBatchResult(List<OTResultMatrix> problems) {
        this.problems = List.copyOf(problems);
    }

    /** B, the number of problems. */
    public int size() {
        return problems.size();
    }

    /** Problem {@code k}, 0-based. */
    public OTResultMatrix get(int k) {
        return problems.get(k);
    }

    /** The B problems, in order (unmodifiable). */
    public List<OTResultMatrix> problems() {
        return problems;
    }

    /** {@code value} of every problem (length B). */
    public double[] value() {
        return problems.stream().mapToDouble(OTResultMatrix::value).toArray();
    }

    /** {@code potential_a}, B x N. */
    public double[][] potentialA() {
        return problems.stream().map(OTResultMatrix::potentialA).toArray(double[][]::new);
    }

    /** {@code potential_b}, B x M. */
    public double[][] potentialB() {
        return problems.stream().map(OTResultMatrix::potentialB).toArray(double[][]::new);
    }

    /** {@code plan}, B x N x M. */
    public double[][][] plan() {
        return problems.stream().map(OTResultMatrix::plan).toArray(double[][][]::new);
    }

    /** {@code density}, B x N x M. */
    public double[][][] density() {
        return problems.stream().map(OTResultMatrix::density).toArray(double[][][]::new);
    }

    /** {@code marginal_a}, B x N. */
    public double[][] marginalA() {
        return problems.stream().map(OTResultMatrix::marginalA).toArray(double[][]::new);
    }

    /** {@code marginal_b}, B x M. */
    public double[][] marginalB() {
        return problems.stream().map(OTResultMatrix::marginalB).toArray(double[][]::new);
    }

    /** Whether every problem reached its tolerance. */
    public boolean converged() {
        return problems.stream().allMatch(OTResultMatrix::converged);
    }

    /** The citation text. */
    public String citation() {
        return Citation.TEXT;
    }

    /** The strategy and precision that ran. */
    public String backendUsed() {
        return problems.get(0).backendUsed();
    }
}
