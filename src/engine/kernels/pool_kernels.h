// Pooling kernels, as torch 1.13's CPU kernels (aten/src/ATen/native/cpu/{MaxPool,AvgPool,
// AdaptiveAvgPool}Kernel.cpp): same windows, same tie and divisor rules. Every plane (n, c) is pooled
// on its own; x: (N, C, H, W) seen as P = N*C planes, y: (P, OH, OW). Backward kernels overwrite dx.
#pragma once
#include <cstdint>

namespace ll {

struct PoolDims {
    int P = 1;            // planes: N * C
    int H = 1, W = 1, OH = 1, OW = 1;
    int KH = 1, KW = 1, SH = 1, SW = 1, PH = 0, PW = 0, DH = 1, DW = 1;
};

// torch's pooling_output_shape: floor (or ceil) of (in + 2P - D*(K-1) - 1) / S, plus 1; in ceil mode
// the last window is dropped when it would start past the input and its left padding.
int pool_output_size(int in, int k, int pad, int stride, int dilation, bool ceil_mode);

// Output (oh, ow) reads x[oh*SH - PH + i*DH, ow*SW - PW + j*DW] inside the image; y is the first
// maximum in row-major scan order (a NaN wins, as in torch); argmax is its index ih*W + iw within the
// plane (torch's return_indices), -1 if the window held no pixel.
void max_pool2d_forward(float* y, int32_t* argmax, const float* x, const PoolDims& d);
// dx = 0, then dx[argmax] += dy.
void max_pool2d_backward(float* dx, const float* dy, const int32_t* argmax, const PoolDims& d);

// Window [oh*SH - PH, +KH) clipped to the padded input [-PH, H + PH) gives pool_size; the sum runs
// over its part inside the image. Divisor: divisor_override if > 0, else pool_size when
// count_include_pad, else the number of image pixels summed. Empty windows give 0. (Dilation 1.)
void avg_pool2d_forward(float* y, const float* x, const PoolDims& d, bool count_include_pad, int divisor_override);
void avg_pool2d_backward(float* dx, const float* dy, const PoolDims& d, bool count_include_pad,
                         int divisor_override);

// Adaptive windows per axis: [floor(i*H/OH), ceil((i+1)*H/OH)). Only P, H, W, OH, OW of d are used.
void adaptive_avg_pool2d_forward(float* y, const float* x, const PoolDims& d);
void adaptive_avg_pool2d_backward(float* dx, const float* dy, const PoolDims& d);

}  // namespace ll
