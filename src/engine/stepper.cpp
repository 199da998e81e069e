#include "engine/stepper.h"

#include <algorithm>

#include "engine/loss.h"
#include "engine/trainer.h"

namespace ll {

const char* phase_name(Phase p) {
    switch (p) {
        case Phase::Forward: return "forward";
        case Phase::Loss: return "loss";
        case Phase::Backward: return "backward";
        case Phase::Update: return "update";
    }
    return "?";
}

Status Stepper::reset(Model* model, const Tensor& x, int64_t target, const OptimConfig& opt, Mode mode) {
    model_ = model;
    x_ = x;
    target_ = target;
    cfg_ = opt;
    mode_ = mode;
    LL_TRY(check_optim_config(opt));
    LL_TRY(model->check_batch(1, mode));
    const Shape& out = model->output_shape();
    trainable_ = out.size() == 1 && out[0] >= 2;
    if (trainable_ && (target < 0 || target >= out[0]))
        return Status::error("the target class " + std::to_string(target) + " is not one of the model's " +
                             std::to_string(out[0]) + " classes");

    order_.clear();
    const int L = int(model->size());
    for (int i = 0; i < L; ++i) order_.push_back({0, Phase::Forward, i});
    if (trainable_) {
        order_.push_back({0, Phase::Loss, L - 1});
        for (int i = L - 1; i >= 0; --i) order_.push_back({0, Phase::Backward, i});
        for (int i = 0; i < L; ++i)
            if (!model->layer(size_t(i)).params().empty()) order_.push_back({0, Phase::Update, i});
    }
    if (order_.empty()) return Status::error("the network has no layers to step through");

    start_params_.clear();
    start_buffers_.clear();
    start_counts_.clear();
    for (const ParamRef& p : model->params()) start_params_.push_back(*p.value);
    for (const BufferRef& b : model->buffers()) {
        start_buffers_.push_back(b.value ? *b.value : Tensor());
        start_counts_.push_back(b.count ? *b.count : 0);
    }
    restore_start();
    compute_iteration();
    index_ = 0;
    return Status::ok();
}

StepPosition Stepper::position_of(int64_t index) const {
    const int per = int(order_.size());
    StepPosition p = order_[size_t(index % per)];
    p.iteration = int(index / per);
    return p;
}

void Stepper::restore_start() {
    std::vector<ParamRef> ps = model_->params();
    for (size_t i = 0; i < ps.size(); ++i) *ps[i].value = start_params_[i];
    std::vector<BufferRef> bs = model_->buffers();
    for (size_t i = 0; i < bs.size(); ++i) {
        if (bs[i].value) *bs[i].value = start_buffers_[i];
        else *bs[i].count = start_counts_[i];
    }
    opt_ = make_optimizer(cfg_);
    computed_iteration_ = 0;
    applied_ = false;
}

void Stepper::compute_iteration() {
    const Tensor& out = model_->forward(x_, mode_);
    if (!trainable_) return;
    loss_ = cross_entropy(out, &target_, dout_);
    softmax_rows(out, probs_);
    predicted_ = argmax_row(out.data(), out.dim(1));
    model_->zero_grad();
    model_->backward(dout_);
}

void Stepper::apply_update() {
    if (!trainable_) return;
    const std::vector<ParamRef> ps = model_->params();
    before_.resize(ps.size());
    for (size_t i = 0; i < ps.size(); ++i) before_[i] = *ps[i].value;
    opt_->step(ps);
    applied_ = true;
}

void Stepper::step(int n) { go_to(std::max<int64_t>(0, index_ + n)); }

void Stepper::go_to(int64_t index) {
    index = std::max<int64_t>(0, index);
    const StepPosition want = position_of(index);
    if (want.iteration < computed_iteration_ || (want.iteration == computed_iteration_ && applied_ &&
                                                 want.phase != Phase::Update)) {
        // Going back past an update: start again and replay the iterations before this one.
        restore_start();
        for (int k = 0; k < want.iteration; ++k) {
            compute_iteration();
            apply_update();
            ++computed_iteration_;
            applied_ = false;
        }
        compute_iteration();
    }
    while (computed_iteration_ < want.iteration) {
        if (!applied_) apply_update();
        ++computed_iteration_;
        applied_ = false;
        compute_iteration();
    }
    if (want.phase == Phase::Update && !applied_) apply_update();
    index_ = index;
}

}  // namespace ll
