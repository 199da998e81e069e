// sgemm: cache-blocked and packed (Goto), with an MR x NR register-blocked micro-kernel on the portable
// vectors of simd.h: 8 x 32 with AVX-512 (16 zmm accumulators), 6 x 16 with AVX2, 6 x 8 with 4-lane
// SIMD (SSE, WebAssembly SIMD128). Per k it loads two vectors of B, broadcasts MR values of A and
// issues 2*MR fused multiply-adds.
//
// Loop nest: for each NC-wide column block of op(B), for each KC-deep slice of K, pack the KC x NC
// block of op(B) into NR-wide micro-panels; for each MC-tall row block of op(A), pack it into MR-tall
// micro-panels; then every MR x NR tile of C gets one micro-kernel call. Packing absorbs the
// transposes and zero-pads ragged edges, so the micro-kernel never branches.
//
// Summation order (what makes results independent of the SIMD width and the thread count): every
// C[i][j] sums its K products in slices of kKC (a constant of every build), each slice in k order
// from zero, the slices added to C in order. Threads split C into disjoint column (or row) blocks.
#include "engine/kernels/gemm.h"
#include "engine/kernels/isa.h"

#include <algorithm>

#include "engine/kernels/gemm_micro.h"
#include "engine/kernels/simd.h"
#include "engine/parallel.h"

LL_KERNELS_BEGIN

namespace {

constexpr int kVW = simd::kVecWidth;
constexpr int kNV = 2;                       // micro-tile columns: two vectors
constexpr int kNR = kNV * kVW;
constexpr int kMR = kVW == 16 ? 8 : kVW == 8 ? 6 : 4;  // micro-tile rows: 2*MR accumulators fit the registers
                                                     // (SIMD128: see conv_implicit.cpp)
constexpr int kKC = gemm::kKC;               // depth of a packed slice: fixed for every target
constexpr int kMC = kMR * 16;                // rows of a packed A block: 128 or 96
constexpr int kNC = 1024;                    // columns of a packed B block (multiple of kNR)

alignas(64) thread_local float t_apack[kMC * kKC];
alignas(64) thread_local float t_bpack[kKC * kNC];

// Packs op(A)[i0 : i0+mc, k0 : k0+kc] into micro-panels: panel r holds rows r*MR.., stored k-major
// (MR values per k), rows past mc zero.
void pack_a(bool trans, const float* A, int lda, int i0, int k0, int mc, int kc, float* out) {
    for (int r = 0; r < mc; r += kMR) {
        const int rows = std::min(kMR, mc - r);
        float* panel = out + size_t(r) * kc;
        if (trans) {
            // op(A)(i, k) = A[k][i]: MR consecutive floats of each stored row.
            for (int k = 0; k < kc; ++k) {
                const float* src = A + size_t(k0 + k) * lda + i0 + r;
                float* dst = panel + size_t(k) * kMR;
                for (int i = 0; i < rows; ++i) dst[i] = src[i];
                for (int i = rows; i < kMR; ++i) dst[i] = 0.0f;
            }
        } else {
            for (int i = 0; i < rows; ++i) {
                const float* src = A + size_t(i0 + r + i) * lda + k0;
                for (int k = 0; k < kc; ++k) panel[size_t(k) * kMR + i] = src[k];
            }
            for (int i = rows; i < kMR; ++i)
                for (int k = 0; k < kc; ++k) panel[size_t(k) * kMR + i] = 0.0f;
        }
    }
}

// Packs op(B)[k0 : k0+kc, j0 : j0+nc] into micro-panels: panel s holds columns s*NR.., stored
// k-major (NR values per k), columns past nc zero.
void pack_b(bool trans, const float* B, int ldb, int k0, int j0, int kc, int nc, float* out) {
    for (int s = 0; s < nc; s += kNR) {
        const int cols = std::min(kNR, nc - s);
        float* panel = out + size_t(s) * kc;
        if (!trans) {
            const float* src = B + size_t(k0) * ldb + j0 + s;
            if (cols == kNR) {
                for (int k = 0; k < kc; ++k, src += ldb) {
                    simd::store(panel + size_t(k) * kNR, simd::load(src));
                    simd::store(panel + size_t(k) * kNR + kVW, simd::load(src + kVW));
                }
            } else {
                for (int k = 0; k < kc; ++k, src += ldb) {
                    float* dst = panel + size_t(k) * kNR;
                    for (int j = 0; j < cols; ++j) dst[j] = src[j];
                    for (int j = cols; j < kNR; ++j) dst[j] = 0.0f;
                }
            }
        } else {
            // op(B)(k, j) = B[j][k]: read each stored row contiguously, scatter into the panel.
            for (int j = 0; j < cols; ++j) {
                const float* src = B + size_t(j0 + s + j) * ldb + k0;
                for (int k = 0; k < kc; ++k) panel[size_t(k) * kNR + j] = src[k];
            }
            for (int j = cols; j < kNR; ++j)
                for (int k = 0; k < kc; ++k) panel[size_t(k) * kNR + j] = 0.0f;
        }
    }
}

// C = beta * C for beta other than 0 and 1 (0 is folded into the first slice's overwrite).
void scale_c(int M, int N, float beta, float* C, int ldc) {
    for (int i = 0; i < M; ++i) {
        float* row = C + size_t(i) * ldc;
        for (int j = 0; j < N; ++j) row[j] *= beta;
    }
}

void zero_c(int M, int N, float* C, int ldc) {
    for (int i = 0; i < M; ++i) std::fill(C + size_t(i) * ldc, C + size_t(i) * ldc + N, 0.0f);
}

// One thread's sgemm on the whole of C (the blocked loop nest described above).
void sgemm_serial(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
                  const float* B, int ldb, float beta, float* C, int ldc) {
    if (K <= 0 || alpha == 0.0f) {
        if (beta == 0.0f) zero_c(M, N, C, ldc);
        else if (beta != 1.0f) scale_c(M, N, beta, C, ldc);
        return;
    }
    if (beta != 0.0f && beta != 1.0f) scale_c(M, N, beta, C, ldc);
    for (int jc = 0; jc < N; jc += kNC) {
        const int nc = std::min(kNC, N - jc);
        for (int pc = 0; pc < K; pc += kKC) {
            const int kc = std::min(kKC, K - pc);
            const bool overwrite = pc == 0 && beta == 0.0f;
            pack_b(trans_b, B, ldb, pc, jc, kc, nc, t_bpack);
            for (int ic = 0; ic < M; ic += kMC) {
                const int mc = std::min(kMC, M - ic);
                pack_a(trans_a, A, lda, ic, pc, mc, kc, t_apack);
                // B micro-panel outer, A micro-panel inner: the B panel stays in L1 across the sweep.
                for (int jr = 0; jr < nc; jr += kNR) {
                    const float* bp = t_bpack + size_t(jr) * kc;
                    for (int ir = 0; ir < mc; ir += kMR) {
                        const float* ap = t_apack + size_t(ir) * kc;
                        float* c = C + size_t(ic + ir) * ldc + jc + jr;
                        gemm::micro_tile<kMR, kNV>(kc, gemm::PackedA<kMR>{ap}, gemm::PackedB<kNV>{bp}, alpha, c,
                                                   ldc, std::min(kMR, mc - ir), std::min(kNR, nc - jr), overwrite);
                    }
                }
            }
        }
    }
}

}  // namespace

// Split C among the threads into whole micro-tile column blocks (or row blocks when C is narrow); each
// block is an independent serial sgemm, so every element's summation is the serial one.
void sgemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
           const float* B, int ldb, float beta, float* C, int ldc) {
    if (M <= 0 || N <= 0) return;
    const int threads = num_threads();
    const double work = double(M) * N * std::max(K, 1);
    // Below ~2M multiply-adds each thread's packing of the shared operand costs more than the split
    // saves (tiny's 64x784x10 classifier took 96 us on two threads against 36 on one).
    if (threads <= 1 || work < 1 << 21) {
        sgemm_serial(trans_a, trans_b, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
        return;
    }
    const int col_blocks = (N + kNR - 1) / kNR, row_blocks = (M + kMR - 1) / kMR;
    if (col_blocks >= 2 * threads || col_blocks >= row_blocks) {
        parallel_for(0, col_blocks, 1, [&](int64_t lo, int64_t hi) {
            const int j0 = int(lo) * kNR, j1 = std::min(N, int(hi) * kNR);
            const float* Bj = trans_b ? B + size_t(j0) * ldb : B + j0;
            sgemm_serial(trans_a, trans_b, M, j1 - j0, K, alpha, A, lda, Bj, ldb, beta, C + j0, ldc);
        });
    } else {
        parallel_for(0, row_blocks, 1, [&](int64_t lo, int64_t hi) {
            const int i0 = int(lo) * kMR, i1 = std::min(M, int(hi) * kMR);
            const float* Ai = trans_a ? A + i0 : A + size_t(i0) * lda;
            sgemm_serial(trans_a, trans_b, i1 - i0, N, K, alpha, Ai, lda, B, ldb, beta, C + size_t(i0) * ldc, ldc);
        });
    }
}

void sgemm_naive(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
                 const float* B, int ldb, float beta, float* C, int ldc) {
    for (int i = 0; i < M; ++i) {
        for (int j = 0; j < N; ++j) {
            double s = 0.0;
            for (int k = 0; k < K; ++k) {
                const float a = trans_a ? A[size_t(k) * lda + i] : A[size_t(i) * lda + k];
                const float b = trans_b ? B[size_t(j) * ldb + k] : B[size_t(k) * ldb + j];
                s += double(a) * double(b);
            }
            float& c = C[size_t(i) * ldc + j];
            c = float(alpha * s) + (beta == 0.0f ? 0.0f : beta * c);
        }
    }
}

LL_KERNELS_END
