// The register-blocked GEMM micro-kernel shared by sgemm (gemm.cpp) and the implicit-GEMM convolution
// (conv_implicit.cpp): an MR x (NV * kVecWidth) tile of C accumulated over kc steps of
//   acc[i][v] += A(p, i) * B(p, v)      (A(p, i) a float broadcast, B(p, v) the v-th vector of row p),
// with the operands read through accessors, so a caller can stream B straight from an image (an offset
// per k) instead of a packed panel. Every C element sums its kc products in k order starting from zero,
// whatever MR, NV or the vector width: the layout changes, the arithmetic does not.
#pragma once
#include "engine/kernels/isa.h"
#include "engine/kernels/simd.h"

LL_KERNELS_BEGIN
namespace gemm {

using simd::Vec;
constexpr int kVW = simd::kVecWidth;
// Depth of one k slice: the same on every target, so sums are split identically everywhere.
constexpr int kKC = 256;

// A accessor over a packed micro-panel: MR values per k.
template <int MR>
struct PackedA {
    const float* a;
    float operator()(int p, int i) const { return a[p * MR + i]; }
};

// B accessor over a packed micro-panel: NV * kVW values per k, 64-byte aligned.
template <int NV>
struct PackedB {
    const float* b;
    Vec operator()(int p, int v) const { return *reinterpret_cast<const Vec*>(b + (p * NV + v) * kVW); }
};

// Runs the kc-step product into acc, then C[0:m, 0:n] = alpha * acc (overwrite) or C += alpha * acc.
template <int MR, int NV, class AOp, class BOp>
inline void micro_tile(int kc, const AOp& a, const BOp& b, float alpha, float* __restrict c, int ldc, int m, int n,
                       bool overwrite) {
    Vec acc[MR][NV];
    for (int i = 0; i < MR; ++i)
        for (int v = 0; v < NV; ++v) acc[i][v] = Vec{};
    for (int p = 0; p < kc; ++p) {
        Vec bv[NV];
#pragma GCC unroll 8
        for (int v = 0; v < NV; ++v) bv[v] = b(p, v);
#pragma GCC unroll 16
        for (int i = 0; i < MR; ++i) {
            const Vec ai = simd::splat(a(p, i));
#pragma GCC unroll 8
            for (int v = 0; v < NV; ++v) acc[i][v] += ai * bv[v];
        }
    }
    if (alpha != 1.0f) {
        const Vec va = simd::splat(alpha);
        for (int i = 0; i < MR; ++i)
            for (int v = 0; v < NV; ++v) acc[i][v] *= va;
    }
    constexpr int NR = NV * kVW;
    if (m == MR && n == NR) {
        for (int i = 0; i < MR; ++i) {
            float* ci = c + size_t(i) * ldc;
            for (int v = 0; v < NV; ++v) {
                if (overwrite) simd::store(ci + v * kVW, acc[i][v]);
                else simd::store(ci + v * kVW, simd::load(ci + v * kVW) + acc[i][v]);
            }
        }
        return;
    }
    alignas(64) float tile[MR][NR];
    for (int i = 0; i < MR; ++i)
        for (int v = 0; v < NV; ++v) simd::store(tile[i] + v * kVW, acc[i][v]);
    for (int i = 0; i < m; ++i) {
        float* ci = c + size_t(i) * ldc;
        if (overwrite) {
            for (int j = 0; j < n; ++j) ci[j] = tile[i][j];
        } else {
            for (int j = 0; j < n; ++j) ci[j] += tile[i][j];
        }
    }
}

}  // namespace gemm
LL_KERNELS_END
