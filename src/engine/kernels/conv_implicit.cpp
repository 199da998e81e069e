// Implicit-GEMM Conv2d (see conv_implicit.h): pad, multiply straight from the padded image, compact.
//
// Forward, per image and group: pad x into (C, Hp, Wp); Y' (OC x Lp, Lp = OH*Wp) = W (OC x Kg) * B,
// B[k][l] = pad[off(k) + l], in k slices of whole channels (at most gemm::kKC taps), each slice's sum
// added to Y' in order; then y = Y' without the Wp - OW extra columns, plus the bias.
// Backward, per chunk of kChunk images (a constant: it fixes the summation order of dW whatever the
// thread count):
//   dW_chunk[o][k] = sum_{n in chunk} sum_l dY'_n[o][l] * pad_n[off(k) + l]   (dY' = dy on the padded
//                    width, zero in the extra columns), then dW += dW_chunk in chunk order;
//   dx_n = correlation of dy_n padded by (K-1)*D - P with W'[c][o][kh][kw] = W[o][c][KH-1-kh][KW-1-kw].
#include "engine/kernels/conv_implicit.h"
#include "engine/kernels/isa.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "engine/kernels/gemm_micro.h"
#include "engine/kernels/simd.h"
#include "engine/parallel.h"

LL_KERNELS_BEGIN

namespace {

using simd::Vec;
constexpr int kVW = simd::kVecWidth;
// Output channels per micro-tile. SIMD128 takes 4 (8 accumulators): with 6 the Conv2d(32->64) forward ran at
// 24 GFLOP/s in Node and Chromium, with 4 at 40. V8 on x64 has no FMA, so each multiply needs a temporary,
// and 12 accumulators plus the B vectors, the broadcast and the temporaries exceed its 15 xmm registers.
constexpr int kMR = kVW == 16 ? 8 : kVW == 8 ? 6 : 4;
constexpr int kNV = 2;
constexpr int kNR = kNV * kVW;          // padded-width positions per micro-tile
constexpr int kNV1 = 8;                 // single-channel outputs (dx of a 1-channel input): 1 x 8 vectors
constexpr int kNR1 = kNV1 * kVW;
constexpr int kChunk = 8;               // images per dW partial sum
constexpr int kDot = 16;                // lanes of the dW dot products (every target)
constexpr int kDotV = kDot / kVW;       // vectors per lane set
// dW dot-product block: BO output channels x BK taps (16 accumulators with AVX-512, 8 elsewhere).
// Few taps per block: their loads from the padded image are unaligned (they split cache lines),
// while the dY' rows are aligned.
constexpr int kBO = kVW == 16 ? 8 : 2;
constexpr int kBK = 2;

size_t round_up(size_t v, size_t m) { return (v + m - 1) / m * m; }

// One correlation: input (C, H, W) zero-padded by (PH, PW) into (C, Hp, Wp); output (OC, OH, OW).
struct Corr {
    int C, H, W, OC, OH, OW, KH, KW, PH, PW, DH, DW;
    int Hp, Wp, KK, cps;  // cps: input channels per k slice

    size_t plane() const { return size_t(Hp) * Wp; }
    int lp() const { return OH * Wp; }                              // outputs on the padded width
    int ldc() const { return int(round_up(size_t(lp()), kNR1)); }   // Y' row stride
    int lq() const { return int(round_up(size_t(lp()), kDot)); }     // dY' row length (dW)
    int kg() const { return C * KK; }
    int mr() const { return OC == 1 ? 1 : kMR; }
    int rows() const { return int(round_up(size_t(OC), size_t(mr()))); }
    // The tail lets the last panel and the last dot block read past the image: zeros.
    size_t pad_floats() const { return size_t(C) * plane() + size_t(KW - 1) * DW + kNR1 + kDot; }
    int32_t offset(int k) const {
        const int c = k / KK, r = k % KK;
        return int32_t(size_t(c) * plane() + size_t(r / KW) * DH * Wp + size_t(r % KW) * DW);
    }
};

Corr make_corr(int C, int H, int W, int OC, int OH, int OW, const ConvDims& d, int PH, int PW) {
    Corr g{C, H, W, OC, OH, OW, d.KH, d.KW, PH, PW, d.DH, d.DW, H + 2 * PH, W + 2 * PW, d.KH * d.KW, 1};
    g.cps = std::max(1, gemm::kKC / g.KK);
    return g;
}

Corr forward_corr(const ConvDims& d) {
    return make_corr(d.C / d.G, d.H, d.W, d.OC / d.G, d.OH, d.OW, d, d.PH, d.PW);
}

// dx = correlation of dy padded by (K-1)*D - P: input OC channels of OH x OW, output C of H x W.
Corr dx_corr(const ConvDims& d) {
    return make_corr(d.OC / d.G, d.OH, d.OW, d.C / d.G, d.H, d.W, d, (d.KH - 1) * d.DH - d.PH,
                     (d.KW - 1) * d.DW - d.PW);
}

// pad (C, Hp, Wp) + tail = in (C, H, W) with zero borders.
void pad_image(float* pad, const float* in, const Corr& g) {
    for (int c = 0; c < g.C; ++c) {
        const float* src = in + size_t(c) * g.H * g.W;
        float* dst = pad + size_t(c) * g.plane();
        std::fill(dst, dst + size_t(g.PH) * g.Wp, 0.0f);
        for (int h = 0; h < g.H; ++h) {
            float* row = dst + size_t(g.PH + h) * g.Wp;
            std::fill(row, row + g.PW, 0.0f);
            std::memcpy(row + g.PW, src + size_t(h) * g.W, sizeof(float) * size_t(g.W));
            std::fill(row + g.PW + g.W, row + g.Wp, 0.0f);
        }
        std::fill(dst + size_t(g.PH + g.H) * g.Wp, dst + g.plane(), 0.0f);
    }
    std::fill(pad + size_t(g.C) * g.plane(), pad + g.pad_floats(), 0.0f);
}

// A (OC x Kg, element get(o, k)) into micro-panels per k slice: slice at k0 starts at rows()*k0 and
// holds panels of mr() rows, kc values each (k-major); rows past OC are zero.
template <class Get>
void pack_weights(float* apack, const Corr& g, const Get& get) {
    const int mr = g.mr(), Kg = g.kg(), slice = g.cps * g.KK, rows = g.rows();
    for (int k0 = 0; k0 < Kg; k0 += slice) {
        const int kc = std::min(slice, Kg - k0);
        float* sl = apack + size_t(rows) * k0;
        for (int r = 0; r < rows; r += mr)
            for (int p = 0; p < kc; ++p)
                for (int i = 0; i < mr; ++i) sl[size_t(r) * kc + p * mr + i] = r + i < g.OC ? get(r + i, k0 + p) : 0.0f;
    }
}

// B accessor: row p of the slice is the padded image at base + off[p].
template <int NV>
struct OffsetB {
    const float* base;
    const int32_t* off;
    Vec operator()(int p, int v) const { return simd::load(base + off[p] + v * kVW); }
};

// Y' (OC x ldc) columns [j0, j1) (multiples of kNR1) = W * B, slices summed into Y' in order.
void corr_panels(float* yp, const float* pad, const float* apack, const Corr& g, int j0, int j1) {
    int32_t off[gemm::kKC];
    const int slice = g.cps * g.KK, Kg = g.kg(), ldc = g.ldc(), rows = g.rows();
    for (int p = 0; p < std::min(slice, Kg); ++p) off[p] = g.offset(p);
    for (int j = j0; j < j1; j += (g.OC == 1 ? kNR1 : kNR)) {
        if (g.OC == 1) {
            for (int k0 = 0; k0 < Kg; k0 += slice) {
                const int kc = std::min(slice, Kg - k0);
                gemm::micro_tile<1, kNV1>(kc, gemm::PackedA<1>{apack + k0}, OffsetB<kNV1>{pad + g.offset(k0) + j, off},
                                          1.0f, yp + j, ldc, 1, kNR1, k0 == 0);
            }
            continue;
        }
        for (int r = 0; r < g.OC; r += kMR) {
            for (int k0 = 0; k0 < Kg; k0 += slice) {
                const int kc = std::min(slice, Kg - k0);
                gemm::micro_tile<kMR, kNV>(kc, gemm::PackedA<kMR>{apack + size_t(rows) * k0 + size_t(r) * kc},
                                           OffsetB<kNV>{pad + g.offset(k0) + j, off}, 1.0f, yp + size_t(r) * ldc + j,
                                           ldc, std::min(kMR, g.OC - r), kNR, k0 == 0);
            }
        }
    }
}

// out (OC, OH, OW) = Y' without the extra columns, + bias (if any).
void compact(float* out, const float* yp, const float* bias, const Corr& g) {
    const int ldc = g.ldc();
    for (int o = 0; o < g.OC; ++o) {
        const float* src = yp + size_t(o) * ldc;
        float* dst = out + size_t(o) * g.OH * g.OW;
        for (int oh = 0; oh < g.OH; ++oh) {
            const float* s = src + size_t(oh) * g.Wp;
            float* t = dst + size_t(oh) * g.OW;
            if (bias) {
                const float b = bias[o];
                for (int ow = 0; ow < g.OW; ++ow) t[ow] = s[ow] + b;
            } else {
                std::memcpy(t, s, sizeof(float) * size_t(g.OW));
            }
        }
    }
}

// dY' (OC x lq): dy (OC, OH, OW) laid on the padded width, zero in the extra columns and the tail.
void expand_dy(float* dye, const float* dy, const Corr& g) {
    const int lq = g.lq();
    for (int o = 0; o < g.OC; ++o) {
        float* row = dye + size_t(o) * lq;
        const float* src = dy + size_t(o) * g.OH * g.OW;
        for (int oh = 0; oh < g.OH; ++oh) {
            std::memcpy(row + size_t(oh) * g.Wp, src + size_t(oh) * g.OW, sizeof(float) * size_t(g.OW));
            std::fill(row + size_t(oh) * g.Wp + g.OW, row + size_t(oh + 1) * g.Wp, 0.0f);
        }
        std::fill(row + g.lp(), row + lq, 0.0f);
    }
}

// out[o][k] = sum over `imgs` images and l < lq of dye_n[o][l] * pad_n[off(k) + l], for o in
// [o0, o0 + BO) and k in [k0, k0 + BK) (rows and taps past the end are computed on clamped indices
// and dropped). Lane j of each accumulator takes l = j mod 16, image after image; the 16 lanes are then
// folded in simd::fold_lanes' fixed tree.
void dw_block(float* out, const float* pads, size_t pad_stride, const float* dyes, size_t dye_stride, int imgs,
              const Corr& g, int o0, int k0) {
    const int lq = g.lq(), Kg = g.kg();
    int32_t off[kBK];
    const float* dyrow[kBO];
    for (int j = 0; j < kBK; ++j) off[j] = g.offset(std::min(k0 + j, Kg - 1));
    Vec acc[kBO][kBK][kDotV];
    for (int i = 0; i < kBO; ++i)
        for (int j = 0; j < kBK; ++j)
            for (int v = 0; v < kDotV; ++v) acc[i][j][v] = Vec{};
    for (int n = 0; n < imgs; ++n) {
        const float* pad = pads + size_t(n) * pad_stride;
        for (int i = 0; i < kBO; ++i) dyrow[i] = dyes + size_t(n) * dye_stride + size_t(std::min(o0 + i, g.OC - 1)) * lq;
        for (int l = 0; l < lq; l += kDot) {
#pragma GCC unroll 16
            for (int v = 0; v < kDotV; ++v) {
                Vec dv[kBO], pv[kBK];
#pragma GCC unroll 16
                for (int i = 0; i < kBO; ++i) dv[i] = simd::load(dyrow[i] + l + v * kVW);
#pragma GCC unroll 16
                for (int j = 0; j < kBK; ++j) pv[j] = simd::load(pad + off[j] + l + v * kVW);
#pragma GCC unroll 16
                for (int i = 0; i < kBO; ++i)
#pragma GCC unroll 16
                    for (int j = 0; j < kBK; ++j) acc[i][j][v] += dv[i] * pv[j];
            }
        }
    }
    // Constant trip counts here keep acc in registers (a runtime index would force it to memory).
    float res[kBO][kBK];
    for (int i = 0; i < kBO; ++i)
        for (int j = 0; j < kBK; ++j) res[i][j] = simd::fold16(acc[i][j]);
    for (int i = 0; i < kBO && o0 + i < g.OC; ++i)
        for (int j = 0; j < kBK && k0 + j < Kg; ++j) out[size_t(o0 + i) * Kg + k0 + j] = res[i][j];
}

// ---- dW as a GEMM (wider layers) ----
// dW^T (Kg x OC) += P (Kg x Lp) * dY'^T (Lp x OC), P[k][l] = pad[off(k) + l]: A is read straight from
// the padded image (MR broadcasts per step, which never split a cache line), B is dY' transposed into
// NR-wide panels. Each C element sums its products in l order, slice after slice.
constexpr int kDwMR = kMR;

// A accessor: row i of the slice is pad + off[i], column p.
template <int MR>
struct RowsA {
    const float* base;
    int32_t off[MR];
    float operator()(int p, int i) const { return base[off[i] + p]; }
};

// B panels one vector wide when the output channels fit one vector (tiny layers), else two.
int dw_nv(const Corr& g) { return g.OC > kVW ? 2 : 1; }
int dw_cols(const Corr& g) { return int(round_up(size_t(g.OC), size_t(dw_nv(g)) * kVW)); }

// bp (OC rounded up to NR, in NR-wide panels of lq rows): panel s, row l, lane j = dY'[s*NR + j][l].
void pack_dy_t(float* bp, const float* dy, const Corr& g) {
    const int lq = g.lq(), cols = dw_cols(g), nr = dw_nv(g) * kVW;
    std::fill(bp, bp + size_t(cols) * lq, 0.0f);
    for (int o = 0; o < g.OC; ++o) {
        float* panel = bp + size_t(o / nr) * lq * nr + (o % nr);
        const float* src = dy + size_t(o) * g.OH * g.OW;
        for (int oh = 0; oh < g.OH; ++oh)
            for (int ow = 0; ow < g.OW; ++ow) panel[size_t(oh * g.Wp + ow) * nr] = src[size_t(oh) * g.OW + ow];
    }
}

// C (Kg x cols) = (first ? 0 : C) + P * B for one image.
template <int NV>
void dw_gemm_image(float* C, const float* pad, const float* bp, const Corr& g, bool first) {
    constexpr int NR = NV * kVW;
    const int lq = g.lq(), Kg = g.kg(), ldc = dw_cols(g);
    for (int l0 = 0; l0 < lq; l0 += gemm::kKC) {
        const int kc = std::min(gemm::kKC, lq - l0);
        for (int s = 0; s < ldc; s += NR) {
            const float* b = bp + size_t(s) * lq + size_t(l0) * NR;
            for (int i0 = 0; i0 < Kg; i0 += kDwMR) {
                RowsA<kDwMR> a{pad + l0, {}};
                for (int i = 0; i < kDwMR; ++i) a.off[i] = g.offset(std::min(i0 + i, Kg - 1));
                gemm::micro_tile<kDwMR, NV>(kc, a, gemm::PackedB<NV>{b}, 1.0f, C + size_t(i0) * ldc + s, ldc,
                                            std::min(kDwMR, Kg - i0), NR, first && l0 == 0);
            }
        }
    }
}

// The GEMM form pays off once the output channels fill half a 16-lane vector and the taps fill a few
// micro-tile rows; below, the dot products. The test depends on the geometry only, never on the
// target's vector width: the two forms sum in different orders.
bool dw_use_gemm(const Corr& g) { return g.OC > 8 && g.kg() >= 32; }

// Workspace layout (floats). Shared: packed weights, then per-chunk dW partials; then one slice of
// per-thread buffers per thread slot.
struct Layout {
    size_t apack, partial, slot;              // sizes
    size_t xpad, dye, dypad, yp;              // offsets inside a slot
    size_t total(int threads) const { return apack + partial + size_t(threads) * slot; }
};

Layout layout(const ConvDims& d) {
    const Corr f = forward_corr(d), b = dx_corr(d);
    Layout L{};
    L.apack = round_up(std::max(size_t(f.rows()) * f.kg(), size_t(b.rows()) * b.kg()), 16);
    const size_t chunks = (size_t(d.N) + kChunk - 1) / kChunk;
    L.partial = round_up(chunks * size_t(dw_cols(f)) * f.kg(), 16);
    L.xpad = 0;
    L.dye = L.xpad + kChunk * round_up(f.pad_floats(), 16);
    L.dypad = L.dye + kChunk * size_t(dw_cols(f)) * f.lq();
    L.yp = L.dypad + round_up(b.pad_floats(), 16);
    L.slot = round_up(L.yp + std::max(size_t(f.OC) * f.ldc(), size_t(b.OC) * b.ldc()), 16);
    return L;
}

}  // namespace

bool conv2d_implicit_ok(const ConvDims& d) {
    return d.SH == 1 && d.SW == 1 && d.PH <= (d.KH - 1) * d.DH && d.PW <= (d.KW - 1) * d.DW &&
           d.KH * d.KW <= gemm::kKC;
}

// The workspace starts at the first 64-byte boundary (vector loads of aligned rows never split a cache
// line): 16 floats of slack.
size_t conv2d_implicit_workspace(const ConvDims& d, int threads) { return layout(d).total(threads) + 16; }

namespace {

float* align64(float* p) {
    const uintptr_t a = (reinterpret_cast<uintptr_t>(p) + 63) & ~uintptr_t(63);
    return reinterpret_cast<float*>(a);
}

}  // namespace

void conv2d_implicit_forward(float* y, const float* x, const float* w, const float* b, float* ws, const ConvDims& d) {
    const Corr g = forward_corr(d);
    const Layout L = layout(d);
    const int threads = num_threads(), Kg = g.kg();
    ws = align64(ws);
    const size_t HW = size_t(d.H) * d.W, OL = size_t(d.OH) * d.OW;
    float* apack = ws;
    float* slots = ws + L.apack + L.partial;
    for (int gi = 0; gi < d.G; ++gi) {
        const float* wg = w + size_t(gi) * g.OC * Kg;
        pack_weights(apack, g, [&](int o, int k) { return wg[size_t(o) * Kg + k]; });
        const float* bg = b ? b + size_t(gi) * g.OC : nullptr;
        auto image = [&](int n, float* slot, bool split_panels) {
            const float* xn = x + (size_t(n) * d.C + size_t(gi) * g.C) * HW;
            float* yn = y + (size_t(n) * d.OC + size_t(gi) * g.OC) * OL;
            pad_image(slot + L.xpad, xn, g);
            if (split_panels) {
                parallel_for(0, g.ldc() / kNR1, 1, [&](int64_t lo, int64_t hi) {
                    corr_panels(slot + L.yp, slot + L.xpad, apack, g, int(lo) * kNR1, int(hi) * kNR1);
                });
            } else {
                corr_panels(slot + L.yp, slot + L.xpad, apack, g, 0, g.ldc());
            }
            compact(yn, slot + L.yp, bg, g);
        };
        if (d.N >= threads) {
            parallel_for(0, d.N, 1, [&](int64_t lo, int64_t hi) {
                float* slot = slots + size_t(thread_slot()) * L.slot;
                for (int64_t n = lo; n < hi; ++n) image(int(n), slot, false);
            });
        } else {
            for (int n = 0; n < d.N; ++n) image(n, slots, true);  // few images: split each one's columns
        }
    }
}

namespace {

// db[o] += sum over (N, OH, OW) of dy, image after image, each image's sum in 16 float lanes.
void bias_grad(float* db, const float* dy, int N, int OC, size_t OL) {
    parallel_for(0, OC, 1, [&](int64_t o0, int64_t o1) {
        for (int64_t o = o0; o < o1; ++o) {
            for (int n = 0; n < N; ++n) {
                float lanes[simd::kLanes] = {};
                const float* row = dy + (size_t(n) * OC + size_t(o)) * OL;
                size_t i = 0;
                for (; i + simd::kLanes <= OL; i += simd::kLanes)
                    for (int k = 0; k < simd::kLanes; ++k) lanes[k] += row[i + k];
                for (int k = 0; i < OL; ++i, ++k) lanes[k] += row[i];
                db[o] += simd::fold_lanes(lanes);
            }
        }
    });
}

// One group's backward, shared by the chunks: geometry, buffers and the group's slices of the tensors.
struct GroupBackward {
    const Corr& f;   // the forward correlation (x -> y)
    const Corr& gb;  // dx = correlation of dy
    const Layout& L;
    const float* x;   // image n of the group: x + n * x_stride
    const float* dy;  // image n of the group: dy + n * dy_stride
    float* dx;        // null: no input gradient
    size_t x_stride, dy_stride;
    const float* apack;  // W' packed for the dx correlation
    bool use_gemm;
};

// dW partial sum (out) of images [n0, n0 + imgs), in the slot's buffers.
void dw_chunk(float* out, float* slot, const GroupBackward& b, int n0, int imgs) {
    const Corr& f = b.f;
    if (b.use_gemm) {
        for (int i = 0; i < imgs; ++i) {
            pad_image(slot + b.L.xpad, b.x + size_t(n0 + i) * b.x_stride, f);
            pack_dy_t(slot + b.L.dye, b.dy + size_t(n0 + i) * b.dy_stride, f);
            if (dw_nv(f) == 2) dw_gemm_image<2>(out, slot + b.L.xpad, slot + b.L.dye, f, i == 0);
            else dw_gemm_image<1>(out, slot + b.L.xpad, slot + b.L.dye, f, i == 0);
        }
        return;
    }
    const size_t pad_stride = round_up(f.pad_floats(), 16), dye_stride = size_t(f.OC) * f.lq();
    for (int i = 0; i < imgs; ++i) {
        pad_image(slot + b.L.xpad + i * pad_stride, b.x + size_t(n0 + i) * b.x_stride, f);
        expand_dy(slot + b.L.dye + i * dye_stride, b.dy + size_t(n0 + i) * b.dy_stride, f);
    }
    for (int o0 = 0; o0 < f.OC; o0 += kBO)
        for (int k0 = 0; k0 < f.kg(); k0 += kBK)
            dw_block(out, slot + b.L.xpad, pad_stride, slot + b.L.dye, dye_stride, imgs, f, o0, k0);
}

// dx of images [n0, n0 + imgs): the correlation of padded dy with W'.
void dx_chunk(float* slot, const GroupBackward& b, int n0, int imgs) {
    for (int i = 0; i < imgs; ++i) {
        pad_image(slot + b.L.dypad, b.dy + size_t(n0 + i) * b.dy_stride, b.gb);
        corr_panels(slot + b.L.yp, slot + b.L.dypad, b.apack, b.gb, 0, b.gb.ldc());
        compact(b.dx + size_t(n0 + i) * b.x_stride, slot + b.L.yp, nullptr, b.gb);
    }
}

// dW (OC x Kg) += the chunks' partial sums, chunk after chunk; the GEMM form's partials are Kg x cols.
void reduce_dw(float* dwg, const float* partial, size_t part_size, int chunks, const Corr& f, bool transposed) {
    const int Kg = f.kg(), cols = dw_cols(f);
    parallel_for(0, f.OC, 1, [&](int64_t o0, int64_t o1) {
        for (int64_t o = o0; o < o1; ++o) {
            float* row = dwg + size_t(o) * Kg;
            for (int q = 0; q < chunks; ++q) {
                const float* p = partial + size_t(q) * part_size;
                if (transposed) {
                    for (int k = 0; k < Kg; ++k) row[k] += p[size_t(k) * cols + o];
                } else {
                    for (int k = 0; k < Kg; ++k) row[k] += p[size_t(o) * Kg + k];
                }
            }
        }
    });
}

}  // namespace

void conv2d_implicit_backward(float* dx, float* dw, float* db, const float* dy, const float* x, const float* w,
                              float* ws, const ConvDims& d) {
    const Corr f = forward_corr(d), gb = dx_corr(d);
    const Layout L = layout(d);
    const int Kg = f.kg(), chunks = (d.N + kChunk - 1) / kChunk;
    const size_t part_size = size_t(dw_cols(f)) * Kg;
    ws = align64(ws);
    float* apack = ws;
    float* partial = ws + L.apack;
    float* slots = ws + L.apack + L.partial;
    const size_t HW = size_t(d.H) * d.W, OL = size_t(d.OH) * d.OW;
    if (db) bias_grad(db, dy, d.N, d.OC, OL);
    for (int gi = 0; gi < d.G; ++gi) {
        const float* wg = w + size_t(gi) * f.OC * Kg;
        if (dx) {
            // W'[c][o][r] = W[o][c][KK-1-r]: flipping kh and kw reverses r = kh*KW + kw.
            pack_weights(apack, gb, [&](int c, int k) {
                const int o = k / f.KK, r = k % f.KK;
                return wg[(size_t(o) * f.C + c) * f.KK + (f.KK - 1 - r)];
            });
        }
        const GroupBackward b{f, gb, L, x + size_t(gi) * f.C * HW, dy + size_t(gi) * f.OC * OL,
                              dx ? dx + size_t(gi) * f.C * HW : nullptr, size_t(d.C) * HW, size_t(d.OC) * OL,
                              apack, dw_use_gemm(f)};
        parallel_for(0, chunks, 1, [&](int64_t q0, int64_t q1) {
            float* slot = slots + size_t(thread_slot()) * L.slot;
            for (int64_t q = q0; q < q1; ++q) {
                const int n0 = int(q) * kChunk, imgs = std::min(kChunk, d.N - n0);
                if (dw) dw_chunk(partial + size_t(q) * part_size, slot, b, n0, imgs);
                if (dx) dx_chunk(slot, b, n0, imgs);
            }
        });
        if (dw) reduce_dw(dw + size_t(gi) * f.OC * Kg, partial, part_size, chunks, f, b.use_gemm);
    }
}

LL_KERNELS_END
