package org.geomloss.kernels;

/**
 * The reductions every loss of this library is made of: soft-mins (log-sum-exp over a cost) for
 * Sinkhorn, kernel sums for the kernel losses, and their gradients. One implementation per compute
 * path (scalar Java, Vector API, OpenCL); {@link Kernels#jvm()} picks the fastest JVM one.
 *
 * <p>With {@code x} the N target points, {@code y} the M source points and {@code B} the block-sparse
 * structure of visited pairs ({@link BlockSparsity#dense(int, int)} for all of them):
 * <ul>
 *   <li>{@code softmin}: {@code out_i = -eps * log sum_{j in B_i} exp(h_j - c(x_i, y_j) / eps)};
 *       {@code +infinity} when row {@code i} visits no column.</li>
 *   <li>{@code softminGradient}: {@code out_i = sum_{j in B_i} P_ij grad_1 c(x_i, y_j)} with the
 *       soft-max weights {@code P_ij = exp(h_j - c(x_i, y_j)/eps + s_i/eps)}, where {@code s} is the
 *       output of {@code softmin} on the same arguments (so each row of P sums to 1). Row-major
 *       {@code N x D} output.</li>
 *   <li>{@code kernelSum}: {@code out_i = sum_j w_j k(x_i, y_j)}.</li>
 *   <li>{@code kernelGradient}: {@code out_i = sum_j w_j grad_1 k(x_i, y_j)}, row-major N x D.</li>
 * </ul>
 * Coordinates are read in the kernels' {@link #precision()}: float32 ({@link PointArray#coords()}) or
 * float64 ({@link PointArray#doubleCoordinates()}); differences are taken directly and sums accumulate
 * in float64.
 * Implementations are thread-safe and stateless; results do not depend on the number of threads
 * (each output row is reduced by one thread, in a fixed order).
 */
public interface PointKernels {

    /** A short name recorded in results, e.g. {@code "scalar"} or {@code "vector(16 lanes)"}. */
    String name();

    /** The precision these kernels compute in (default {@link Precision#FLOAT32}). */
    default Precision precision() {
        return Precision.FLOAT32;
    }

    /** Soft-min (soft C-transform) of {@code h} over the cost between {@code x} and {@code y}. */
    void softmin(CostFunction cost, PointArray x, PointArray y, double[] h, double eps,
                 BlockSparsity blocks, double[] out);

    /** Soft-max-weighted sum of cost gradients, given the matching {@code softmin} output. */
    void softminGradient(CostFunction cost, PointArray x, PointArray y, double[] h, double eps,
                         double[] softmin, BlockSparsity blocks, double[] out);

    /** Kernel sum {@code K_xy w}, with {@code k} evaluated at {@code |x_i - y_j|^2 / sigma^2}. */
    void kernelSum(RadialKernel kernel, double sigma, PointArray x, PointArray y, double[] w,
                   double[] out);

    /** Gradient of the kernel sum with respect to each {@code x_i}. */
    void kernelGradient(RadialKernel kernel, double sigma, PointArray x, PointArray y, double[] w,
                        double[] out);
}
