package org.geomloss.spark;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.geomloss.Backend;
import org.geomloss.Loss;
import org.geomloss.SamplesLoss;

/**
 * A serializable description of a {@link SamplesLoss}, shipped from the Spark driver to the tasks,
 * where each task rebuilds the same loss ({@link #samplesLoss()}). Its builder has the names of
 * {@link SamplesLoss.Builder} and validates each value when it is set, on the driver, so a bad
 * parameter fails before any job starts; {@link Builder#set(String, Object)} takes GeomLoss's
 * keywords, as the command line does.
 *
 * <ul>
 *   <li>The kernels run on {@code Device.jvm()} in every task (an OpenCL device does not travel
 *       with a task); a custom {@code CostFunction} and progress callbacks are not described.</li>
 *   <li>Two equal settings give the same loss, hence bitwise the same numbers as a single-machine
 *       {@code SamplesLoss} built with the same parameters.</li>
 * </ul>
 * Immutable and thread-safe; the loss a task rebuilds is cached per deserialized copy.
 */
public final class LossSettings implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** GeomLoss keyword to value: strings, boxed numbers, booleans, or null for an unset option. */
    private final LinkedHashMap<String, Object> parameters;
    private transient volatile SamplesLoss loss;

    private LossSettings(LinkedHashMap<String, Object> parameters) {
        this.parameters = parameters;
    }

    /** A builder with GeomLoss's defaults (those of {@link SamplesLoss#builder()}). */
    public static Builder builder() {
        return new Builder();
    }

    /** GeomLoss's defaults: Sinkhorn, p = 2, blur = 0.05, scaling = 0.5, debiased. */
    public static LossSettings defaults() {
        return builder().build();
    }

    /** The parameters that were set, by GeomLoss keyword, in the order they were set. */
    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** The loss these settings describe (built once per copy of the settings). */
    public SamplesLoss samplesLoss() {
        SamplesLoss built = loss;
        if (built == null) {
            SamplesLoss.Builder builder = SamplesLoss.builder();
            parameters.forEach(builder::set);
            built = builder.build();
            loss = built;
        }
        return built;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LossSettings that && parameters.equals(that.parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    @Override
    public String toString() {
        return "LossSettings" + parameters;
    }

    /**
     * Builds {@link LossSettings}; each setter checks its value with {@link SamplesLoss.Builder}'s
     * rules (an {@link IllegalArgumentException} naming the parameter and the value). Not
     * thread-safe.
     */
    public static final class Builder {
        private final SamplesLoss.Builder check = SamplesLoss.builder();
        private final LinkedHashMap<String, Object> parameters = new LinkedHashMap<>();

        private Builder() {
        }

        /** The loss (default {@link Loss#SINKHORN}). */
        public Builder loss(Loss value) {
            return set("loss", Objects.requireNonNull(value, "loss").geomlossName());
        }

        /** The cost exponent, 1 or 2 (default 2). */
        public Builder p(int value) {
            return set("p", value);
        }

        /** The blur (default 0.05). */
        public Builder blur(double value) {
            return set("blur", value);
        }

        /** The reach of unbalanced OT; {@code null} (default) is balanced. */
        public Builder reach(Double value) {
            return set("reach", value);
        }

        /** The largest distance of the problem; {@code null} (default) uses the bounding box. */
        public Builder diameter(Double value) {
            return set("diameter", value);
        }

        /** The ratio between successive blur values, in (0, 1) (default 0.5). */
        public Builder scaling(double value) {
            return set("scaling", value);
        }

        /** A tolerance on the marginal constraints ({@link SamplesLoss.Builder#tol}); null: none. */
        public Builder tol(Double value) {
            return set("tol", value);
        }

        /** The cap on the iterations a tolerance may add (default 10,000). */
        public Builder maxExtraIter(int value) {
            return set("max_extra_iter", value);
        }

        /** Multiscale kernel truncation in units of eps (default 5); {@code null} keeps every pair. */
        public Builder truncate(Double value) {
            return set("truncate", value);
        }

        /** The multiscale voxel size; {@code null} (default) derives it from the diameter. */
        public Builder clusterScale(Double value) {
            return set("cluster_scale", value);
        }

        /** Whether to debias the Sinkhorn cost into a divergence (default true). */
        public Builder debias(boolean value) {
            return set("debias", value);
        }

        /** Whether each task logs the schedule and iterations at INFO (default false). */
        public Builder verbose(boolean value) {
            return set("verbose", value);
        }

        /** The backend (default {@link Backend#AUTO}). */
        public Builder backend(Backend value) {
            return set("backend", Objects.requireNonNull(value, "backend").geomlossName());
        }

        /**
         * Sets a parameter by its GeomLoss keyword, as {@link SamplesLoss.Builder#set}; only
         * strings, numbers, booleans and null are accepted (they travel to the tasks).
         *
         * @throws IllegalArgumentException for an unknown keyword or a bad value
         */
        public Builder set(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (value != null && !(value instanceof String || value instanceof Number
                    || value instanceof Boolean)) {
                throw new IllegalArgumentException(name + " must be a string, number or boolean "
                        + "to travel to Spark tasks, got " + value.getClass().getName());
            }
            check.set(name, value);
            parameters.put(name, value);
            return this;
        }

        /** The settings. */
        public LossSettings build() {
            check.build();
            return new LossSettings(new LinkedHashMap<>(parameters));
        }
    }
}
