// Pooling kernels (see pool_kernels.h). Loops follow torch's CPU kernels so windows, ties and
// divisors agree exactly; the sums accumulate in float in the same scan order.
#include "engine/kernels/pool_kernels.h"
#include "engine/kernels/isa.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <limits>

#include "engine/kernels/conv_kernels.h"
#include "engine/kernels/simd.h"
#include "engine/parallel.h"

LL_KERNELS_BEGIN

namespace {

// Adaptive window [start, end) of output index i: floor(i*in/out) .. ceil((i+1)*in/out).
void adaptive_window(int i, int out, int in, int& start, int& end) {
    start = int((int64_t(i) * in) / out);
    end = int((int64_t(i + 1) * in + out - 1) / out);
}

// One axis of an average-pool window, clipped as torch does: span is the window clipped to the
// padded input [-P, I + P) (it counts toward pool_size), [lo, hi) its part inside the image.
struct AxisSpan {
    int lo, hi, span;
    bool empty() const { return lo >= hi; }
};

AxisSpan avg_axis(int o, int S, int P, int K, int I) {
    const int start = o * S - P;
    const int end = std::min(start + K, I + P);
    return AxisSpan{std::max(start, 0), std::min(end, I), end - start};
}

// divisor_override if set; else pool_size (count_include_pad) or the number of image pixels.
float avg_divisor(const AxisSpan& h, const AxisSpan& w, bool count_include_pad, int divisor_override) {
    if (divisor_override > 0) return float(divisor_override);
    return float(count_include_pad ? int64_t(h.span) * w.span : int64_t(h.hi - h.lo) * (w.hi - w.lo));
}

}  // namespace

int pool_output_size(int in, int k, int pad, int stride, int dilation, bool ceil_mode) {
    // In 64 bits: dilation * (k - 1) alone passes 2^31 with 65536 for both. The result is at most
    // in + 2 * pad + 1, or a negative size the caller reports (clamped to int).
    const int64_t num = int64_t(in) + 2 * int64_t(pad) - int64_t(dilation) * (k - 1) - 1 + (ceil_mode ? stride - 1 : 0);
    const int64_t q = num / stride, r = num % stride;
    int64_t out = (r != 0 && num < 0 ? q - 1 : q) + 1;  // floor division (torch's div_rtn)
    if (ceil_mode && (out - 1) * stride >= int64_t(in) + pad) --out;
    return int(std::max<int64_t>(std::min<int64_t>(out, INT32_MAX), INT32_MIN));
}

// ---- Max ----

namespace {

// Running-max step of torch's scan: take tap v (number t) when v > m or v is NaN. Written with bit
// masks instead of ?: so the compiler emits no data-dependent branch.
inline void take_if(float v, int t, float& m, int& k) {
    const uint32_t mask = 0u - uint32_t((v > m) | (v != v));
    uint32_t vb, mb;
    std::memcpy(&vb, &v, 4);
    std::memcpy(&mb, &m, 4);
    mb = (vb & mask) | (mb & ~mask);
    std::memcpy(&m, &mb, 4);
    k = int((uint32_t(t) & mask) | (uint32_t(k) & ~mask));
}

// Runs fn(p0, p1) over plane ranges, on the threads when the tensor is large enough (planes are
// independent: any split gives the same values).
template <class Fn>
void for_planes(const PoolDims& d, const Fn& fn) {
    if (size_t(d.P) * d.H * d.W < size_t(kParallelMinValues)) fn(int64_t(0), int64_t(d.P));
    else parallel_for(0, d.P, 1, fn);
}

bool is_pool_2x2(const PoolDims& d) {
    return d.KH == 2 && d.KW == 2 && d.SH == 2 && d.SW == 2 && d.PH == 0 && d.PW == 0 && d.DH == 1 && d.DW == 1 &&
           2 * d.OH <= d.H && 2 * d.OW <= d.W;
}

// One output row of MaxPool2d(2): rows r0, r1 of the input, argmax indices counted from `base` (the
// plane index of r0[0]). The four taps go in torch's scan order (top-left, top-right, bottom-left,
// bottom-right): a tap wins when it is larger or NaN. Vectors hold kVecWidth outputs: the loads of
// 2*kVecWidth inputs are split into even and odd columns (left and right taps), and the selects are
// lane masks, so no branch depends on the data. A row shorter than a vector reads on into the next
// rows (only the valid lanes are stored); `vector_ok` is false where that would read past the input,
// and the branch-free scalar loop runs instead. The last vector of a row is stored whole when it ends
// before y_end: its extra lanes land on the next rows' outputs, which the caller writes afterwards.
void max_pool_row_2x2(const float* r0, const float* r1, float* yr, int32_t* ar, int OW, int base, int W,
                      bool vector_ok, const float* y_end) {
    using namespace simd;
    if (!vector_ok) {
        for (int ow = 0; ow < OW; ++ow) {
            float m = r0[2 * ow];
            int k = 0;  // tap 0..3: bit 0 column, bit 1 row
            take_if(r0[2 * ow + 1], 1, m, k);
            take_if(r1[2 * ow], 2, m, k);
            take_if(r1[2 * ow + 1], 3, m, k);
            yr[ow] = m;
            ar[ow] = base + 2 * ow + (k & 1) + (k >> 1) * W;
        }
        return;
    }
    const VecI lane2 = iota() * 2;
    for (int ow0 = 0; ow0 < OW; ow0 += kVecWidth) {
        const Vec t0 = load(r0 + 2 * ow0), t1 = load(r0 + 2 * ow0 + kVecWidth);
        const Vec u0 = load(r1 + 2 * ow0), u1 = load(r1 + 2 * ow0 + kVecWidth);
        const Vec b = odd(t0, t1), c = even(u0, u1), e = odd(u0, u1);
        const VecI idx = splat(base + 2 * ow0) + lane2;
        Vec m = even(t0, t1);
        VecI k = idx;
        VecI t = (b > m) | (b != b);
        m = select(t, b, m);
        k = select(t, idx + 1, k);
        t = (c > m) | (c != c);
        m = select(t, c, m);
        k = select(t, idx + W, k);
        t = (e > m) | (e != e);
        m = select(t, e, m);
        k = select(t, idx + (W + 1), k);
        const int n = std::min(kVecWidth, OW - ow0);
        if (n == kVecWidth || yr + ow0 + kVecWidth <= y_end) {
            store(yr + ow0, m);
            store(ar + ow0, k);
        } else {
            for (int i = 0; i < n; ++i) {
                yr[ow0 + i] = m[i];
                ar[ow0 + i] = k[i];
            }
        }
    }
}

// MaxPool2d(2) on windows that lie inside the image: the common case of the reference networks.
void max_pool2d_2x2(float* y, int32_t* argmax, const float* x, const PoolDims& dims) {
    const PoolDims d = dims;
    const size_t HW = size_t(d.H) * d.W, L = size_t(d.OH) * d.OW;
    const int span = 2 * simd::kVecWidth * ((d.OW + simd::kVecWidth - 1) / simd::kVecWidth);  // floats a row reads
    const float* x_end = x + size_t(d.P) * HW;
    for_planes(d, [=](int64_t p0, int64_t p1) {
        for (int64_t p = p0; p < p1; ++p) {
            const float* plane = x + size_t(p) * HW;
            for (int oh = 0; oh < d.OH; ++oh) {
                const float* r0 = plane + size_t(2 * oh) * d.W;
                max_pool_row_2x2(r0, r0 + d.W, y + size_t(p) * L + size_t(oh) * d.OW,
                                 argmax + size_t(p) * L + size_t(oh) * d.OW, d.OW, 2 * oh * d.W, d.W,
                                 r0 + d.W + span <= x_end, y + size_t(p1) * L);
            }
        }
    });
}

// dx for one output row of an exactly tiled MaxPool2d(2): dy at each window's argmax, 0 at its other
// three pixels (t = argmax - top-left index is 0, 1, W or W + 1). Vectorised like the forward (the
// four masked copies are interleaved back into columns); `vector_ok` is false where reading a whole
// vector of dy and argmax would pass their end. The last vector is stored whole when it ends before
// dx_end: its extra floats land on the following rows (d1 after d0, then the next row pair), which are
// written afterwards. d0 and d1 are adjacent rows of dx.
void max_unpool_row_2x2(float* d0, float* d1, const float* g, const int32_t* ar, int OW, int base, int W,
                        bool vector_ok, const float* dx_end) {
    using namespace simd;
    if (!vector_ok) {
        for (int ow = 0; ow < OW; ++ow) {
            const int t = ar[ow] - (base + 2 * ow);
            const float v = g[ow];
            d0[2 * ow] = t == 0 ? v : 0.0f;
            d0[2 * ow + 1] = t == 1 ? v : 0.0f;
            d1[2 * ow] = t == W ? v : 0.0f;
            d1[2 * ow + 1] = t == W + 1 ? v : 0.0f;
        }
        return;
    }
    const VecI lane2 = iota() * 2;
    const Vec zero{};
    // Row d0 (taps 0, 1) is finished before row d1 (taps W, W + 1): a whole-vector tail of d0 spills
    // onto d1, never the other way.
    for (int r = 0; r < 2; ++r) {
        float* out = r == 0 ? d0 : d1;
        const int left = r * W;
        for (int ow0 = 0; ow0 < OW; ow0 += kVecWidth) {
            const VecI t = load(ar + ow0) - (splat(base + 2 * ow0) + lane2);
            const Vec v = load(g + ow0);
            const Vec lo = select(t == left, v, zero), hi = select(t == left + 1, v, zero);
            const int n = std::min(kVecWidth, OW - ow0);
            float* o = out + 2 * ow0;
            if (n == kVecWidth || o + 2 * kVecWidth <= dx_end) {
                store(o, zip_lo(lo, hi));
                store(o + kVecWidth, zip_hi(lo, hi));
            } else {
                alignas(64) float tmp[2 * kVecWidth];
                store(tmp, zip_lo(lo, hi));
                store(tmp + kVecWidth, zip_hi(lo, hi));
                for (int i = 0; i < 2 * n; ++i) o[i] = tmp[i];
            }
        }
    }
}

void max_pool2d_2x2_backward(float* dx, const float* dy, const int32_t* argmax, const PoolDims& dims) {
    const PoolDims d = dims;
    const size_t HW = size_t(d.H) * d.W, L = size_t(d.OH) * d.OW;
    const size_t span = size_t(simd::kVecWidth) * ((d.OW + simd::kVecWidth - 1) / simd::kVecWidth);
    const size_t total = size_t(d.P) * L;
    for_planes(d, [=](int64_t p0, int64_t p1) {
        for (int64_t p = p0; p < p1; ++p) {
            for (int oh = 0; oh < d.OH; ++oh) {
                float* d0 = dx + size_t(p) * HW + size_t(2 * oh) * d.W;
                const size_t o = size_t(p) * L + size_t(oh) * d.OW;
                max_unpool_row_2x2(d0, d0 + d.W, dy + o, argmax + o, d.OW, 2 * oh * d.W, d.W, o + span <= total,
                                   dx + size_t(p1) * HW);
            }
        }
    });
}

}  // namespace

// Row-wise: the output row oh is the running maximum, updated tap by tap (ih outer, kw inner), each
// tap a contiguous sweep over ow. For every window this visits its pixels in torch's row-major order,
// so ties and NaNs resolve identically, while the inner loop runs over many outputs at once.
void max_pool2d_forward(float* y, int32_t* argmax, const float* x, const PoolDims& dims) {
    const PoolDims d = dims;  // a local copy: stores through argmax cannot alias it
    if (is_pool_2x2(d)) {
        max_pool2d_2x2(y, argmax, x, d);
        return;
    }
    const size_t HW = size_t(d.H) * d.W, L = size_t(d.OH) * d.OW;
    for (int p = 0; p < d.P; ++p) {
        const float* plane = x + size_t(p) * HW;
        for (int oh = 0; oh < d.OH; ++oh) {
            float* yr = y + size_t(p) * L + size_t(oh) * d.OW;
            int32_t* ar = argmax + size_t(p) * L + size_t(oh) * d.OW;
            int h0 = oh * d.SH - d.PH;
            const int h1 = std::min(h0 + (d.KH - 1) * d.DH + 1, d.H);
            while (h0 < 0) h0 += d.DH;  // first tap inside the image
            // torch starts each window's index at its first in-image tap (kept if all are -inf).
            for (int ow = 0; ow < d.OW; ++ow) {
                int w0 = ow * d.SW - d.PW;
                const int w1 = std::min(w0 + (d.KW - 1) * d.DW + 1, d.W);
                while (w0 < 0) w0 += d.DW;
                yr[ow] = -std::numeric_limits<float>::infinity();
                ar[ow] = (h0 < h1 && w0 < w1) ? h0 * d.W + w0 : -1;
            }
            for (int ih = h0; ih < h1; ih += d.DH) {
                const float* row = plane + size_t(ih) * d.W;
                for (int kw = 0; kw < d.KW; ++kw) {
                    int lo, hi;
                    valid_range(d.OW, d.W, d.SW, d.PW, kw * d.DW, lo, hi);
                    const int off = kw * d.DW - d.PW;
                    for (int ow = lo; ow < hi; ++ow) {
                        const int iw = ow * d.SW + off;
                        float m = yr[ow];
                        int k = ar[ow];
                        take_if(row[iw], ih * d.W + iw, m, k);
                        yr[ow] = m;
                        ar[ow] = k;
                    }
                }
            }
        }
    }
}

void max_pool2d_backward(float* dx, const float* dy, const int32_t* argmax, const PoolDims& dims) {
    const PoolDims d = dims;
    if (is_pool_2x2(d) && 2 * d.OH == d.H && 2 * d.OW == d.W) {
        max_pool2d_2x2_backward(dx, dy, argmax, d);
        return;
    }
    const size_t HW = size_t(d.H) * d.W, L = size_t(d.OH) * d.OW;
    std::memset(dx, 0, sizeof(float) * HW * size_t(d.P));
    for (int p = 0; p < d.P; ++p) {
        float* plane = dx + size_t(p) * HW;
        for (size_t o = 0; o < L; ++o) {
            const int32_t i = argmax[size_t(p) * L + o];
            if (i >= 0) plane[i] += dy[size_t(p) * L + o];
        }
    }
}

// ---- Average ----

// Row-wise like max pooling: the output row accumulates each window's sum tap by tap (ih outer, kw
// inner, torch's summation order), then every entry is divided by its window's divisor.
void avg_pool2d_forward(float* y, const float* x, const PoolDims& dims, bool count_include_pad,
                        int divisor_override) {
    const PoolDims d = dims;  // a local copy: stores through y cannot alias it
    const size_t HW = size_t(d.H) * d.W, L = size_t(d.OH) * d.OW;
    for (int p = 0; p < d.P; ++p) {
        const float* plane = x + size_t(p) * HW;
        for (int oh = 0; oh < d.OH; ++oh) {
            float* yr = y + size_t(p) * L + size_t(oh) * d.OW;
            const AxisSpan hs = avg_axis(oh, d.SH, d.PH, d.KH, d.H);
            for (int ow = 0; ow < d.OW; ++ow) yr[ow] = 0.0f;
            for (int ih = hs.lo; ih < hs.hi; ++ih) {
                const float* row = plane + size_t(ih) * d.W;
                for (int kw = 0; kw < d.KW; ++kw) {
                    int lo, hi;
                    valid_range(d.OW, d.W, d.SW, d.PW, kw, lo, hi);
                    const int off = kw - d.PW;
                    for (int ow = lo; ow < hi; ++ow) yr[ow] += row[ow * d.SW + off];
                }
            }
            if (hs.empty()) continue;  // empty windows give 0, as torch
            for (int ow = 0; ow < d.OW; ++ow) {
                const AxisSpan ws = avg_axis(ow, d.SW, d.PW, d.KW, d.W);
                if (!ws.empty()) yr[ow] = yr[ow] / avg_divisor(hs, ws, count_include_pad, divisor_override);
            }
        }
    }
}

// dx[i] = sum over the windows w containing pixel i of dy[w] / divisor(w). The per-output quotients
// go through a small stack buffer, kChunk outputs at a time, so the scatter loops stay division-free.
void avg_pool2d_backward(float* dx, const float* dy, const PoolDims& dims, bool count_include_pad,
                         int divisor_override) {
    const PoolDims d = dims;
    constexpr int kChunk = 256;
    float g[kChunk];
    const size_t HW = size_t(d.H) * d.W, L = size_t(d.OH) * d.OW;
    std::memset(dx, 0, sizeof(float) * HW * size_t(d.P));
    for (int p = 0; p < d.P; ++p) {
        float* plane = dx + size_t(p) * HW;
        for (int oh = 0; oh < d.OH; ++oh) {
            const float* dyr = dy + size_t(p) * L + size_t(oh) * d.OW;
            const AxisSpan hs = avg_axis(oh, d.SH, d.PH, d.KH, d.H);
            if (hs.empty()) continue;
            for (int c0 = 0; c0 < d.OW; c0 += kChunk) {
                const int c1 = std::min(d.OW, c0 + kChunk);
                for (int ow = c0; ow < c1; ++ow) {
                    const AxisSpan ws = avg_axis(ow, d.SW, d.PW, d.KW, d.W);
                    g[ow - c0] = ws.empty() ? 0.0f : dyr[ow] / avg_divisor(hs, ws, count_include_pad, divisor_override);
                }
                for (int ih = hs.lo; ih < hs.hi; ++ih) {
                    float* row = plane + size_t(ih) * d.W;
                    for (int kw = 0; kw < d.KW; ++kw) {
                        int lo, hi;
                        valid_range(d.OW, d.W, d.SW, d.PW, kw, lo, hi);
                        lo = std::max(lo, c0);
                        hi = std::min(hi, c1);
                        const int off = kw - d.PW;
                        for (int ow = lo; ow < hi; ++ow) row[ow * d.SW + off] += g[ow - c0];
                    }
                }
            }
        }
    }
}

// ---- Adaptive average ----

void adaptive_avg_pool2d_forward(float* y, const float* x, const PoolDims& d) {
    const size_t HW = size_t(d.H) * d.W, L = size_t(d.OH) * d.OW;
    for (int p = 0; p < d.P; ++p) {
        const float* plane = x + size_t(p) * HW;
        for (int oh = 0; oh < d.OH; ++oh) {
            int h0, h1;
            adaptive_window(oh, d.OH, d.H, h0, h1);
            for (int ow = 0; ow < d.OW; ++ow) {
                int w0, w1;
                adaptive_window(ow, d.OW, d.W, w0, w1);
                float sum = 0.0f;
                for (int ih = h0; ih < h1; ++ih)
                    for (int iw = w0; iw < w1; ++iw) sum += plane[size_t(ih) * d.W + iw];
                y[size_t(p) * L + size_t(oh) * d.OW + ow] = sum / float((h1 - h0) * (w1 - w0));
            }
        }
    }
}

void adaptive_avg_pool2d_backward(float* dx, const float* dy, const PoolDims& d) {
    const size_t HW = size_t(d.H) * d.W, L = size_t(d.OH) * d.OW;
    std::memset(dx, 0, sizeof(float) * HW * size_t(d.P));
    for (int p = 0; p < d.P; ++p) {
        float* plane = dx + size_t(p) * HW;
        for (int oh = 0; oh < d.OH; ++oh) {
            int h0, h1;
            adaptive_window(oh, d.OH, d.H, h0, h1);
            for (int ow = 0; ow < d.OW; ++ow) {
                int w0, w1;
                adaptive_window(ow, d.OW, d.W, w0, w1);
                // torch divides twice: dy / kh / kw.
                const float g = dy[size_t(p) * L + size_t(oh) * d.OW + ow] / float(h1 - h0) / float(w1 - w0);
                for (int ih = h0; ih < h1; ++ih)
                    for (int iw = w0; iw < w1; ++iw) plane[size_t(ih) * d.W + iw] += g;
            }
        }
    }
}

LL_KERNELS_END
