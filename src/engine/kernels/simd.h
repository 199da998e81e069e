// Portable float vectors for the kernels, written with the GCC/Clang vector extensions so one source
// compiles to AVX-512 (16 lanes), AVX2 (8) or SSE / WebAssembly SIMD128 / NEON (4). The width follows
// the compiler's target macros (not the platform): each copy of the portable build's kernels is
// compiled for its own target (kernels/isa.h), -march=native picks the widest the machine has,
// -msimd128 the 4-lane one.
//
// Determinism: vectors only ever run across independent outputs (columns of a GEMM tile, pixels of a
// row). Reductions never depend on kVecWidth: they use a fixed number of partial sums (kLanes)
// combined in a fixed order, so every width gives the same bits.
#pragma once
#include "engine/kernels/isa.h"
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

LL_KERNELS_BEGIN
namespace simd {

#if defined(LAYERLAB_SIMD_WIDTH)
// Forced by the build (tests/same_bits.sh): 1 is SIMD off (one float per "vector", scalar code), 4 or 8 a
// narrower width than the machine's. Every width must give the same bits.
constexpr int kVecWidth = LAYERLAB_SIMD_WIDTH;
#elif defined(__AVX512F__)
constexpr int kVecWidth = 16;
#elif defined(__AVX__)
constexpr int kVecWidth = 8;
#else
constexpr int kVecWidth = 4;
#endif

typedef float Vec __attribute__((vector_size(kVecWidth * sizeof(float))));
// The same vector with 4-byte alignment, for loads and stores at any float address.
typedef float VecU __attribute__((vector_size(kVecWidth * sizeof(float)), aligned(4)));

typedef int32_t VecI __attribute__((vector_size(kVecWidth * sizeof(int32_t))));
typedef int32_t VecIU __attribute__((vector_size(kVecWidth * sizeof(int32_t)), aligned(4)));

inline Vec load(const float* p) { return *reinterpret_cast<const VecU*>(p); }
inline void store(float* p, Vec v) { *reinterpret_cast<VecU*>(p) = v; }
inline VecI load(const int32_t* p) { return *reinterpret_cast<const VecIU*>(p); }
inline void store(int32_t* p, VecI v) { *reinterpret_cast<VecIU*>(p) = v; }
// {x, x, ..., x}: an initializer compilers turn into one broadcast (Vec{} + x would also add the zero,
// which clang keeps: x + 0.0f is not x for x = -0.0f).
template <class V, class T, size_t... I>
inline V splat_impl(T x, std::index_sequence<I...>) {
    return V{((void)I, x)...};
}
inline Vec splat(float x) { return splat_impl<Vec>(x, std::make_index_sequence<kVecWidth>()); }
inline VecI splat(int32_t x) { return splat_impl<VecI>(x, std::make_index_sequence<kVecWidth>()); }

// 0, 1, ..., kVecWidth - 1.
inline VecI iota() {
    VecI v{};
    for (int i = 0; i < kVecWidth; ++i) v[i] = i;
    return v;
}

// Lane-wise mask ? a : b, mask lanes all ones or all zeros (as vector comparisons give).
inline Vec select(VecI mask, Vec a, Vec b) { return Vec((VecI(a) & mask) | (VecI(b) & ~mask)); }
inline VecI select(VecI mask, VecI a, VecI b) { return (a & mask) | (b & ~mask); }

// Even and odd elements of the 2*kVecWidth floats a:b (deinterleave), and the inverse (interleave:
// lo gets e0 o0 e1 o1 ... of the first half, hi of the second).
template <size_t... I>
inline Vec even_impl(Vec a, Vec b, std::index_sequence<I...>) { return __builtin_shufflevector(a, b, (2 * I)...); }
template <size_t... I>
inline Vec odd_impl(Vec a, Vec b, std::index_sequence<I...>) { return __builtin_shufflevector(a, b, (2 * I + 1)...); }
template <size_t... I>
inline Vec zip_lo_impl(Vec e, Vec o, std::index_sequence<I...>) {
    return __builtin_shufflevector(e, o, ((I % 2) * kVecWidth + I / 2)...);
}
template <size_t... I>
inline Vec zip_hi_impl(Vec e, Vec o, std::index_sequence<I...>) {
    return __builtin_shufflevector(e, o, ((I % 2) * kVecWidth + kVecWidth / 2 + I / 2)...);
}
inline Vec even(Vec a, Vec b) { return even_impl(a, b, std::make_index_sequence<kVecWidth>()); }
inline Vec odd(Vec a, Vec b) { return odd_impl(a, b, std::make_index_sequence<kVecWidth>()); }
inline Vec zip_lo(Vec e, Vec o) { return zip_lo_impl(e, o, std::make_index_sequence<kVecWidth>()); }
inline Vec zip_hi(Vec e, Vec o) {
    if constexpr (kVecWidth == 1) return o;  // e0 o0: the high half is o0
    else return zip_hi_impl(e, o, std::make_index_sequence<kVecWidth>());
}

// Partial sums of every fixed-order reduction (sum over a long axis): lane i takes the elements at
// positions i mod kLanes; the lanes are then added pairwise (0+8, 1+9, ...), halving until one is left.
constexpr int kLanes = 16;

// Sixteen double lanes as two 8-double vectors (whatever the target's width: the compiler splits them),
// and eight floats widened to doubles.
typedef double D8 __attribute__((vector_size(8 * sizeof(double))));
typedef float F8U __attribute__((vector_size(8 * sizeof(float)), aligned(4)));
struct Lanes16 {
    D8 lo{}, hi{};  // lanes 0..7, 8..15
};
inline D8 load_d8(const float* p) { return __builtin_convertvector(*reinterpret_cast<const F8U*>(p), D8); }

// The lanes' sum in fold_lanes' tree.
inline double fold(const Lanes16& l);

// sum_i x[i] in kLanes partial sums, accumulated in double (the statistics' precision).
inline void add_lanes(double acc[kLanes], const float* x, size_t n) {
    size_t i = 0;
    Lanes16 v;
    for (; i + kLanes <= n; i += kLanes) {
        v.lo += load_d8(x + i);
        v.hi += load_d8(x + i + 8);
    }
    for (int k = 0; k < 8; ++k) {
        acc[k] += v.lo[k];
        acc[k + 8] += v.hi[k];
    }
    for (int k = 0; i < n; ++i, ++k) acc[k] += double(x[i]);
}

// Pairwise combination of the lanes: ((a0+a8) + (a4+a12)) + ...; the same tree on every target.
inline double fold_lanes(double acc[kLanes]) {
    for (int w = kLanes / 2; w >= 1; w /= 2)
        for (int k = 0; k < w; ++k) acc[k] += acc[k + w];
    return acc[0];
}

// fold_lanes of 16 float lanes held in 16 / kVecWidth vectors (lane j in v[j / kVecWidth], position
// j % kVecWidth), with vector adds and in-register shuffles: the same tree, so the same bits.
template <int W, size_t... I>
inline Vec shift_down_impl(Vec x, std::index_sequence<I...>) {
    return __builtin_shufflevector(x, x, ((I + W) % kVecWidth)...);
}
template <int W>
inline Vec shift_down(Vec x) { return shift_down_impl<W>(x, std::make_index_sequence<kVecWidth>()); }

inline float fold16(const Vec* v) {
    static_assert(16 % kVecWidth == 0, "16 lanes must be whole vectors");
    constexpr int nv = 16 / kVecWidth;
    Vec t[nv];
    for (int i = 0; i < nv; ++i) t[i] = v[i];
    // Halvings across vectors (w >= kVecWidth), then inside the first vector.
    for (int w = 8; w >= kVecWidth; w /= 2)
        for (int i = 0; i < w / kVecWidth; ++i) t[i] += t[i + w / kVecWidth];
    Vec x = t[0];
    if constexpr (kVecWidth >= 16) x += shift_down<8>(x);
    if constexpr (kVecWidth >= 8) x += shift_down<4>(x);
    if constexpr (kVecWidth >= 4) x += shift_down<2>(x);
    if constexpr (kVecWidth >= 2) x += shift_down<1>(x);
    return x[0];
}

inline double fold(const Lanes16& l) {
    double acc[kLanes];
    for (int k = 0; k < 8; ++k) {
        acc[k] = l.lo[k];
        acc[k + 8] = l.hi[k];
    }
    return fold_lanes(acc);
}

inline float fold_lanes(float acc[kLanes]) {
    for (int w = kLanes / 2; w >= 1; w /= 2)
        for (int k = 0; k < w; ++k) acc[k] += acc[k + w];
    return acc[0];
}

}  // namespace simd
LL_KERNELS_END
