// sgemm: cache-blocked, packed, with a 6x16 register-blocked micro-kernel written in plain C++ so the
// compiler vectorises it (g++ -O3 -march=native: 12 accumulators of 8 floats held in ymm registers,
// one broadcast of A and two loads of B per k; wasm simd128 builds get the 4-wide equivalent).
//
// Loop nest (Goto): for each NC-wide column block of op(B), for each KC-deep slice of K, pack the
// KC x NC block of op(B) into NR-wide micro-panels (fits L2/L3); for each MC-tall row block of op(A),
// pack it into MR-tall micro-panels (fits L2); then every (MR x NR) tile of C gets one micro-kernel
// call that streams one A micro-panel and one B micro-panel (KC x NR floats, L1-resident).
// Packing absorbs the transposes and zero-pads ragged edges, so the micro-kernel never branches.
#include "engine/kernels/gemm.h"

#include <algorithm>

namespace ll {

namespace {

constexpr int kMR = 6;     // micro-tile rows
constexpr int kNR = 16;    // micro-tile columns (two 8-float vectors)
constexpr int kKC = 256;   // depth of a packed slice
constexpr int kMC = 96;    // rows of a packed A block (multiple of kMR): 96 KB
constexpr int kNC = 1024;  // columns of a packed B block (multiple of kNR): 1 MB

alignas(64) thread_local float t_apack[kMC * kKC];
alignas(64) thread_local float t_bpack[kKC * kNC];

// Packs op(A)[i0 : i0+mc, k0 : k0+kc] into micro-panels: panel r holds rows r*MR.., stored k-major
// (MR values per k), rows past mc zero.
void pack_a(bool trans, const float* A, int lda, int i0, int k0, int mc, int kc, float* out) {
    for (int r = 0; r < mc; r += kMR) {
        const int rows = std::min(kMR, mc - r);
        for (int k = 0; k < kc; ++k) {
            float* dst = out + size_t(r) * kc + size_t(k) * kMR;
            for (int i = 0; i < rows; ++i) {
                const int gi = i0 + r + i, gk = k0 + k;
                dst[i] = trans ? A[size_t(gk) * lda + gi] : A[size_t(gi) * lda + gk];
            }
            for (int i = rows; i < kMR; ++i) dst[i] = 0.0f;
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
            for (int k = 0; k < kc; ++k) {
                const float* src = B + size_t(k0 + k) * ldb + j0 + s;
                float* dst = panel + size_t(k) * kNR;
                for (int j = 0; j < cols; ++j) dst[j] = src[j];
                for (int j = cols; j < kNR; ++j) dst[j] = 0.0f;
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

// C[0:m, 0:n] += alpha * sum_k a[k][0:MR] (outer) b[k][0:NR]. a, b are packed micro-panels.
// The fixed trip counts let the compiler unroll i and j fully and keep acc in vector registers.
inline void micro_kernel(int kc, const float* __restrict a, const float* __restrict b, float alpha,
                         float* __restrict c, int ldc, int m, int n) {
    float acc[kMR][kNR];
    for (int i = 0; i < kMR; ++i)
        for (int j = 0; j < kNR; ++j) acc[i][j] = 0.0f;
    for (int p = 0; p < kc; ++p, a += kMR, b += kNR) {
#pragma GCC unroll 6
        for (int i = 0; i < kMR; ++i) {
            const float ai = a[i];
#pragma GCC unroll 16
            for (int j = 0; j < kNR; ++j) acc[i][j] += ai * b[j];
        }
    }
    if (m == kMR && n == kNR) {
        for (int i = 0; i < kMR; ++i)
            for (int j = 0; j < kNR; ++j) c[size_t(i) * ldc + j] += alpha * acc[i][j];
    } else {
        for (int i = 0; i < m; ++i)
            for (int j = 0; j < n; ++j) c[size_t(i) * ldc + j] += alpha * acc[i][j];
    }
}

// C = beta * C, with beta == 0 writing zeros (old NaNs do not survive, as in BLAS).
void scale_c(int M, int N, float beta, float* C, int ldc) {
    if (beta == 1.0f) return;
    for (int i = 0; i < M; ++i) {
        float* row = C + size_t(i) * ldc;
        if (beta == 0.0f) {
            for (int j = 0; j < N; ++j) row[j] = 0.0f;
        } else {
            for (int j = 0; j < N; ++j) row[j] *= beta;
        }
    }
}

}  // namespace

void sgemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
           const float* B, int ldb, float beta, float* C, int ldc) {
    if (M <= 0 || N <= 0) return;
    scale_c(M, N, beta, C, ldc);
    if (K <= 0 || alpha == 0.0f) return;
    for (int jc = 0; jc < N; jc += kNC) {
        const int nc = std::min(kNC, N - jc);
        for (int pc = 0; pc < K; pc += kKC) {
            const int kc = std::min(kKC, K - pc);
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
                        micro_kernel(kc, ap, bp, alpha, c, ldc, std::min(kMR, mc - ir), std::min(kNR, nc - jr));
                    }
                }
            }
        }
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

}  // namespace ll
