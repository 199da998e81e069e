// Weight-gradient entries written out as their sums of products, for the Network lab's backward view.
// A parameter's gradient is a sum over every place the parameter was used:
//   Conv2d  dL/dW[o, c, i, j] = sum over n, y, x of dL/dY[n, o, y, x] * X[n, g*C/G + c, y*S + i*D - P, x*S + j*D - P]
//           (g = o / (OC/G) the group of output channel o; X is 0 outside the input: padding)
//           dL/db[o]          = sum over n, y, x of dL/dY[n, o, y, x]
//   Linear  dL/dW[o, i]       = sum over n of dL/dy[n, o] * x[n, i]      (batch 1: the outer product dy x^T)
//           dL/db[o]          = sum over n of dL/dy[n, o]
// The layers compute these with im2col and sgemm; these functions walk the definition one term at a time
// (in double) so the lab can show a few terms and a total that equals the layer's own gradient.
#pragma once
#include <vector>

#include "engine/layers/conv.h"
#include "engine/tensor.h"

namespace ll {

// One term of an entry: dy * x, read at output position (n, y, x) and input position (iy, ix).
struct GradTerm {
    int n = 0, y = 0, x = 0;
    int iy = 0, ix = 0;
    bool inside = true;    // false: the kernel tap fell on padding (x = 0)
    float dy = 0.0f;
    float x_val = 1.0f;    // 1 for a bias term
    double product() const { return double(dy) * double(x_val); }
};

struct GradEntry {
    double sum = 0.0;              // every term
    int count = 0;                 // number of terms (N * OH * OW for a conv)
    std::vector<GradTerm> top;     // the max_terms terms of largest |product|, largest first
    double top_sum() const;        // the sum of `top`; sum - top_sum() is what the other terms add
};

// x: (N, C, H, W) the layer's input, dy: (N, OC, OH, OW) the gradient of its output; c indexes the
// weight's dim 1 (an input channel of o's group). Requires the indices in range.
GradEntry conv2d_weight_grad_entry(const Tensor& x, const Tensor& dy, const ConvOptions& o, int oc, int c, int i,
                                   int j, int max_terms);
// dy: (N, OC, OH, OW) or (N, OUT).
GradEntry bias_grad_entry(const Tensor& dy, int oc, int max_terms);
// x: (N, IN), dy: (N, OUT).
GradEntry linear_weight_grad_entry(const Tensor& x, const Tensor& dy, int o, int i, int max_terms);

// The forward counterpart, for the Linear layer's detail: y[n, o] = b[o] + sum over i of W[o, i] * x[n, i],
// one term per input i (in each term dy holds W[o, i] and x_val x[n, i]; the bias is not among the terms).
// x: (N, IN), W: (OUT, IN).
GradEntry linear_output_entry(const Tensor& x, const Tensor& W, int n, int o, int max_terms);

}  // namespace ll
