#include "engine/training_run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/init.h"

namespace ll {

const char* run_state_name(RunState s) {
    switch (s) {
        case RunState::Running: return "running";
        case RunState::EpochDone: return "epoch_done";
        case RunState::Finished: return "finished";
        case RunState::StoppedEarly: return "stopped_early";
        case RunState::Diverged: return "diverged";
    }
    return "?";
}

namespace {

Status check_data(const Model& m, const Dataset& ds, const char* what) {
    if (ds.size() == 0) return Status::error(std::string("the ") + what + " set has no images");
    const Shape sample(ds.images.shape().begin() + 1, ds.images.shape().end());
    if (sample != m.input_shape())
        return Status::error(std::string(what) + " images are " + shape_str(sample) + " but the model's input_shape is " +
                             shape_str(m.input_shape()));
    return check_targets(m, LossKind::CrossEntropy, {ds.size()}, ds.labels.data(), size_t(ds.size()))
        .with_context(std::string(what) + " set: ");
}

}  // namespace

// ---- Start ----

Status TrainingRun::start(Model& model, const Dataset& train, const Dataset& test, const RunConfig& config) {
    // Every check first: a refused start leaves the model and the run as they were.
    LL_TRY(check_run_config(config));
    LL_TRY(check_data(model, train, "training"));
    LL_TRY(check_data(model, test, "test"));
    DataSplit split;
    LL_TRY(make_split(train.size(), config.train_size, config.val_size, config.seed, split));
    // Otherwise every batch would be skipped and the run would "train" without a step.
    const int full_batch = std::min(config.batch_size, int(split.train.size()));
    LL_TRY(model.check_batch(full_batch, Mode::Train)
               .with_context("a batch of " + std::to_string(full_batch) + " training image(s) cannot train: "));

    if (config.init != "continue") {
        InitKind kind = InitKind::Default;
        LL_TRY(parse_init_kind(config.init, kind));
        Rng init_rng(config.seed);  // the draws of `layerlab train --seed` (cli/common.cpp load_weights before)
        init_model(model, kind, init_rng);
    }
    model_ = &model;
    train_ = &train;
    test_ = &test;
    config_ = config;
    split_ = std::move(split);
    opt_ = make_optimizer(config.optim);
    dropout_rng_ = std::make_unique<Rng>(config.seed);
    model.set_rng(dropout_rng_.get());
    const int n = int(split_.train.size());
    sampler_ = std::make_unique<BatchSampler>(n, config.batch_size, true, batch_seed(config.seed));

    const long steps_per_epoch = (n + config.batch_size - 1) / config.batch_size;
    schedule_ = Schedule();
    schedule_.kind = config.schedule;
    schedule_.total_steps = steps_per_epoch * config.epochs;
    schedule_.step_size = steps_per_epoch;  // step decay: once per epoch
    schedule_.warmup_steps = config.warmup_steps;

    state_ = RunState::Running;
    message_.clear();
    history_ = RunHistory();
    history_.step_loss.reserve(size_t(schedule_.total_steps));
    epoch_ = epoch_images_ = epoch_trained_ = epoch_correct_ = 0;
    epoch_steps_ = 0;
    epoch_loss_sum_ = 0.0;
    step_ = 0;
    images_processed_ = 0;
    best_val_ = 0.0;
    best_params_.clear();
    best_buffers_.clear();
    best_counts_.clear();
    grad_norm_sum_.assign(model.size(), 0.0);
    layer_sq_.assign(model.size(), 0.0);
    param_layer_.clear();
    for (const ParamRef& p : model.params()) {  // "{i}.weight" -> i
        int layer = 0;
        for (size_t k = 0; k < p.name.size() && p.name[k] != '.'; ++k) layer = layer * 10 + (p.name[k] - '0');
        param_layer_.push_back(layer);
    }

    const std::vector<int>& probe_from = split_.val.empty() ? split_.train : split_.val;
    const std::vector<int> probe_idx(probe_from.begin(), probe_from.begin() + std::min<size_t>(kProbeImages, probe_from.size()));
    gather_rows(train.images, probe_idx, probe_);
    EpochLayerStats initial;
    layer_stats(model, probe_, grad_norm_sum_, 0, initial);
    history_.layer_stats.push_back(std::move(initial));
    return Status::ok();
}

// ---- Steps ----

RunState TrainingRun::advance(int max_steps) {
    LL_ASSERT(model_ != nullptr, "TrainingRun::advance before a successful start()");
    if (ended()) return state_;
    const int n = int(split_.train.size());
    for (int done = 0;;) {
        // Steps first: a call that ran its max_steps returns before the epoch's evaluation, which then
        // gets a call of its own (a frame or worker slice, and a clean training time for the CLI).
        if (done >= max_steps) return state_ = RunState::Running;
        if (epoch_images_ >= n) {
            end_epoch();
            return state_;
        }
        sampler_->next(idx_);
        const int b = int(idx_.size());
        if (!model_->check_batch(b, Mode::Train)) {
            epoch_images_ += b;  // one sample under BatchNorm cannot train: skipped, as drop_last would
            continue;
        }
        for (int& k : idx_) k = split_.train[size_t(k)];  // sampler positions -> dataset indices
        gather_rows(train_->images, idx_, xb_);
        gather_rows(train_->labels, idx_, yb_);
        Targets t;
        t.classes = yb_.data();
        opt_->set_lr(scheduled_lr(schedule_, config_.optim.lr, step_));
        const StepResult r = train_step(*model_, *opt_, xb_, t, LossKind::CrossEntropy, config_.l1, scratch_);
        ++step_;
        ++done;
        ++epoch_steps_;
        history_.step_loss.push_back(r.loss);
        images_processed_ += b;
        epoch_images_ += b;
        epoch_trained_ += b;
        epoch_correct_ += r.correct;
        epoch_loss_sum_ += double(r.loss) * double(b);
        if (!check_step(r.loss)) return state_;
    }
}

bool TrainingRun::check_step(float loss) {
    // One pass over the parameters: each layer's gradient norm, and whether the update left a non-finite value.
    std::fill(layer_sq_.begin(), layer_sq_.end(), 0.0);
    const std::vector<ParamRef>& params = model_->params();
    int bad = -1;
    for (size_t k = 0; k < params.size(); ++k) {
        const Tensor& g = *params[k].grad;
        double sq = 0.0;
        for (size_t i = 0; i < g.numel(); ++i) sq += double(g[i]) * double(g[i]);
        layer_sq_[size_t(param_layer_[k])] += sq;
        if (bad < 0 && !all_finite(*params[k].value)) bad = int(k);
    }
    for (size_t i = 0; i < layer_sq_.size(); ++i) grad_norm_sum_[i] += std::sqrt(layer_sq_[i]);
    if (std::isfinite(loss) && bad < 0) return true;

    std::string what;
    for (size_t i = 0; i < model_->size() && what.empty(); ++i)
        if (!all_finite(model_->output(i)))
            what = "layer " + std::to_string(i) + " (" + model_->layer(i).type() + ") output is not finite";
    if (what.empty() && bad >= 0) {
        const size_t i = size_t(param_layer_[size_t(bad)]);
        const std::string& name = params[size_t(bad)].name;
        what = "layer " + std::to_string(i) + " (" + model_->layer(i).type() + ") " + name.substr(name.find('.') + 1) +
               " is not finite after the update";
    }
    if (what.empty()) what = "the loss is " + std::to_string(loss);
    char lr[32];
    std::snprintf(lr, sizeof lr, "%g", double(opt_->lr()));
    message_ = "diverged at step " + std::to_string(step_) + " (epoch " + std::to_string(epoch_ + 1) + "): " + what +
               " (lr " + lr + ")";
    state_ = RunState::Diverged;
    return false;
}

// ---- Epoch end ----

void TrainingRun::end_epoch() {
    ++epoch_;
    EpochRecord rec;
    rec.epoch = epoch_;
    rec.train_loss = epoch_trained_ ? epoch_loss_sum_ / epoch_trained_ : 0.0;
    rec.train_acc = epoch_trained_ ? double(epoch_correct_) / epoch_trained_ : 0.0;
    if (!split_.val.empty()) {
        EvalReport ev;
        evaluate_report(*model_, *train_, &split_.val, kEvalBatch, 0, ev);
        rec.has_val = true;
        rec.val_loss = ev.loss;
        rec.val_acc = ev.accuracy;
    }
    if (config_.test_each_epoch) {
        EvalReport ev;
        evaluate_report(*model_, *test_, nullptr, kEvalBatch, 0, ev);
        rec.has_test = true;
        rec.test_loss = ev.loss;
        rec.test_acc = ev.accuracy;
    }
    history_.epochs.push_back(rec);
    EpochLayerStats ls;
    ls.epoch = epoch_;
    layer_stats(*model_, probe_, grad_norm_sum_, epoch_steps_, ls);
    history_.layer_stats.push_back(std::move(ls));
    std::fill(grad_norm_sum_.begin(), grad_norm_sum_.end(), 0.0);
    epoch_images_ = epoch_trained_ = epoch_correct_ = 0;
    epoch_steps_ = 0;
    epoch_loss_sum_ = 0.0;

    // Early stopping: best = the lowest val loss (the earliest on ties); stop `patience` epochs after it.
    bool stop = false;
    if (rec.has_val) {
        if (history_.best_epoch == 0 || rec.val_loss < best_val_) {
            history_.best_epoch = epoch_;
            best_val_ = rec.val_loss;
            if (config_.restore_best) save_best();
        } else if (config_.patience > 0 && epoch_ - history_.best_epoch >= config_.patience) {
            stop = true;
        }
    }
    if (stop) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.4f", best_val_);
        message_ = "stopped early after epoch " + std::to_string(epoch_) + ": the validation loss has not gone below epoch " +
                   std::to_string(history_.best_epoch) + "'s " + buf + " for " + std::to_string(config_.patience) + " epochs";
        finish(RunState::StoppedEarly);
    } else if (epoch_ >= config_.epochs) {
        finish(RunState::Finished);
    } else {
        state_ = RunState::EpochDone;
    }
}

void TrainingRun::finish(RunState s) {
    if (config_.restore_best && history_.best_epoch > 0) {
        restore_best();
        history_.restored_best = true;
    }
    evaluate_report(*model_, *test_, nullptr, kEvalBatch, kMaxMisses, history_.test);
    history_.has_test = true;
    state_ = s;
}

// The whole state_dict (parameters, running statistics, num_batches_tracked), so the restored model is
// the best epoch's to the bit, in train and in eval mode.
void TrainingRun::save_best() {
    const std::vector<ParamRef>& params = model_->params();
    best_params_.resize(params.size());
    for (size_t k = 0; k < params.size(); ++k) best_params_[k] = *params[k].value;
    const std::vector<BufferRef> buffers = model_->buffers();
    best_buffers_.resize(buffers.size());
    best_counts_.assign(buffers.size(), 0);
    for (size_t k = 0; k < buffers.size(); ++k) {
        if (buffers[k].value) best_buffers_[k] = *buffers[k].value;
        if (buffers[k].count) best_counts_[k] = *buffers[k].count;
    }
}

void TrainingRun::restore_best() {
    const std::vector<ParamRef>& params = model_->params();
    for (size_t k = 0; k < params.size() && k < best_params_.size(); ++k) *params[k].value = best_params_[k];
    const std::vector<BufferRef> buffers = model_->buffers();
    for (size_t k = 0; k < buffers.size() && k < best_buffers_.size(); ++k) {
        if (buffers[k].value) *buffers[k].value = best_buffers_[k];
        if (buffers[k].count) *buffers[k].count = best_counts_[k];
    }
}

RunProgress TrainingRun::progress() const {
    RunProgress p;
    p.epoch = epoch_;
    p.epochs = config_.epochs;
    p.images_done = epoch_images_;
    p.images_per_epoch = int(split_.train.size());
    p.loss_mean = epoch_trained_ ? epoch_loss_sum_ / epoch_trained_ : 0.0;
    p.step = step_;
    p.total_steps = schedule_.total_steps;
    return p;
}

}  // namespace ll
