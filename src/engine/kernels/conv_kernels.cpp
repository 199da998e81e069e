// Convolutions as GEMMs over im2col columns, one (sample, group) at a time, so the workspace is one
// group's columns: (C/G * KH * KW) x (OH * OW) floats. Stride-1 Conv2d (every reference network's)
// takes the faster implicit GEMM of conv_implicit.h instead, which needs no im2col at all.
//
// Conv2d, per sample n and group g (Kg = C/G*KH*KW, L = OH*OW):
//   forward   Y_g (OC/G x L)  = W_g (OC/G x Kg) * cols (Kg x L)             + b
//   backward  dW_g            += dY_g (OC/G x L) * cols^T (L x Kg)
//             dcols (Kg x L)   = W_g^T * dY_g,   dX_g = col2im(dcols)
// ConvTranspose2d swaps the roles: its forward is Conv2d's input-gradient, its input-gradient is
// Conv2d's forward (Mg = OC/G*KH*KW, weight rows of group g form a (C/G x Mg) matrix):
//   forward   cols (Mg x HW)   = W_g^T * X_g,    Y_g = col2im(cols) + b
//   backward  dcols            = im2col(dY_g),   dX_g = W_g * dcols,   dW_g += X_g * dcols^T
#include "engine/kernels/conv_kernels.h"
#include "engine/kernels/isa.h"

#include <algorithm>
#include <cstring>

#include "engine/kernels/conv_implicit.h"
#include "engine/kernels/gemm.h"
#include "engine/parallel.h"

LL_KERNELS_BEGIN

// Output positions o in [lo, hi) of one axis whose input index o*S - P + kd lies in [0, I);
// kd = k*D is the kernel tap's offset. Solving the two inequalities once per tap keeps the copy
// loops free of bounds tests.
void valid_range(int O, int I, int S, int P, int kd, int& lo, int& hi) {
    const int a = P - kd;  // o*S >= a
    lo = a <= 0 ? 0 : (a + S - 1) / S;
    const int b = I - 1 + P - kd;  // o*S <= b
    hi = b < 0 ? 0 : b / S + 1;
    lo = std::min(lo, O);
    hi = std::max(lo, std::min(hi, O));
}

namespace {


// A 1x1, stride-1, unpadded convolution's columns are its input itself: skip im2col.
bool conv_is_direct(const ConvDims& d) {
    return d.KH == 1 && d.KW == 1 && d.SH == 1 && d.SW == 1 && d.PH == 0 && d.PW == 0 && d.OH == d.H &&
           d.OW == d.W;
}

// Conv2d: the image is the input, the column grid the output.
ColGeom conv_geom(const ConvDims& d) {
    return ColGeom{d.C / d.G, d.H, d.W, d.KH, d.KW, d.SH, d.SW, d.PH, d.PW, d.DH, d.DW, d.OH, d.OW};
}

// ConvTranspose2d: the image is the output, the column grid the input (the adjoint's geometry).
ColGeom transpose_geom(const ConvDims& d) {
    return ColGeom{d.OC / d.G, d.OH, d.OW, d.KH, d.KW, d.SH, d.SW, d.PH, d.PW, d.DH, d.DW, d.H, d.W};
}

// y (N, OC, L) += b[o] on every position of channel o.
void add_bias(float* y, const float* b, int N, int OC, size_t L) {
    for (int n = 0; n < N; ++n)
        for (int o = 0; o < OC; ++o) {
            float* row = y + (size_t(n) * OC + o) * L;
            const float v = b[o];
            for (size_t i = 0; i < L; ++i) row[i] += v;
        }
}

// db[o] += sum over (N, L) of dy (N, OC, L).
void bias_grad(float* db, const float* dy, int N, int OC, size_t L) {
    for (int n = 0; n < N; ++n)
        for (int o = 0; o < OC; ++o) {
            const float* row = dy + (size_t(n) * OC + o) * L;
            float s = 0.0f;
            for (size_t i = 0; i < L; ++i) s += row[i];
            db[o] += s;
        }
}

}  // namespace

// ---- im2col / col2im ----

void im2col(float* cols, const float* img, const ColGeom& g) {
    const size_t L = size_t(g.OH) * g.OW;
    for (int c = 0; c < g.C; ++c) {
        const float* plane = img + size_t(c) * g.H * g.W;
        for (int kh = 0; kh < g.KH; ++kh) {
            int oh_lo, oh_hi;
            valid_range(g.OH, g.H, g.SH, g.PH, kh * g.DH, oh_lo, oh_hi);
            for (int kw = 0; kw < g.KW; ++kw) {
                int ow_lo, ow_hi;
                valid_range(g.OW, g.W, g.SW, g.PW, kw * g.DW, ow_lo, ow_hi);
                float* row = cols + ((size_t(c) * g.KH + kh) * g.KW + kw) * L;
                std::fill(row, row + size_t(oh_lo) * g.OW, 0.0f);
                std::fill(row + size_t(oh_hi) * g.OW, row + L, 0.0f);
                const int off = kw * g.DW - g.PW;
                for (int oh = oh_lo; oh < oh_hi; ++oh) {
                    float* dst = row + size_t(oh) * g.OW;
                    const float* src = plane + size_t(oh * g.SH - g.PH + kh * g.DH) * g.W;
                    for (int ow = 0; ow < ow_lo; ++ow) dst[ow] = 0.0f;
                    if (g.SW == 1) {
                        for (int ow = ow_lo; ow < ow_hi; ++ow) dst[ow] = src[ow + off];
                    } else {
                        for (int ow = ow_lo; ow < ow_hi; ++ow) dst[ow] = src[ow * g.SW + off];
                    }
                    for (int ow = ow_hi; ow < g.OW; ++ow) dst[ow] = 0.0f;
                }
            }
        }
    }
}

void col2im(float* img, const float* cols, const ColGeom& g) {
    const size_t L = size_t(g.OH) * g.OW;
    for (int c = 0; c < g.C; ++c) {
        float* plane = img + size_t(c) * g.H * g.W;
        for (int kh = 0; kh < g.KH; ++kh) {
            int oh_lo, oh_hi;
            valid_range(g.OH, g.H, g.SH, g.PH, kh * g.DH, oh_lo, oh_hi);
            for (int kw = 0; kw < g.KW; ++kw) {
                int ow_lo, ow_hi;
                valid_range(g.OW, g.W, g.SW, g.PW, kw * g.DW, ow_lo, ow_hi);
                const float* row = cols + ((size_t(c) * g.KH + kh) * g.KW + kw) * L;
                const int off = kw * g.DW - g.PW;
                for (int oh = oh_lo; oh < oh_hi; ++oh) {
                    const float* src = row + size_t(oh) * g.OW;
                    float* dst = plane + size_t(oh * g.SH - g.PH + kh * g.DH) * g.W;
                    if (g.SW == 1) {
                        for (int ow = ow_lo; ow < ow_hi; ++ow) dst[ow + off] += src[ow];
                    } else {
                        for (int ow = ow_lo; ow < ow_hi; ++ow) dst[ow * g.SW + off] += src[ow];
                    }
                }
            }
        }
    }
}

// ---- Conv2d ----

size_t conv2d_cols_size(const ConvDims& d) {
    if (conv2d_implicit_ok(d)) return conv2d_implicit_workspace(d, num_threads());
    if (conv_is_direct(d)) return 0;
    return size_t(d.C / d.G) * d.KH * d.KW * size_t(d.OH) * d.OW;
}

void conv2d_forward(float* y, const float* x, const float* w, const float* b, float* cols, const ConvDims& d) {
    if (conv2d_implicit_ok(d)) {
        conv2d_implicit_forward(y, x, w, b, cols, d);
        return;
    }
    const int Cg = d.C / d.G, OCg = d.OC / d.G, Kg = Cg * d.KH * d.KW;
    const int L = d.OH * d.OW;
    const size_t HW = size_t(d.H) * d.W;
    const bool direct = conv_is_direct(d);
    const ColGeom geom = conv_geom(d);
    for (int n = 0; n < d.N; ++n) {
        for (int g = 0; g < d.G; ++g) {
            const float* xg = x + (size_t(n) * d.C + size_t(g) * Cg) * HW;
            const float* colp = xg;
            if (!direct) {
                isa::im2col(cols, xg, geom);
                colp = cols;
            }
            float* yg = y + (size_t(n) * d.OC + size_t(g) * OCg) * L;
            sgemm(false, false, OCg, L, Kg, 1.0f, w + size_t(g) * OCg * Kg, Kg, colp, L, 0.0f, yg, L);
        }
    }
    if (b) add_bias(y, b, d.N, d.OC, size_t(L));
}

void conv2d_backward(float* dx, float* dw, float* db, const float* dy, const float* x, const float* w,
                     float* cols, const ConvDims& d) {
    if (conv2d_implicit_ok(d)) {
        conv2d_implicit_backward(dx, dw, db, dy, x, w, cols, d);
        return;
    }
    const int Cg = d.C / d.G, OCg = d.OC / d.G, Kg = Cg * d.KH * d.KW;
    const int L = d.OH * d.OW;
    const size_t HW = size_t(d.H) * d.W;
    const bool direct = conv_is_direct(d);
    const ColGeom geom = conv_geom(d);
    if (dx && !direct) std::memset(dx, 0, sizeof(float) * size_t(d.N) * d.C * HW);
    for (int n = 0; n < d.N; ++n) {
        for (int g = 0; g < d.G; ++g) {
            const float* xg = x + (size_t(n) * d.C + size_t(g) * Cg) * HW;
            const float* dyg = dy + (size_t(n) * d.OC + size_t(g) * OCg) * L;
            const float* wg = w + size_t(g) * OCg * Kg;
            if (dw) {
                const float* colp = xg;
                if (!direct) {
                    isa::im2col(cols, xg, geom);
                    colp = cols;
                }
                sgemm(false, true, OCg, Kg, L, 1.0f, dyg, L, colp, L, 1.0f, dw + size_t(g) * OCg * Kg, Kg);
            }
            if (dx) {
                float* dxg = dx + (size_t(n) * d.C + size_t(g) * Cg) * HW;
                if (direct) {
                    sgemm(true, false, Kg, L, OCg, 1.0f, wg, Kg, dyg, L, 0.0f, dxg, L);
                } else {
                    sgemm(true, false, Kg, L, OCg, 1.0f, wg, Kg, dyg, L, 0.0f, cols, L);
                    isa::col2im(dxg, cols, geom);
                }
            }
        }
    }
    if (db) bias_grad(db, dy, d.N, d.OC, size_t(L));
}

// ---- ConvTranspose2d ----

size_t conv_transpose2d_cols_size(const ConvDims& d) {
    if (conv_is_direct(d)) return 0;
    return size_t(d.OC / d.G) * d.KH * d.KW * size_t(d.H) * d.W;
}

void conv_transpose2d_forward(float* y, const float* x, const float* w, const float* b, float* cols,
                              const ConvDims& d) {
    const int Cg = d.C / d.G, OCg = d.OC / d.G, Mg = OCg * d.KH * d.KW;
    const int HW = d.H * d.W;
    const size_t L = size_t(d.OH) * d.OW;
    const bool direct = conv_is_direct(d);
    const ColGeom geom = transpose_geom(d);
    if (!direct) std::memset(y, 0, sizeof(float) * size_t(d.N) * d.OC * L);
    for (int n = 0; n < d.N; ++n) {
        for (int g = 0; g < d.G; ++g) {
            const float* xg = x + (size_t(n) * d.C + size_t(g) * Cg) * HW;
            const float* wg = w + size_t(g) * Cg * Mg;
            float* yg = y + (size_t(n) * d.OC + size_t(g) * OCg) * L;
            if (direct) {
                sgemm(true, false, Mg, HW, Cg, 1.0f, wg, Mg, xg, HW, 0.0f, yg, HW);
            } else {
                sgemm(true, false, Mg, HW, Cg, 1.0f, wg, Mg, xg, HW, 0.0f, cols, HW);
                isa::col2im(yg, cols, geom);
            }
        }
    }
    if (b) add_bias(y, b, d.N, d.OC, L);
}

void conv_transpose2d_backward(float* dx, float* dw, float* db, const float* dy, const float* x,
                               const float* w, float* cols, const ConvDims& d) {
    const int Cg = d.C / d.G, OCg = d.OC / d.G, Mg = OCg * d.KH * d.KW;
    const int HW = d.H * d.W;
    const size_t L = size_t(d.OH) * d.OW;
    const bool direct = conv_is_direct(d);
    const ColGeom geom = transpose_geom(d);
    for (int n = 0; n < d.N; ++n) {
        for (int g = 0; g < d.G; ++g) {
            const float* dyg = dy + (size_t(n) * d.OC + size_t(g) * OCg) * L;
            const float* colp = dyg;
            if (!direct) {
                isa::im2col(cols, dyg, geom);
                colp = cols;
            }
            const float* wg = w + size_t(g) * Cg * Mg;
            const size_t xoff = (size_t(n) * d.C + size_t(g) * Cg) * HW;
            if (dx) sgemm(false, false, Cg, HW, Mg, 1.0f, wg, Mg, colp, HW, 0.0f, dx + xoff, HW);
            if (dw) sgemm(false, true, Cg, Mg, HW, 1.0f, x + xoff, HW, colp, HW, 1.0f, dw + size_t(g) * Cg * Mg, Mg);
        }
    }
    if (db) bias_grad(db, dy, d.N, d.OC, L);
}

LL_KERNELS_END
