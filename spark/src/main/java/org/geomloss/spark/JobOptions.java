package org.geomloss.spark;

import java.util.Objects;
import org.apache.spark.util.LongAccumulator;

/**
 * How a pairwise or rowwise job runs: what it does with bad clouds, how many blocks the clouds of a
 * pairwise job are split into, and an optional counter of the pairs or rows done (a Spark
 * accumulator, read on the driver for progress; it grows as tasks finish).
 *
 * @param errors   what a malformed cloud or refused pair does
 * @param blocks   the number of blocks of a pairwise job ({@code >= 1}), or 0 to choose from the
 *                 cloud count and the cluster's parallelism ({@link PairwiseLosses})
 * @param progress the counter of pairs or rows done, or null
 */
public record JobOptions(ErrorPolicy errors, int blocks, LongAccumulator progress) {

    /** Checks the values. */
    public JobOptions {
        Objects.requireNonNull(errors, "errors");
        if (blocks < 0) {
            throw new IllegalArgumentException("blocks must be >= 0 (0 chooses), got " + blocks);
        }
    }

    /** Fail on the first bad cloud, blocks chosen automatically, no progress counter. */
    public static JobOptions defaults() {
        return new JobOptions(ErrorPolicy.FAIL, 0, null);
    }

    /** These options with another error policy. */
    public JobOptions withErrors(ErrorPolicy value) {
        return new JobOptions(value, blocks, progress);
    }

    /** These options with a fixed number of blocks (0 chooses). */
    public JobOptions withBlocks(int value) {
        return new JobOptions(errors, value, progress);
    }

    /** These options with a progress counter. */
    public JobOptions withProgress(LongAccumulator value) {
        return new JobOptions(errors, blocks, Objects.requireNonNull(value, "progress"));
    }
}
