// Folding an evaluation-mode BatchNorm into the convolution before it: at test time BatchNorm is an affine
// map per channel, y = gamma * (conv(x) - mean) / sqrt(var + eps) + beta with the running statistics, so
// it can be merged into the conv's weights and bias and costs nothing:
//   s = gamma / sqrt(running_var + eps),  w'[o] = w[o] * s[o],  b'[o] = (b[o] - running_mean[o]) * s[o] + beta[o]
// (b = 0 for a conv without bias). The Network lab shows w', b' and that the folded conv gives the same
// output; the CLI and tests share this code.
#pragma once
#include "engine/layers/conv.h"
#include "engine/layers/norm.h"
#include "engine/status.h"
#include "engine/tensor.h"

namespace ll {

struct FoldedConv {
    Tensor weight;  // the conv's weight shape, (OC, C/G, KH, KW)
    Tensor bias;    // (OC)
    Tensor scale;   // s, (OC)
};

// Needs a BatchNorm2d with running statistics whose channels are the conv's outputs.
Status fold_batchnorm(const Conv2d& conv, const BatchNorm& bn, FoldedConv& out);

// The folded conv applied to x (N, C, H, W): what conv then BatchNorm in eval mode give, in one conv.
Status folded_forward(const Conv2d& conv, const FoldedConv& folded, const Tensor& x, Tensor& y);

// max |folded conv(x) - reference| over every value, reference being what conv then BatchNorm gave for x.
Status folded_difference(const Conv2d& conv, const FoldedConv& folded, const Tensor& x, const Tensor& reference,
                         double& max_diff);

}  // namespace ll
