// The public kernel functions of the portable x86-64 build (kernels/isa.h): each one calls the copy of
// the kernel compiled for the widest instruction set this processor runs, chosen on the first call.
// A kernel added to a kernels/*.cpp file gets its line in LL_KERNEL_FUNCTIONS and its forwarder here;
// the linker names any one that is missing.
#include "engine/kernels/isa.h"

#include "engine/kernels/conv_implicit.h"
#include "engine/kernels/conv_kernels.h"
#include "engine/kernels/gemm.h"
#include "engine/kernels/norm_kernels.h"
#include "engine/kernels/pool_kernels.h"

#if !defined(LAYERLAB_KERNEL_DISPATCH)

namespace ll {

const char* kernel_isa() { return "compiled"; }
int kernel_vector_width() {
#if defined(LAYERLAB_SIMD_WIDTH)
    return LAYERLAB_SIMD_WIDTH;
#elif defined(__AVX512F__)
    return 16;
#elif defined(__AVX__)
    return 8;
#else
    return 4;
#endif
}
// GCC contracts where the target has FMA (__FP_FAST_FMAF); clang's builds pass -ffp-contract=off.
bool kernels_fuse_multiply_add() {
#if defined(__FP_FAST_FMAF) && !defined(__clang__)
    return true;
#else
    return false;
#endif
}

}  // namespace ll

#else

#include <cstdio>
#include <cstdlib>
#include <cstring>

#define LL_KERNEL_FUNCTIONS(X) \
    X(sgemm) \
    X(sgemm_naive) \
    X(valid_range) \
    X(im2col) \
    X(col2im) \
    X(conv2d_cols_size) \
    X(conv_transpose2d_cols_size) \
    X(conv2d_forward) \
    X(conv2d_backward) \
    X(conv_transpose2d_forward) \
    X(conv_transpose2d_backward) \
    X(conv2d_implicit_ok) \
    X(conv2d_implicit_workspace) \
    X(conv2d_implicit_forward) \
    X(conv2d_implicit_backward) \
    X(channel_moments) \
    X(row_moments) \
    X(inv_std) \
    X(running_update) \
    X(channel_normalize) \
    X(row_normalize) \
    X(affine_forward) \
    X(affine_backward) \
    X(channel_norm_backward) \
    X(row_norm_backward) \
    X(channel_scale) \
    X(batch_norm_forward) \
    X(channel_normalize_affine) \
    X(batch_norm_backward) \
    X(lrn_forward) \
    X(lrn_backward) \
    X(pool_output_size) \
    X(max_pool2d_forward) \
    X(max_pool2d_backward) \
    X(avg_pool2d_forward) \
    X(avg_pool2d_backward) \
    X(adaptive_avg_pool2d_forward) \
    X(adaptive_avg_pool2d_backward)

namespace ll {

// Each copy's functions, declared with the public function's type.
#define LL_DECLARE(f) decltype(::ll::f) f;
namespace avx512 {
LL_KERNEL_FUNCTIONS(LL_DECLARE)
}
namespace avx2 {
LL_KERNEL_FUNCTIONS(LL_DECLARE)
}
namespace sse {
LL_KERNEL_FUNCTIONS(LL_DECLARE)
}
#undef LL_DECLARE

namespace {

#if defined(__clang__)
constexpr bool kClang = true;  // CMakeLists.txt: -ffp-contract=off
#else
constexpr bool kClang = false;
#endif

struct Kernels {
    const char* isa;
    int width;
    bool fused;
#define LL_MEMBER(f) decltype(&::ll::f) f;
    LL_KERNEL_FUNCTIONS(LL_MEMBER)
#undef LL_MEMBER
};

#define LL_AVX512(f) &avx512::f,
#define LL_AVX2(f) &avx2::f,
#define LL_SSE(f) &sse::f,
const Kernels kAvx512 = {"avx512", 16, !kClang, LL_KERNEL_FUNCTIONS(LL_AVX512)};
const Kernels kAvx2 = {"avx2", 8, !kClang, LL_KERNEL_FUNCTIONS(LL_AVX2)};
const Kernels kSse = {"sse", 4, false, LL_KERNEL_FUNCTIONS(LL_SSE)};
#undef LL_AVX512
#undef LL_AVX2
#undef LL_SSE

// -march=x86-64-v4 and -v3 (CMakeLists.txt) as the processor reports them; libgcc's checks include
// the operating system's support for the wide registers.
bool runs_avx512() {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512cd");
}
bool runs_avx2() {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi") &&
           __builtin_cpu_supports("bmi2");
}

const Kernels& choose() {
    __builtin_cpu_init();
    const Kernels* best = runs_avx512() ? &kAvx512 : runs_avx2() ? &kAvx2 : &kSse;
    // LAYERLAB_SIMD narrows the choice (tests/same_bits.sh runs every copy); it never widens it past
    // what the processor runs.
    if (const char* want = std::getenv("LAYERLAB_SIMD"); want && *want) {
        const Kernels* asked = !std::strcmp(want, "avx512") ? &kAvx512
                               : !std::strcmp(want, "avx2") ? &kAvx2
                               : !std::strcmp(want, "sse")  ? &kSse
                                                            : nullptr;
        if (!asked)
            std::fprintf(stderr, "layerlab: LAYERLAB_SIMD=%s is not one of avx512, avx2, sse; using %s\n", want, best->isa);
        else if (asked->width > best->width)
            std::fprintf(stderr, "layerlab: this processor does not run %s kernels; using %s\n", want, best->isa);
        else
            best = asked;
    }
    return *best;
}

const Kernels& active() {
    static const Kernels& k = choose();
    return k;
}

}  // namespace

const char* kernel_isa() { return active().isa; }
int kernel_vector_width() { return active().width; }
bool kernels_fuse_multiply_add() { return active().fused; }

void sgemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda, const float* B,
           int ldb, float beta, float* C, int ldc) {
    active().sgemm(trans_a, trans_b, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}
void sgemm_naive(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
                 const float* B, int ldb, float beta, float* C, int ldc) {
    active().sgemm_naive(trans_a, trans_b, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}
void valid_range(int O, int I, int S, int P, int kd, int& lo, int& hi) { active().valid_range(O, I, S, P, kd, lo, hi); }
void im2col(float* cols, const float* img, const ColGeom& g) { active().im2col(cols, img, g); }
void col2im(float* img, const float* cols, const ColGeom& g) { active().col2im(img, cols, g); }
size_t conv2d_cols_size(const ConvDims& d) { return active().conv2d_cols_size(d); }
size_t conv_transpose2d_cols_size(const ConvDims& d) { return active().conv_transpose2d_cols_size(d); }
void conv2d_forward(float* y, const float* x, const float* w, const float* b, float* cols, const ConvDims& d) {
    active().conv2d_forward(y, x, w, b, cols, d);
}
void conv2d_backward(float* dx, float* dw, float* db, const float* dy, const float* x, const float* w, float* cols,
                     const ConvDims& d) {
    active().conv2d_backward(dx, dw, db, dy, x, w, cols, d);
}
void conv_transpose2d_forward(float* y, const float* x, const float* w, const float* b, float* cols,
                              const ConvDims& d) {
    active().conv_transpose2d_forward(y, x, w, b, cols, d);
}
void conv_transpose2d_backward(float* dx, float* dw, float* db, const float* dy, const float* x, const float* w,
                               float* cols, const ConvDims& d) {
    active().conv_transpose2d_backward(dx, dw, db, dy, x, w, cols, d);
}
bool conv2d_implicit_ok(const ConvDims& d) { return active().conv2d_implicit_ok(d); }
size_t conv2d_implicit_workspace(const ConvDims& d, int threads) {
    return active().conv2d_implicit_workspace(d, threads);
}
void conv2d_implicit_forward(float* y, const float* x, const float* w, const float* b, float* ws, const ConvDims& d) {
    active().conv2d_implicit_forward(y, x, w, b, ws, d);
}
void conv2d_implicit_backward(float* dx, float* dw, float* db, const float* dy, const float* x, const float* w,
                              float* ws, const ConvDims& d) {
    active().conv2d_implicit_backward(dx, dw, db, dy, x, w, ws, d);
}
void channel_moments(float* mean, float* var, const float* x, int N, int C, int S) {
    active().channel_moments(mean, var, x, N, C, S);
}
void row_moments(float* mean, float* var, const float* x, int R, int M) { active().row_moments(mean, var, x, R, M); }
void inv_std(float* rstd, const float* var, int n, float eps) { active().inv_std(rstd, var, n, eps); }
void running_update(float* running, const float* batch, int n, double f, double batch_scale) {
    active().running_update(running, batch, n, f, batch_scale);
}
void channel_normalize(float* x_hat, const float* x, const float* mean, const float* rstd, int N, int C, int S) {
    active().channel_normalize(x_hat, x, mean, rstd, N, C, S);
}
void row_normalize(float* x_hat, const float* x, const float* mean, const float* rstd, int R, int M) {
    active().row_normalize(x_hat, x, mean, rstd, R, M);
}
void affine_forward(float* y, const float* x_hat, const float* gamma, const float* beta, int N, int C, int S) {
    active().affine_forward(y, x_hat, gamma, beta, N, C, S);
}
void affine_backward(float* dxh, float* dgamma, float* dbeta, const float* dy, const float* x_hat, const float* gamma,
                     int N, int C, int S) {
    active().affine_backward(dxh, dgamma, dbeta, dy, x_hat, gamma, N, C, S);
}
void channel_norm_backward(float* dx, const float* dxh, const float* x_hat, const float* rstd, int N, int C, int S) {
    active().channel_norm_backward(dx, dxh, x_hat, rstd, N, C, S);
}
void row_norm_backward(float* dx, const float* dxh, const float* x_hat, const float* rstd, int R, int M) {
    active().row_norm_backward(dx, dxh, x_hat, rstd, R, M);
}
void channel_scale(float* dx, const float* dxh, const float* rstd, int N, int C, int S) {
    active().channel_scale(dx, dxh, rstd, N, C, S);
}
void batch_norm_forward(float* y, float* x_hat, float* mean, float* var, float* rstd, const float* x,
                        const float* gamma, const float* beta, int N, int C, int S, float eps, bool batch_stats) {
    active().batch_norm_forward(y, x_hat, mean, var, rstd, x, gamma, beta, N, C, S, eps, batch_stats);
}
void channel_normalize_affine(float* y, float* x_hat, const float* x, const float* mean, const float* rstd,
                              const float* gamma, const float* beta, int N, int C, int S) {
    active().channel_normalize_affine(y, x_hat, x, mean, rstd, gamma, beta, N, C, S);
}
void batch_norm_backward(float* dx, float* dgamma, float* dbeta, const float* dy, const float* x_hat,
                         const float* gamma, const float* rstd, int N, int C, int S, bool batch_stats) {
    active().batch_norm_backward(dx, dgamma, dbeta, dy, x_hat, gamma, rstd, N, C, S, batch_stats);
}
void lrn_forward(float* y, float* scale, const float* x, int N, int C, int S, int size, float alpha, float beta,
                 float k) {
    active().lrn_forward(y, scale, x, N, C, S, size, alpha, beta, k);
}
void lrn_backward(float* dx, float* work, const float* dy, const float* x, const float* y, const float* scale, int N,
                  int C, int S, int size, float alpha, float beta) {
    active().lrn_backward(dx, work, dy, x, y, scale, N, C, S, size, alpha, beta);
}
int pool_output_size(int in, int k, int pad, int stride, int dilation, bool ceil_mode) {
    return active().pool_output_size(in, k, pad, stride, dilation, ceil_mode);
}
void max_pool2d_forward(float* y, int32_t* argmax, const float* x, const PoolDims& d) {
    active().max_pool2d_forward(y, argmax, x, d);
}
void max_pool2d_backward(float* dx, const float* dy, const int32_t* argmax, const PoolDims& d) {
    active().max_pool2d_backward(dx, dy, argmax, d);
}
void avg_pool2d_forward(float* y, const float* x, const PoolDims& d, bool count_include_pad, int divisor_override) {
    active().avg_pool2d_forward(y, x, d, count_include_pad, divisor_override);
}
void avg_pool2d_backward(float* dx, const float* dy, const PoolDims& d, bool count_include_pad, int divisor_override) {
    active().avg_pool2d_backward(dx, dy, d, count_include_pad, divisor_override);
}
void adaptive_avg_pool2d_forward(float* y, const float* x, const PoolDims& d) {
    active().adaptive_avg_pool2d_forward(y, x, d);
}
void adaptive_avg_pool2d_backward(float* dx, const float* dy, const PoolDims& d) {
    active().adaptive_avg_pool2d_backward(dx, dy, d);
}

}  // namespace ll

#endif
