// Losses (see loss.h). Sums over a row or the batch are accumulated in double: the loss is shown to the
// user and compared with torch, and a float sum over many elements drifts.
#include "engine/loss.h"

#include <algorithm>
#include <cmath>

#include "engine/status.h"

namespace ll {

namespace {

// Row softmax of x (C) into p (C), in the numerically safe form p_c = exp(x_c - m) / sum_k exp(x_k - m),
// m = max_k x_k. Returns log(sum_k exp(x_k - m)) + m = logsumexp(x).
double softmax_row(const float* x, float* p, int C) {
    float m = x[0];
    for (int c = 1; c < C; ++c) m = std::max(m, x[c]);
    double sum = 0.0;
    for (int c = 0; c < C; ++c) {
        p[c] = std::exp(x[c] - m);
        sum += double(p[c]);
    }
    const float inv = float(1.0 / sum);
    for (int c = 0; c < C; ++c) p[c] *= inv;
    return double(m) + std::log(sum);
}

}  // namespace

void softmax_rows(const Tensor& logits, Tensor& probs) {
    LL_ASSERT(logits.ndim() == 2, "softmax_rows needs logits (N, C)");
    const int N = logits.dim(0), C = logits.dim(1);
    probs.resize(logits.shape());
    for (int n = 0; n < N; ++n) softmax_row(logits.data() + size_t(n) * C, probs.data() + size_t(n) * C, C);
}

// L = 1/N sum_n (logsumexp(x_n) - x_n[t_n]);  dL/dx_n[c] = (softmax(x_n)[c] - [c == t_n]) / N.
float cross_entropy(const Tensor& logits, const int64_t* target, Tensor& dlogits) {
    LL_ASSERT(logits.ndim() == 2 && logits.dim(1) > 0, "cross_entropy needs logits (N, C)");
    const int N = logits.dim(0), C = logits.dim(1);
    dlogits.resize(logits.shape());
    if (N == 0) return 0.0f;
    const float inv_n = 1.0f / float(N);
    double total = 0.0;
    for (int n = 0; n < N; ++n) {
        const int64_t t = target[n];
        LL_ASSERT(t >= 0 && t < C, "cross_entropy target out of range [0, C)");
        const float* x = logits.data() + size_t(n) * C;
        float* d = dlogits.data() + size_t(n) * C;
        const double lse = softmax_row(x, d, C);
        total += lse - double(x[t]);
        d[t] -= 1.0f;
        for (int c = 0; c < C; ++c) d[c] *= inv_n;
    }
    return float(total / N);
}

// L = 1/M sum_i (p_i - t_i)^2 over all M elements;  dL/dp_i = 2 (p_i - t_i) / M.
float mse_loss(const Tensor& pred, const Tensor& target, Tensor& dpred) {
    LL_ASSERT(pred.numel() == target.numel(), "mse_loss: pred and target differ in size");
    const size_t M = pred.numel();
    dpred.resize(pred.shape());
    if (M == 0) return 0.0f;
    const float k = 2.0f / float(M);
    double total = 0.0;
    for (size_t i = 0; i < M; ++i) {
        const float diff = pred[i] - target[i];
        total += double(diff) * double(diff);
        dpred[i] = k * diff;
    }
    return float(total / double(M));
}

}  // namespace ll
