package org.geomloss.kernels;

/**
 * The floating-point format the point kernels compute in. GeomLoss's counterpart is the dtype of the
 * input tensors ({@code torch.float32} by default, {@code torch.float64} on request).
 *
 * <ul>
 *   <li>{@link #FLOAT32} (the default): coordinates in float32, each cost {@code c(x_i, y_j)} and
 *       exponent {@code h_j - c_ij / eps} rounded to float32 in the vector kernels (a relative error
 *       of about {@code 6e-8} on each), sums accumulated in float64. Twice the lanes per
 *       instruction, half the memory per coordinate.</li>
 *   <li>{@link #FLOAT64}: coordinates, costs, exponents and sums in float64 (relative error about
 *       {@code 1e-16}); needed when the temperature is far below the float32 spacing of the costs,
 *       {@code (diameter / blur)^p} beyond about {@code 2^22}.</li>
 * </ul>
 * Sums, potentials and gradients are float64 arrays in both cases.
 */
public enum Precision {
    /** Single precision kernels (the default). */
    FLOAT32,
    /** Double precision kernels. */
    FLOAT64;

    /** The lower-case name recorded in results and logs: {@code "float32"} or {@code "float64"}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
