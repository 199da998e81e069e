// Convolution kernels: im2col / col2im, and Conv2d / ConvTranspose2d forward and backward built on
// them and sgemm. Stateless pointer + dims functions; the caller owns every buffer, including the
// column workspace `cols` of conv_cols_size() floats. Backward kernels overwrite dx and accumulate
// into dw / db (the layer zeroes them per step), as everywhere in the engine.
//
// Cross-correlation, as torch: y[n, o, oh, ow] = b[o] + sum_{c, kh, kw} w[o, c, kh, kw] *
//   x[n, g*C/G + c, oh*SH - PH + kh*DH, ow*SW - PW + kw*DW]   (o in group g, zero outside the image).
// ConvTranspose2d is the adjoint of that map (torch's conv_transpose2d): each input pixel scatters
// w[c, o, kh, kw] * x into y[o, h*SH - PH + kh*DH, w*SW - PW + kw*DW].
// Reference: Chellapilla et al., "High performance convolutional neural networks for document
// processing" (2006) for im2col + GEMM.
#pragma once
#include <cstddef>

namespace ll {

// Output positions o in [lo, hi) of one axis (O outputs, I inputs, stride S, padding P) whose tap
// o*S - P + kd falls inside [0, I); shared by the conv and pool kernels.
void valid_range(int O, int I, int S, int P, int kd, int& lo, int& hi);

// Geometry of one convolution. For Conv2d, (C, H, W) is the input and (OC, OH, OW) the output.
// For ConvTranspose2d, (C, H, W) is still the input and (OC, OH, OW) the larger output.
struct ConvDims {
    int N = 1, C = 1, H = 1, W = 1;
    int OC = 1, OH = 1, OW = 1;
    int KH = 1, KW = 1, SH = 1, SW = 1, PH = 0, PW = 0, DH = 1, DW = 1;
    int G = 1;
};

// One image plane stack (C, H, W) <-> columns (C*KH*KW, OH*OW): row (c, kh, kw), column (oh, ow)
// holds img[c, oh*SH - PH + kh*DH, ow*SW - PW + kw*DW], zero where that falls outside the image.
// OH, OW are given, not derived, so ConvTranspose2d can use the adjoint with any output_padding.
struct ColGeom {
    int C, H, W;        // image
    int KH, KW, SH, SW, PH, PW, DH, DW;
    int OH, OW;         // column grid
};
void im2col(float* cols, const float* img, const ColGeom& g);
// img += col2im(cols): every column entry is added back to the pixel it was read from.
void col2im(float* img, const float* cols, const ColGeom& g);

// Floats of workspace the conv kernels need for dims d, batch size d.N included, with num_threads()
// threads (0 when a 1x1 stride-1 unpadded Conv2d reads its input directly). Stride-1 Conv2d runs the
// implicit GEMM of conv_implicit.h; its workspace grows with N and the thread count, so callers size
// it before every call (a no-op while both stay the same).
size_t conv2d_cols_size(const ConvDims& d);
size_t conv_transpose2d_cols_size(const ConvDims& d);

// x: (N, C, H, W); w: (OC, C/G, KH, KW); b: (OC) or null; y: (N, OC, OH, OW).
void conv2d_forward(float* y, const float* x, const float* w, const float* b, float* cols, const ConvDims& d);
// dy: (N, OC, OH, OW). dx = W^T-conv of dy (overwritten, may be null to skip); dw += dy (x) cols;
// db += sum of dy over (N, OH, OW) (db may be null).
void conv2d_backward(float* dx, float* dw, float* db, const float* dy, const float* x, const float* w,
                     float* cols, const ConvDims& d);

// x: (N, C, H, W); w: (C, OC/G, KH, KW); b: (OC) or null; y: (N, OC, OH, OW).
void conv_transpose2d_forward(float* y, const float* x, const float* w, const float* b, float* cols,
                              const ConvDims& d);
void conv_transpose2d_backward(float* dx, float* dw, float* db, const float* dy, const float* x,
                               const float* w, float* cols, const ConvDims& d);

}  // namespace ll
