// OpenCL C kernels of org.geomloss.kernels.PointKernels (see OpenClPointKernels for the maths).
//
// Built once per device and dimension with -D DIM=<D> -D TILE=<work-group size> -D VEC=<lanes>.
//
// Layout shared by every kernel:
//  - x: N x DIM targets, y: M x DIM sources, row-major float32.
//  - work[g] = (rowFrom, rowTo, rangeFrom, rangeTo): work-group g reduces rows [rowFrom, rowTo)
//    (at most TILE of them, one per work-item) over the kept column ranges
//    ranges[2r] .. ranges[2r+1] for r in [rangeFrom, rangeTo) (a BlockSparsity, dense = one range).
//  - Columns stream through local memory in tiles of TILE points, loaded cooperatively (every
//    work-item loads one column, coordinate-major so that VEC consecutive columns are one vector
//    load), then every work-item reads the whole tile. Slots past the end of a range hold a padding
//    column whose weight (h = -infinity, w = 0) makes its term exactly 0.
//  - Each work-item walks its tile VEC columns at a time, with VEC independent accumulators (lanes)
//    that are combined at the end. VEC = 1 on GPUs (their SIMT lanes are the work-items); on CPUs
//    VEC is the preferred float vector width (16 with AVX-512), since CPU OpenCL compilers such as
//    PoCL do not vectorise across work-items when a kernel has an inner loop.
//  - Each lane accumulates one tile in plain float (at most TILE / VEC terms), then adds the tile's
//    partial into its running total with Kahan compensation, so that the float32 rounding error
//    grows with the tile length plus (columns / TILE), not with the number of columns.
//  - Squared distances are sums of squared coordinate differences, never |x|^2 - 2<x,y> + |y|^2.
//
// No -cl-fast-relaxed-math: the log-sum-exp relies on infinities and Kahan on exact rounding.

#define FLOOR 1e-8f

#if VEC == 1
typedef float floatV;
#define LOAD_V(pointer) (*(pointer))
#define STORE_V(value, pointer) (*(pointer) = (value))
#else
#define CONCAT_(a, b) a##b
#define CONCAT(a, b) CONCAT_(a, b)
typedef CONCAT(float, VEC) floatV;
#define LOAD_V(pointer) CONCAT(vload, VEC)(0, pointer)
#define STORE_V(value, pointer) CONCAT(vstore, VEC)(value, 0, pointer)
#endif
#define ZERO ((floatV)(0.0f))
#define ONE ((floatV)(1.0f))

// GroundCost.HALF_SQUARED_EUCLIDEAN: c = d2 / 2, grad_x c = (x - y).
#define COST_HALF_SQUARED(d2) (0.5f * (d2))
#define GRADIENT_FACTOR_HALF_SQUARED(d2, c) ONE
// GroundCost.EUCLIDEAN: c = sqrt(max(d2, 1e-8)), grad_x c = (x - y) / c, 0 where clamped.
#define COST_EUCLIDEAN(d2) sqrt(fmax((d2), FLOOR))
#define GRADIENT_FACTOR_EUCLIDEAN(d2, c) (((d2) < FLOOR) ? ZERO : ONE / (c))

// RadialKernel values k(r2) and gradient factors s(r2), r2 = d2 / sigma^2.
#define VALUE_GAUSSIAN(r2) exp(-0.5f * (r2))
#define GRADIENT_FACTOR_GAUSSIAN(r2) (-exp(-0.5f * (r2)))
#define VALUE_LAPLACIAN(r2) exp(-sqrt(fmax((r2), FLOOR)))
#define GRADIENT_FACTOR_LAPLACIAN(r2) (((r2) < FLOOR) ? ZERO : -exp(-sqrt(r2)) / sqrt(r2))
#define VALUE_ENERGY(r2) (-sqrt(fmax((r2), FLOOR)))
#define GRADIENT_FACTOR_ENERGY(r2) (((r2) < FLOOR) ? ZERO : -ONE / sqrt(r2))

// Kahan-compensated sum += value, lane by lane; the compensated total is sum - compensation.
inline void compensated_add(floatV *sum, floatV *compensation, floatV value) {
    floatV corrected = value - *compensation;
    floatV next = *sum + corrected;
    *compensation = (next - *sum) - corrected;
    *sum = next;
}

// The sum of the lanes of v.
inline float lane_sum(floatV v) {
    float lanes[VEC];
    STORE_V(v, lanes);
    float total = 0.0f;
    for (int l = 0; l < VEC; l++) {
        total += lanes[l];
    }
    return total;
}

// Squared distances between xi and the VEC tile columns starting at slot j; the differences are
// left in diff[k] for the gradients.
inline floatV squared_distances(const float *xi, __local const float *tile_y, int j, floatV *diff) {
    floatV d2 = ZERO;
    for (int k = 0; k < DIM; k++) {
        diff[k] = xi[k] - LOAD_V(tile_y + k * TILE + j);
        d2 = fma(diff[k], diff[k], d2);
    }
    return d2;
}

// Prologue of every kernel: the local tile, this work-item's job and row, x_i in registers.
// Work-items past rowTo compute on row rowFrom and write nothing, so that all reach the barriers.
#define KERNEL_PROLOGUE                                                                        \
    __local float tile_y[TILE * DIM];                                                          \
    __local float tile_weight[TILE];                                                           \
    const int lid = get_local_id(0);                                                           \
    const int4 job = work[get_group_id(0)];                                                    \
    const int i = job.x + lid;                                                                 \
    const bool active = i < job.y;                                                             \
    const int row = active ? i : job.x;                                                        \
    float xi[DIM];                                                                             \
    floatV diff[DIM];                                                                          \
    for (int k = 0; k < DIM; k++) {                                                            \
        xi[k] = x[row * DIM + k];                                                              \
    }

// The loop nest every kernel shares: tiles of the kept column ranges, loaded into local memory with
// PADDING as the weight of empty slots; the body (the variadic argument, so that it may contain
// commas) reduces the tile's first `count` columns, rounded up to whole vectors as `span`.
#define FOR_EACH_TILE(WEIGHTS, PADDING, ...)                                                   \
    for (int r = job.z; r < job.w; r++) {                                                      \
        const int columnEnd = ranges[2 * r + 1];                                               \
        for (int first = ranges[2 * r]; first < columnEnd; first += TILE) {                    \
            const int count = min(TILE, columnEnd - first);                                    \
            const int span = (count + VEC - 1) / VEC * VEC;                                    \
            barrier(CLK_LOCAL_MEM_FENCE);                                                      \
            const bool real = lid < count;                                                     \
            for (int k = 0; k < DIM; k++) {                                                    \
                tile_y[k * TILE + lid] = real ? y[(first + lid) * DIM + k] : 0.0f;             \
            }                                                                                  \
            tile_weight[lid] = real ? WEIGHTS[first + lid] : (PADDING);                        \
            barrier(CLK_LOCAL_MEM_FENCE);                                                      \
            __VA_ARGS__                                                                        \
        }                                                                                      \
    }

// softmin: out[i] = (m, s) with sum_j exp(h_j - c_ij / eps) = s * exp(m); the host returns
// -eps * (m + log s). Online log-sum-exp per lane: the running maximum only grows; one exp per
// pair (exp(-|s - m|), then either rescale the sum or add the term), no branch. The maximum starts
// at -FLT_MAX rather than -infinity, so that terms of weight exp(-infinity) (padding, h_j =
// -infinity) give exp(-infinity) = 0 and never infinity - infinity; a row without any finite term
// ends with s = 0, which the host turns into +infinity.
#define SOFTMIN_KERNEL(NAME, COST)                                                             \
__kernel __attribute__((reqd_work_group_size(TILE, 1, 1)))                                     \
void NAME(__global const float *x, __global const float *y, __global const float *h,          \
          const float invEps, __global const int4 *work, __global const int *ranges,          \
          __global float2 *out) {                                                              \
    KERNEL_PROLOGUE                                                                            \
    floatV runningMax = (floatV)(-FLT_MAX), sum = ZERO, compensation = ZERO;                   \
    FOR_EACH_TILE(h, -INFINITY, {                                                              \
        floatV tileMax = runningMax, tileSum = ZERO;                                           \
        for (int j = 0; j < span; j += VEC) {                                                  \
            floatV d2 = squared_distances(xi, tile_y, j, diff);                                \
            floatV s = LOAD_V(tile_weight + j) - COST(d2) * invEps;                            \
            floatV larger = fmax(tileMax, s);                                                  \
            floatV e = exp(fmin(tileMax, s) - larger);                                         \
            tileSum = (s > tileMax) ? fma(tileSum, e, ONE) : tileSum + e;                      \
            tileMax = larger;                                                                  \
        }                                                                                      \
        floatV scale = exp(runningMax - tileMax);                                              \
        sum *= scale;                                                                          \
        compensation *= scale;                                                                 \
        runningMax = tileMax;                                                                  \
        compensated_add(&sum, &compensation, tileSum);                                         \
    })                                                                                         \
    float lanesMax[VEC], lanesSum[VEC];                                                        \
    STORE_V(runningMax, lanesMax);                                                             \
    STORE_V(sum - compensation, lanesSum);                                                     \
    float rowMax = -FLT_MAX;                                                                   \
    for (int l = 0; l < VEC; l++) {                                                            \
        rowMax = fmax(rowMax, lanesMax[l]);                                                    \
    }                                                                                          \
    float rowSum = 0.0f;                                                                       \
    for (int l = 0; l < VEC; l++) {                                                            \
        rowSum += lanesSum[l] * exp(lanesMax[l] - rowMax);                                     \
    }                                                                                          \
    if (active) {                                                                              \
        out[i] = (float2)(rowMax, rowSum);                                                     \
    }                                                                                          \
}

SOFTMIN_KERNEL(softmin_half_squared_euclidean, COST_HALF_SQUARED)
SOFTMIN_KERNEL(softmin_euclidean, COST_EUCLIDEAN)

// softminGradient: out_i = sum_j P_ij grad c / sum_j P_ij with
// P_ij = exp(h_j - c_ij / eps + shift_i), shift_i = softmin_i / eps. For the matching softmin the
// denominator is 1 in exact arithmetic; dividing by it removes the float32 rounding of shift_i,
// which is common to the whole row. A row without columns gives 0.
#define SOFTMIN_GRADIENT_KERNEL(NAME, COST, GRADIENT_FACTOR)                                   \
__kernel __attribute__((reqd_work_group_size(TILE, 1, 1)))                                     \
void NAME(__global const float *x, __global const float *y, __global const float *h,          \
          const float invEps, __global const float *shift, __global const int4 *work,         \
          __global const int *ranges, __global float *out) {                                   \
    KERNEL_PROLOGUE                                                                            \
    const float rowShift = shift[row];                                                         \
    floatV mass = ZERO, massCompensation = ZERO;                                               \
    floatV gradient[DIM], gradientCompensation[DIM];                                           \
    for (int k = 0; k < DIM; k++) {                                                            \
        gradient[k] = ZERO;                                                                    \
        gradientCompensation[k] = ZERO;                                                        \
    }                                                                                          \
    FOR_EACH_TILE(h, -INFINITY, {                                                              \
        floatV tileMass = ZERO, tileGradient[DIM];                                             \
        for (int k = 0; k < DIM; k++) {                                                        \
            tileGradient[k] = ZERO;                                                            \
        }                                                                                      \
        for (int j = 0; j < span; j += VEC) {                                                  \
            floatV d2 = squared_distances(xi, tile_y, j, diff);                                \
            floatV c = COST(d2);                                                               \
            floatV p = exp(LOAD_V(tile_weight + j) - c * invEps + rowShift);                   \
            floatV factor = p * GRADIENT_FACTOR(d2, c);                                        \
            tileMass += p;                                                                     \
            for (int k = 0; k < DIM; k++) {                                                    \
                tileGradient[k] = fma(factor, diff[k], tileGradient[k]);                       \
            }                                                                                  \
        }                                                                                      \
        compensated_add(&mass, &massCompensation, tileMass);                                   \
        for (int k = 0; k < DIM; k++) {                                                        \
            compensated_add(&gradient[k], &gradientCompensation[k], tileGradient[k]);          \
        }                                                                                      \
    })                                                                                         \
    if (active) {                                                                              \
        float rowMass = lane_sum(mass - massCompensation);                                     \
        float inverseMass = rowMass > 0.0f ? 1.0f / rowMass : 0.0f;                            \
        for (int k = 0; k < DIM; k++) {                                                        \
            out[i * DIM + k] = lane_sum(gradient[k] - gradientCompensation[k]) * inverseMass;  \
        }                                                                                      \
    }                                                                                          \
}

SOFTMIN_GRADIENT_KERNEL(softmin_gradient_half_squared_euclidean, COST_HALF_SQUARED,
                        GRADIENT_FACTOR_HALF_SQUARED)
SOFTMIN_GRADIENT_KERNEL(softmin_gradient_euclidean, COST_EUCLIDEAN, GRADIENT_FACTOR_EUCLIDEAN)

// kernelSum: out_i = sum_j w_j k(|x_i - y_j|^2 / sigma^2).
#define KERNEL_SUM_KERNEL(NAME, VALUE)                                                         \
__kernel __attribute__((reqd_work_group_size(TILE, 1, 1)))                                     \
void NAME(__global const float *x, __global const float *y, __global const float *w,          \
          const float invSigma2, __global const int4 *work, __global const int *ranges,       \
          __global float *out) {                                                               \
    KERNEL_PROLOGUE                                                                            \
    floatV sum = ZERO, compensation = ZERO;                                                    \
    FOR_EACH_TILE(w, 0.0f, {                                                                   \
        floatV tileSum = ZERO;                                                                 \
        for (int j = 0; j < span; j += VEC) {                                                  \
            floatV r2 = squared_distances(xi, tile_y, j, diff) * invSigma2;                    \
            tileSum = fma(LOAD_V(tile_weight + j), VALUE(r2), tileSum);                        \
        }                                                                                      \
        compensated_add(&sum, &compensation, tileSum);                                         \
    })                                                                                         \
    if (active) {                                                                              \
        out[i] = lane_sum(sum - compensation);                                                 \
    }                                                                                          \
}

KERNEL_SUM_KERNEL(kernel_sum_gaussian, VALUE_GAUSSIAN)
KERNEL_SUM_KERNEL(kernel_sum_laplacian, VALUE_LAPLACIAN)
KERNEL_SUM_KERNEL(kernel_sum_energy, VALUE_ENERGY)

// kernelGradient: out_i = sum_j w_j s(r2_ij) (x_i - y_j) / sigma^2.
#define KERNEL_GRADIENT_KERNEL(NAME, GRADIENT_FACTOR)                                          \
__kernel __attribute__((reqd_work_group_size(TILE, 1, 1)))                                     \
void NAME(__global const float *x, __global const float *y, __global const float *w,          \
          const float invSigma2, __global const int4 *work, __global const int *ranges,       \
          __global float *out) {                                                               \
    KERNEL_PROLOGUE                                                                            \
    floatV gradient[DIM], gradientCompensation[DIM];                                           \
    for (int k = 0; k < DIM; k++) {                                                            \
        gradient[k] = ZERO;                                                                    \
        gradientCompensation[k] = ZERO;                                                        \
    }                                                                                          \
    FOR_EACH_TILE(w, 0.0f, {                                                                   \
        floatV tileGradient[DIM];                                                              \
        for (int k = 0; k < DIM; k++) {                                                        \
            tileGradient[k] = ZERO;                                                            \
        }                                                                                      \
        for (int j = 0; j < span; j += VEC) {                                                  \
            floatV r2 = squared_distances(xi, tile_y, j, diff) * invSigma2;                    \
            floatV factor = LOAD_V(tile_weight + j) * GRADIENT_FACTOR(r2) * invSigma2;         \
            for (int k = 0; k < DIM; k++) {                                                    \
                tileGradient[k] = fma(factor, diff[k], tileGradient[k]);                       \
            }                                                                                  \
        }                                                                                      \
        for (int k = 0; k < DIM; k++) {                                                        \
            compensated_add(&gradient[k], &gradientCompensation[k], tileGradient[k]);          \
        }                                                                                      \
    })                                                                                         \
    if (active) {                                                                              \
        for (int k = 0; k < DIM; k++) {                                                        \
            out[i * DIM + k] = lane_sum(gradient[k] - gradientCompensation[k]);                \
        }                                                                                      \
    }                                                                                          \
}

KERNEL_GRADIENT_KERNEL(kernel_gradient_gaussian, GRADIENT_FACTOR_GAUSSIAN)
KERNEL_GRADIENT_KERNEL(kernel_gradient_laplacian, GRADIENT_FACTOR_LAPLACIAN)
KERNEL_GRADIENT_KERNEL(kernel_gradient_energy, GRADIENT_FACTOR_ENERGY)
