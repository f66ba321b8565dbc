// OpenCL C kernels of org.geomloss.kernels.PointKernels (see OpenClPointKernels for the maths).
//
// Built once per device and dimension with -D DIM=<D> -D TILE=<work-group size>.
//
// Layout shared by every kernel:
//  - x: N x DIM targets, y: M x DIM sources, row-major float32.
//  - work[g] = (rowFrom, rowTo, rangeFrom, rangeTo): work-group g reduces rows [rowFrom, rowTo)
//    (at most TILE of them, one per work-item) over the kept column ranges
//    ranges[2r] .. ranges[2r+1] for r in [rangeFrom, rangeTo) (a BlockSparsity, dense = one range).
//  - Columns stream through local memory in tiles of TILE points, loaded cooperatively: every
//    work-item loads one column, then all of them read the whole tile.
//  - Each work-item accumulates one tile in plain float (at most TILE terms), then adds the tile's
//    partial into its running total with Kahan compensation, so that the float32 rounding error
//    grows with TILE + (columns / TILE) rather than with the number of columns.
//  - Squared distances are sums of squared coordinate differences, never |x|^2 - 2<x,y> + |y|^2.
//
// No -cl-fast-relaxed-math: the log-sum-exp relies on infinities and Kahan on exact rounding.

#define FLOOR 1e-8f

// GroundCost.HALF_SQUARED_EUCLIDEAN: c = d2 / 2, grad_x c = (x - y).
#define COST_HALF_SQUARED(d2) (0.5f * (d2))
#define GRADIENT_FACTOR_HALF_SQUARED(d2, c) (1.0f)
// GroundCost.EUCLIDEAN: c = sqrt(max(d2, 1e-8)), grad_x c = (x - y) / c, 0 where clamped.
#define COST_EUCLIDEAN(d2) sqrt(fmax((d2), FLOOR))
#define GRADIENT_FACTOR_EUCLIDEAN(d2, c) (((d2) < FLOOR) ? 0.0f : 1.0f / (c))

// RadialKernel values k(r2) and gradient factors s(r2), r2 = d2 / sigma^2.
#define VALUE_GAUSSIAN(r2) exp(-0.5f * (r2))
#define GRADIENT_FACTOR_GAUSSIAN(r2) (-exp(-0.5f * (r2)))
#define VALUE_LAPLACIAN(r2) exp(-sqrt(fmax((r2), FLOOR)))
#define GRADIENT_FACTOR_LAPLACIAN(r2) \
    (((r2) < FLOOR) ? 0.0f : -exp(-sqrt(r2)) / sqrt(r2))
#define VALUE_ENERGY(r2) (-sqrt(fmax((r2), FLOOR)))
#define GRADIENT_FACTOR_ENERGY(r2) (((r2) < FLOOR) ? 0.0f : -1.0f / sqrt(r2))

// Kahan-compensated sum += value.
inline void compensated_add(float *sum, float *compensation, float value) {
    float corrected = value - *compensation;
    float next = *sum + corrected;
    *compensation = (next - *sum) - corrected;
    *sum = next;
}

// Copies one column (point and its weight) into the local tile; the caller places the barriers.
inline void load_column(__global const float *y, __global const float *weights, int column,
                        __local float *tile_y, __local float *tile_weight, int slot) {
    for (int k = 0; k < DIM; k++) {
        tile_y[slot * DIM + k] = y[column * DIM + k];
    }
    tile_weight[slot] = weights[column];
}

inline float squared_distance(const float *xi, __local const float *yj) {
    float d2 = 0.0f;
    for (int k = 0; k < DIM; k++) {
        float diff = xi[k] - yj[k];
        d2 = fma(diff, diff, d2);
    }
    return d2;
}

// The loop nest every kernel shares. The body (the variadic argument, so that it may contain
// commas) reduces the tile's columns; it runs for
// every work-item, also those past rowTo (they compute on row rowFrom and write nothing), so that
// all of them reach the barriers.
#define FOR_EACH_TILE(WEIGHTS, ...)                                                          \
    for (int r = job.z; r < job.w; r++) {                                                     \
        const int columnEnd = ranges[2 * r + 1];                                              \
        for (int first = ranges[2 * r]; first < columnEnd; first += TILE) {                   \
            const int count = min(TILE, columnEnd - first);                                   \
            barrier(CLK_LOCAL_MEM_FENCE);                                                     \
            if (lid < count) {                                                                \
                load_column(y, WEIGHTS, first + lid, tile_y, tile_weight, lid);               \
            }                                                                                 \
            barrier(CLK_LOCAL_MEM_FENCE);                                                     \
            __VA_ARGS__                                                                       \
        }                                                                                     \
    }

#define KERNEL_PROLOGUE                                                                       \
    __local float tile_y[TILE * DIM];                                                         \
    __local float tile_weight[TILE];                                                          \
    const int lid = get_local_id(0);                                                          \
    const int4 job = work[get_group_id(0)];                                                   \
    const int i = job.x + lid;                                                                \
    const bool active = i < job.y;                                                            \
    const int row = active ? i : job.x;                                                       \
    float xi[DIM];                                                                            \
    for (int k = 0; k < DIM; k++) {                                                           \
        xi[k] = x[row * DIM + k];                                                             \
    }

// softmin: out[i] = (m, s) with sum_j exp(h_j - c_ij / eps) = s * exp(m); the host returns
// -eps * (m + log s). Online log-sum-exp: the running maximum m only grows; one exp per pair
// (exp(-|s - m|), then either rescale the sum or add the term), no branch.
#define SOFTMIN_KERNEL(NAME, COST)                                                            \
__kernel __attribute__((reqd_work_group_size(TILE, 1, 1)))                                    \
void NAME(__global const float *x, __global const float *y, __global const float *h,         \
          const float invEps, __global const int4 *work, __global const int *ranges,         \
          __global float2 *out) {                                                             \
    KERNEL_PROLOGUE                                                                           \
    float runningMax = -INFINITY, sum = 0.0f, compensation = 0.0f;                                   \
    FOR_EACH_TILE(h, {                                                                   \
        float tileMax = runningMax, tileSum = 0.0f;                                                  \
        for (int j = 0; j < count; j++) {                                                     \
            float d2 = squared_distance(xi, tile_y + j * DIM);                                \
            float s = tile_weight[j] - COST(d2) * invEps;                                     \
            float larger = fmax(tileMax, s);                                                  \
            float e = exp(fmin(tileMax, s) - larger);                                         \
            e = (s == -INFINITY) ? 0.0f : e;                                                  \
            tileSum = (s > tileMax) ? fma(tileSum, e, 1.0f) : tileSum + e;                    \
            tileMax = larger;                                                                 \
        }                                                                                     \
        if (tileMax > runningMax) {                                                                  \
            float scale = exp(runningMax - tileMax);                                                 \
            sum *= scale;                                                                     \
            compensation *= scale;                                                            \
            runningMax = tileMax;                                                              \
        }                                                                                     \
        compensated_add(&sum, &compensation, tileSum);                                        \
    })                                                                                        \
    if (active) {                                                                             \
        out[i] = (float2)(runningMax, sum);                                                          \
    }                                                                                         \
}

SOFTMIN_KERNEL(softmin_half_squared_euclidean, COST_HALF_SQUARED)
SOFTMIN_KERNEL(softmin_euclidean, COST_EUCLIDEAN)

// softminGradient: out_i = sum_j P_ij grad c / sum_j P_ij with
// P_ij = exp(h_j - c_ij / eps + shift_i), shift_i = softmin_i / eps. For the matching softmin the
// denominator is 1 in exact arithmetic; dividing by it removes the float32 rounding of shift_i,
// which is common to the whole row. A row without columns gives 0.
#define SOFTMIN_GRADIENT_KERNEL(NAME, COST, GRADIENT_FACTOR)                                  \
__kernel __attribute__((reqd_work_group_size(TILE, 1, 1)))                                    \
void NAME(__global const float *x, __global const float *y, __global const float *h,         \
          const float invEps, __global const float *shift, __global const int4 *work,        \
          __global const int *ranges, __global float *out) {                                  \
    KERNEL_PROLOGUE                                                                           \
    const float rowShift = shift[row];                                                        \
    float mass = 0.0f, massCompensation = 0.0f;                                               \
    float gradient[DIM], gradientCompensation[DIM];                                           \
    for (int k = 0; k < DIM; k++) {                                                           \
        gradient[k] = 0.0f;                                                                   \
        gradientCompensation[k] = 0.0f;                                                       \
    }                                                                                         \
    FOR_EACH_TILE(h, {                                                                   \
        float tileMass = 0.0f, tileGradient[DIM];                                             \
        for (int k = 0; k < DIM; k++) {                                                       \
            tileGradient[k] = 0.0f;                                                           \
        }                                                                                     \
        for (int j = 0; j < count; j++) {                                                     \
            float d2 = squared_distance(xi, tile_y + j * DIM);                                \
            float c = COST(d2);                                                               \
            float p = exp(tile_weight[j] - c * invEps + rowShift);                            \
            float factor = p * GRADIENT_FACTOR(d2, c);                                        \
            tileMass += p;                                                                    \
            for (int k = 0; k < DIM; k++) {                                                   \
                tileGradient[k] = fma(factor, xi[k] - tile_y[j * DIM + k], tileGradient[k]);  \
            }                                                                                 \
        }                                                                                     \
        compensated_add(&mass, &massCompensation, tileMass);                                  \
        for (int k = 0; k < DIM; k++) {                                                       \
            compensated_add(&gradient[k], &gradientCompensation[k], tileGradient[k]);         \
        }                                                                                     \
    })                                                                                        \
    if (active) {                                                                             \
        float inverseMass = mass > 0.0f ? 1.0f / mass : 0.0f;                                 \
        for (int k = 0; k < DIM; k++) {                                                       \
            out[i * DIM + k] = gradient[k] * inverseMass;                                     \
        }                                                                                     \
    }                                                                                         \
}

SOFTMIN_GRADIENT_KERNEL(softmin_gradient_half_squared_euclidean, COST_HALF_SQUARED,
                        GRADIENT_FACTOR_HALF_SQUARED)
SOFTMIN_GRADIENT_KERNEL(softmin_gradient_euclidean, COST_EUCLIDEAN, GRADIENT_FACTOR_EUCLIDEAN)

// kernelSum: out_i = sum_j w_j k(|x_i - y_j|^2 / sigma^2).
#define KERNEL_SUM_KERNEL(NAME, VALUE)                                                        \
__kernel __attribute__((reqd_work_group_size(TILE, 1, 1)))                                    \
void NAME(__global const float *x, __global const float *y, __global const float *w,         \
          const float invSigma2, __global const int4 *work, __global const int *ranges,      \
          __global float *out) {                                                              \
    KERNEL_PROLOGUE                                                                           \
    float sum = 0.0f, compensation = 0.0f;                                                    \
    FOR_EACH_TILE(w, {                                                                   \
        float tileSum = 0.0f;                                                                 \
        for (int j = 0; j < count; j++) {                                                     \
            float r2 = squared_distance(xi, tile_y + j * DIM) * invSigma2;                    \
            tileSum = fma(tile_weight[j], VALUE(r2), tileSum);                                \
        }                                                                                     \
        compensated_add(&sum, &compensation, tileSum);                                        \
    })                                                                                        \
    if (active) {                                                                             \
        out[i] = sum;                                                                         \
    }                                                                                         \
}

KERNEL_SUM_KERNEL(kernel_sum_gaussian, VALUE_GAUSSIAN)
KERNEL_SUM_KERNEL(kernel_sum_laplacian, VALUE_LAPLACIAN)
KERNEL_SUM_KERNEL(kernel_sum_energy, VALUE_ENERGY)

// kernelGradient: out_i = sum_j w_j s(r2_ij) (x_i - y_j) / sigma^2.
#define KERNEL_GRADIENT_KERNEL(NAME, GRADIENT_FACTOR)                                         \
__kernel __attribute__((reqd_work_group_size(TILE, 1, 1)))                                    \
void NAME(__global const float *x, __global const float *y, __global const float *w,         \
          const float invSigma2, __global const int4 *work, __global const int *ranges,      \
          __global float *out) {                                                              \
    KERNEL_PROLOGUE                                                                           \
    float gradient[DIM], gradientCompensation[DIM];                                           \
    for (int k = 0; k < DIM; k++) {                                                           \
        gradient[k] = 0.0f;                                                                   \
        gradientCompensation[k] = 0.0f;                                                       \
    }                                                                                         \
    FOR_EACH_TILE(w, {                                                                   \
        float tileGradient[DIM];                                                              \
        for (int k = 0; k < DIM; k++) {                                                       \
            tileGradient[k] = 0.0f;                                                           \
        }                                                                                     \
        for (int j = 0; j < count; j++) {                                                     \
            float r2 = squared_distance(xi, tile_y + j * DIM) * invSigma2;                    \
            float factor = tile_weight[j] * GRADIENT_FACTOR(r2) * invSigma2;                  \
            for (int k = 0; k < DIM; k++) {                                                   \
                tileGradient[k] = fma(factor, xi[k] - tile_y[j * DIM + k], tileGradient[k]);  \
            }                                                                                 \
        }                                                                                     \
        for (int k = 0; k < DIM; k++) {                                                       \
            compensated_add(&gradient[k], &gradientCompensation[k], tileGradient[k]);         \
        }                                                                                     \
    })                                                                                        \
    if (active) {                                                                             \
        for (int k = 0; k < DIM; k++) {                                                       \
            out[i * DIM + k] = gradient[k];                                                   \
        }                                                                                     \
    }                                                                                         \
}

KERNEL_GRADIENT_KERNEL(kernel_gradient_gaussian, GRADIENT_FACTOR_GAUSSIAN)
KERNEL_GRADIENT_KERNEL(kernel_gradient_laplacian, GRADIENT_FACTOR_LAPLACIAN)
KERNEL_GRADIENT_KERNEL(kernel_gradient_energy, GRADIENT_FACTOR_ENERGY)
