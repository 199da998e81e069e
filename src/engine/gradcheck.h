// Finite-difference check of a layer's backward. The loss is L = sum(y * r) for a fixed random r, so
// dL/dy = r; the analytic gradients from backward(r) are compared with central differences
// (L(v + eps) - L(v - eps)) / 2eps, the loss summed in double precision. Randomness in train mode
// (Dropout masks) is replayed from the same generator state for every evaluation.
#pragma once
#include <string>

#include "engine/layers/layer.h"

namespace ll {

struct GradcheckOptions {
    float eps = 1e-2f;      // float32 forward: a larger step keeps rounding noise small
    double tol = 2e-2;      // |a - n| <= tol * max(1, |a|, |n|)
    int max_checks = 160;   // per tensor, spread evenly over its elements
    Mode mode = Mode::Train;
};

struct GradcheckResult {
    bool ok = true;
    double max_error = 0.0;
    std::string worst;  // e.g. "weight[3]: analytic 0.41, numeric 0.38"
    int checked = 0;
};

GradcheckResult gradcheck(Layer& layer, const Tensor& x, Rng& rng, const GradcheckOptions& opt = {});

}  // namespace ll
