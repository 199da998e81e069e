// TrainingRun: one classifier training run, advanced a few mini-batch steps at a time. `layerlab train`
// and the Training lab both run it, so the lab's numbers are the CLI's. It reads no clock and starts no
// thread: the caller decides how many steps fit in a frame or a worker's slice, and divides
// images_processed() by its own clock for images/s.
//
// Life of a run: start() initialises the weights (RunConfig::init from Rng(seed): the same draws as
// `layerlab train --seed`), splits the training set (make_split, run_config.h) and builds the optimizer;
// advance(k) runs up to k steps: train_step() with cross-entropy on shuffled mini-batches of the
// training subset (BatchSampler, seed + 1), the learning rate scheduled per step over every step of the
// run. A batch that cannot train (one sample under BatchNorm) is skipped as drop_last would. At each
// epoch's end: the validation set is evaluated (eval mode), the epoch recorded, the per-layer statistics
// taken, early stopping applied; after the last epoch or an early stop the test set is evaluated.
//
// Divergence: after every step the loss and every parameter are checked. When one is not finite the
// run ends as Diverged, its message naming the step (counted from 1 over the run), the epoch (from 1)
// and the first layer at fault, in the order things were computed: that step's layer outputs from first
// to last, then the updated parameters from first to last. Everything recorded until then is kept, the
// diverged step's loss included.
//
// Per-layer statistics are taken after start() (before any step) and at every epoch's end: weight
// histograms, mean gradient norms, and each layer's output moments on a probe batch (the first
// kProbeImages validation images, else training images) run in eval mode, which changes nothing in the
// model (see training_stats.h), where train mode would move BatchNorm's running statistics,
// CrossIterationBatchNorm2d's window and the dropout generator, and so the run itself.
//
// The model, train and test datasets are the caller's and must outlive the run (it keeps references).
// Not thread-safe: a page running it in a worker copies history() between advance() calls, under its lock.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/model.h"
#include "engine/optim.h"
#include "engine/run_config.h"
#include "engine/schedule.h"
#include "engine/trainer.h"
#include "engine/training_stats.h"

namespace ll {

enum class RunState { Running, EpochDone, Finished, StoppedEarly, Diverged };
const char* run_state_name(RunState s);  // "running", "epoch_done", "finished", "stopped_early", "diverged"

struct EpochRecord {
    int epoch = 0;            // from 1
    double train_loss = 0.0;  // mean over the epoch's steps, each batch weighted by its size
    double train_acc = 0.0;   // the same, of argmax == label during training (train mode, before each update)
    bool has_val = false;
    double val_loss = 0.0, val_acc = 0.0;  // eval mode, at the epoch's end
    bool has_test = false;                 // RunConfig::test_each_epoch
    double test_loss = 0.0, test_acc = 0.0;  // before restore_best swaps the weights
};

// Where the run is inside the current epoch (for a progress bar).
struct RunProgress {
    int epoch = 0;            // 0-based epoch being trained (== epochs once finished)
    int epochs = 0;
    int images_done = 0;      // of this epoch, skipped batches included
    int images_per_epoch = 0;
    double loss_mean = 0.0;   // this epoch's running train loss
    long step = 0;            // steps done over the run
    long total_steps = 0;     // steps the schedule spans: ceil(train / batch) * epochs
};

// Everything a run has recorded: plain values, copied whole for a snapshot.
struct RunHistory {
    std::vector<float> step_loss;            // every step's batch loss, in order
    std::vector<EpochRecord> epochs;
    std::vector<EpochLayerStats> layer_stats;  // [0] before training, [e] after epoch e
    int best_epoch = 0;                       // lowest val loss so far (0: none, no validation set)
    bool restored_best = false;               // the weights are best_epoch's (restore_best at the end)
    bool has_test = false;                    // test is set once Finished or StoppedEarly
    EvalReport test;                          // misses: up to kMaxMisses
};

class TrainingRun {
public:
    static constexpr int kProbeImages = 64;   // the probe batch: the first validation (else training) images
    static constexpr int kMaxMisses = 64;     // misclassified test images kept
    static constexpr int kEvalBatch = 256;

    TrainingRun() = default;
    TrainingRun(const TrainingRun&) = delete;
    TrainingRun& operator=(const TrainingRun&) = delete;

    // Errors (nothing started): the config (check_run_config), an empty training or test set, a split
    // leaving no training image, images of another shape than the model's input, a model that is not a
    // classifier of every label in the data. May be called again to start over.
    Status start(Model& model, const Dataset& train, const Dataset& test, const RunConfig& config);

    // Runs at most max_steps steps, returning early at an epoch's end: EpochDone (more epochs follow),
    // Finished, StoppedEarly or Diverged; Running when max_steps steps ran. A call that ran max_steps
    // steps never ends the epoch, even after its last step: the next call does (validation, statistics,
    // the test set at the end) without a step. Once the run has ended it returns that state again.
    RunState advance(int max_steps);

    RunState state() const { return state_; }
    bool ended() const { return state_ == RunState::Finished || state_ == RunState::StoppedEarly || state_ == RunState::Diverged; }
    // Diverged: "diverged at step 12 (epoch 1): layer 0 (Conv2d) output is not finite"; StoppedEarly: why.
    const std::string& message() const { return message_; }

    const RunConfig& config() const { return config_; }
    const DataSplit& split() const { return split_; }
    const RunHistory& history() const { return history_; }
    RunProgress progress() const;
    int64_t images_processed() const { return images_processed_; }  // images through train steps so far
    float lr() const { return opt_ ? opt_->lr() : 0.0f; }  // the rate of the last step
    Model& model() { return *model_; }
    const Model& model() const { return *model_; }

private:
    void end_epoch();
    void finish(RunState s);
    bool check_step(float loss);  // false (and Diverged) when the step went non-finite
    void save_best();
    void restore_best();

    Model* model_ = nullptr;
    const Dataset* train_ = nullptr;
    const Dataset* test_ = nullptr;
    RunConfig config_;
    DataSplit split_;
    Schedule schedule_;
    std::unique_ptr<Optimizer> opt_;
    std::unique_ptr<Rng> dropout_rng_;  // on the heap: the model keeps a pointer to it
    std::unique_ptr<BatchSampler> sampler_;
    RunState state_ = RunState::Finished;
    std::string message_;
    RunHistory history_;

    // The current epoch's running sums.
    int epoch_ = 0, epoch_images_ = 0, epoch_trained_ = 0, epoch_correct_ = 0;
    long epoch_steps_ = 0;
    double epoch_loss_sum_ = 0.0;
    std::vector<double> grad_norm_sum_;  // per layer
    long step_ = 0;
    int64_t images_processed_ = 0;
    std::vector<int> param_layer_;       // model.params()[k] belongs to layer param_layer_[k]

    // Scratch reused step after step, and the probe batch.
    std::vector<int> idx_;
    std::vector<int64_t> yb_;
    Tensor xb_, probe_;
    StepScratch scratch_;
    std::vector<double> layer_sq_;

    // Early stopping.
    double best_val_ = 0.0;
    std::vector<Tensor> best_params_, best_buffers_;
    std::vector<int64_t> best_counts_;
};

}  // namespace ll
