// Stride-1 Conv2d without im2col ("implicit GEMM"), used by conv_kernels.cpp when it applies.
//
// With the image zero-padded into a (C, Hp, Wp) buffer, tap (c, kh, kw) of output (oh, ow) reads
// pad[c*Hp*Wp + kh*DH*Wp + kw*DW + oh*Wp + ow]. Counting outputs on the padded width (l = oh*Wp + ow,
// the Wp - OW extra columns computed and dropped), row k = (c, kh, kw) of the im2col matrix is the
// contiguous run pad + off(k) + l: the GEMM micro-kernel reads its B vectors straight from the padded
// image, one offset per k. Backward: dx is the same correlation of dy, padded by (K-1)*D - P, with the
// kernel flipped and transposed (C and OC swapped); dW sums dy (x) pad over the padded width with
// 16-lane dot products (fixed lanes, so every SIMD width sums in the same order).
#pragma once
#include <cstddef>

#include "engine/kernels/conv_kernels.h"

namespace ll {

// Stride 1, padding at most the dilated kernel's reach ((K-1)*D per axis), kernel at most 256 taps.
bool conv2d_implicit_ok(const ConvDims& d);
// Floats of workspace for dims d (N included) and `threads` threads.
size_t conv2d_implicit_workspace(const ConvDims& d, int threads);
void conv2d_implicit_forward(float* y, const float* x, const float* w, const float* b, float* ws, const ConvDims& d);
void conv2d_implicit_backward(float* dx, float* dw, float* db, const float* dy, const float* x, const float* w,
                              float* ws, const ConvDims& d);

}  // namespace ll
