package org.geomloss.spark;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * What a rowwise job computes for each row besides the loss value: its gradients
 * ({@code grad_x, grad_y}: N x D and M x D, {@code grad_a, grad_b}: N and M), and the value and
 * marginal error of {@code OT.solveSample} on the same two clouds ({@code ot_value},
 * {@code ot_marginal_error}). Immutable and thread-safe.
 */
public final class RowwiseRequest implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean gradients;
    private final OtSettings ot;

    private RowwiseRequest(boolean gradients, OtSettings ot) {
        this.gradients = gradients;
        this.ot = ot;
    }

    /** The loss value alone. */
    public static RowwiseRequest value() {
        return new RowwiseRequest(false, null);
    }

    /** This request with the gradients of the loss. */
    public RowwiseRequest withGradients() {
        return new RowwiseRequest(true, ot);
    }

    /** This request with the ot value and marginal error, solved with {@code settings}. */
    public RowwiseRequest withOt(OtSettings settings) {
        return new RowwiseRequest(gradients, Objects.requireNonNull(settings, "ot"));
    }

    /** Whether the gradients are asked for. */
    public boolean gradients() {
        return gradients;
    }

    /** The ot settings, or null when the ot value is not asked for. */
    public OtSettings ot() {
        return ot;
    }
}
