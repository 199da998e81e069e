#include "engine/trainer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "engine/loss.h"

namespace ll {

Status check_targets(const Model& m, LossKind kind, const Shape& target_shape, const int64_t* classes, size_t n) {
    const Shape& out = m.output_shape();
    if (kind == LossKind::CrossEntropy) {
        if (out.size() != 1)
            return Status::error("cross_entropy needs the model to end in a vector of class scores, but its output is " +
                                 shape_str(out) + " per sample (add Flatten and Linear(out_features = classes))");
        if (target_shape.size() != 1 || size_t(target_shape[0]) != n)
            return Status::error("target must be a list of " + std::to_string(n) + " class indices, got shape [" +
                                 shape_str(target_shape) + "]");
        for (size_t i = 0; i < n; ++i) {
            if (classes[i] < 0 || classes[i] >= out[0])
                return Status::error("target[" + std::to_string(i) + "] = " + std::to_string(classes[i]) +
                                     " is not a class index in [0, " + std::to_string(out[0]) + ")");
        }
        return Status::ok();
    }
    const Shape want = batch_shape(int(n), out);
    if (target_shape != want)
        return Status::error("mse target must have the output's shape [" + shape_str(want) + "], got [" +
                             shape_str(target_shape) + "]");
    return Status::ok();
}

BatchSampler::BatchSampler(int n, int batch, bool shuffle, uint64_t seed)
    : n_(n), batch_(std::max(1, std::min(batch, n))), shuffle_(shuffle), rng_(seed), order_(size_t(n)) {
    std::iota(order_.begin(), order_.end(), 0);
    pos_ = n_;  // the first call starts epoch 0
}

bool BatchSampler::next(std::vector<int>& idx) {
    bool new_epoch = false;
    if (pos_ >= n_) {
        pos_ = 0;
        ++epoch_;
        new_epoch = true;
        if (shuffle_) {
            // Fisher-Yates with the engine's generator: the same seed gives the same order everywhere.
            for (int i = n_ - 1; i > 0; --i) std::swap(order_[size_t(i)], order_[rng_.below(uint32_t(i + 1))]);
        }
    }
    const int end = std::min(n_, pos_ + batch_);
    idx.assign(order_.begin() + pos_, order_.begin() + end);
    pos_ = end;
    return new_epoch;
}

void gather_rows(const Tensor& src, const std::vector<int>& idx, Tensor& dst) {
    const size_t row = src.numel() / size_t(src.dim(0));
    dst.resize_rows(src, int(idx.size()));
    for (size_t i = 0; i < idx.size(); ++i)
        std::memcpy(dst.data() + i * row, src.data() + size_t(idx[i]) * row, row * sizeof(float));
}

void gather_rows(const std::vector<int64_t>& src, const std::vector<int>& idx, std::vector<int64_t>& dst) {
    dst.resize(idx.size());
    for (size_t i = 0; i < idx.size(); ++i) dst[i] = src[size_t(idx[i])];
}

int argmax_row(const float* p, int n) {
    int best = 0;
    for (int i = 1; i < n; ++i)
        if (p[i] > p[best]) best = i;
    return best;
}

StepResult train_step(Model& m, Optimizer& opt, const Tensor& x, const Targets& t, LossKind kind, float l1,
                      StepScratch& scratch, Mode mode) {
    StepResult r;
    const Tensor& out = m.forward(x, mode);
    if (kind == LossKind::CrossEntropy) {
        r.loss = cross_entropy(out, t.classes, scratch.dout);
        const int N = out.dim(0), C = out.dim(1);
        for (int n = 0; n < N; ++n) r.correct += argmax_row(out.data() + size_t(n) * C, C) == t.classes[n];
    } else {
        r.loss = mse_loss(out, *t.values, scratch.dout);
    }
    m.zero_grad();
    m.backward(scratch.dout);
    const std::vector<ParamRef>& params = m.params();
    if (l1 != 0.0f) add_l1(params, l1);
    opt.step(params);
    return r;
}

EvalResult evaluate(Model& m, const Tensor& x, const std::vector<int64_t>& labels, int batch) {
    EvalResult r;
    const int N = x.dim(0);
    std::vector<int> idx;
    Tensor xb, dummy;
    std::vector<int64_t> yb;
    int correct = 0;
    double loss_sum = 0.0;
    for (int b = 0; b < N; b += batch) {
        idx.resize(size_t(std::min(batch, N - b)));
        std::iota(idx.begin(), idx.end(), b);
        gather_rows(x, idx, xb);
        gather_rows(labels, idx, yb);
        const Tensor& out = m.forward(xb, Mode::Eval);
        const int C = out.dim(1);
        loss_sum += double(cross_entropy(out, yb.data(), dummy)) * double(idx.size());
        for (size_t n = 0; n < idx.size(); ++n) correct += argmax_row(out.data() + n * size_t(C), C) == yb[n];
    }
    r.loss = N ? loss_sum / N : 0.0;
    r.accuracy = N ? double(correct) / N : 0.0;
    return r;
}

}  // namespace ll
