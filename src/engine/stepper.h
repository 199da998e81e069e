// Stepper: walks one training iteration of a model on one input, a step at a time, for the Network lab.
//
// An iteration is: forward through layer 0..L-1, the loss, backward through layer L-1..0, then the
// optimizer's update of each layer that has parameters; the next iteration's forward shows the effect.
// A model whose output is not a vector of class scores (a feature extractor such as the edge-detector
// preset) has forward steps only. Going back is exact: the stepper keeps the state it started from and
// replays whole iterations (cheap for one image), so any position can be reached in either direction.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/optim.h"

namespace ll {

enum class Phase { Forward, Loss, Backward, Update };
const char* phase_name(Phase p);  // "forward", "loss", "backward", "update"

struct StepPosition {
    int iteration = 0;
    Phase phase = Phase::Forward;
    int layer = 0;  // the layer this step is about (for Loss: the last layer)
};

class Stepper {
public:
    // x: (1, input_shape...). target: the class index for the loss (ignored without a class output).
    // The model must outlive the stepper; its current parameters and buffers are the starting state.
    Status reset(Model* model, const Tensor& x, int64_t target, const OptimConfig& opt, Mode mode);

    // Moves n steps (negative: back). Clamped at the very first step.
    void step(int n);
    void go_to(int64_t index);
    int64_t index() const { return index_; }
    StepPosition position() const { return position_of(index_); }
    int steps_per_iteration() const { return int(order_.size()); }
    bool trainable() const { return trainable_; }

    // Results of the current iteration (valid after reset).
    float loss() const { return loss_; }
    const Tensor& probs() const { return probs_; }  // (1, classes) softmax of the output
    int predicted() const { return predicted_; }
    int64_t target() const { return target_; }
    const Tensor& input() const { return x_; }
    Mode mode() const { return mode_; }
    const Optimizer* optimizer() const { return opt_.get(); }
    // During the update phase: parameter p of the model before this iteration's update.
    const Tensor& param_before(size_t p) const { return before_[p]; }
    bool update_applied() const { return applied_; }

private:
    StepPosition position_of(int64_t index) const;
    void restore_start();
    void compute_iteration();  // forward, loss and backward at the current parameters
    void apply_update();

    Model* model_ = nullptr;
    Tensor x_, dout_, probs_;
    int64_t target_ = 0;
    OptimConfig cfg_;
    Mode mode_ = Mode::Eval;
    std::unique_ptr<Optimizer> opt_;
    bool trainable_ = false;
    std::vector<StepPosition> order_;  // the steps of one iteration
    std::vector<Tensor> start_params_, start_buffers_, before_;
    std::vector<int64_t> start_counts_;
    int64_t index_ = 0;
    int computed_iteration_ = -1;
    bool applied_ = false;
    float loss_ = 0.0f;
    int predicted_ = 0;
};

}  // namespace ll
