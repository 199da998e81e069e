// Training steps shared by `layerlab fit`, `layerlab train`, the benchmark and the app's labs.
// One step: forward (train mode), mean loss, backward, optional L1 term, optimizer step. The engine
// reads no clock: callers that must not block (the page) run a few steps per frame themselves.
#pragma once
#include <cstdint>
#include <vector>

#include "engine/model.h"
#include "engine/optim.h"
#include "engine/rng.h"

namespace ll {

enum class LossKind { CrossEntropy, MeanSquaredError };

// What a batch is compared with: class indices (cross-entropy) or a float tensor shaped like the output.
struct Targets {
    const int64_t* classes = nullptr;
    const Tensor* values = nullptr;
};

// Checks that targets fit the model: cross-entropy needs a 1-D output of C logits and indices in
// [0, C); mse needs values of the output's shape. n is the number of samples.
Status check_targets(const Model& m, LossKind kind, const Shape& target_shape, const int64_t* classes, size_t n);

// Mini-batch order: in order (wrapping to the start after the last, possibly shorter, batch) or
// shuffled with a fresh permutation from rng at each epoch.
class BatchSampler {
public:
    BatchSampler(int n, int batch, bool shuffle, uint64_t seed);
    // Fills idx with the next batch's sample indices; returns true when this batch starts a new epoch.
    bool next(std::vector<int>& idx);
    int epoch() const { return epoch_; }

private:
    int n_, batch_, pos_ = 0, epoch_ = -1;
    bool shuffle_;
    Rng rng_;
    std::vector<int> order_;
};

// dst = src rows idx (dim 0), resized to (idx.size(), ...).
void gather_rows(const Tensor& src, const std::vector<int>& idx, Tensor& dst);
void gather_rows(const std::vector<int64_t>& src, const std::vector<int>& idx, std::vector<int64_t>& dst);

struct StepResult {
    float loss = 0.0f;  // data loss before the update (no L1 / weight-decay term)
    int correct = 0;    // cross-entropy only: argmax == target
};

// Scratch buffers reused step after step.
struct StepScratch {
    Tensor dout;
};

// mode is Train except for `fit --mode eval` (normalization then uses and keeps its running statistics).
StepResult train_step(Model& m, Optimizer& opt, const Tensor& x, const Targets& t, LossKind kind, float l1,
                      StepScratch& scratch, Mode mode = Mode::Train);

// Loss and accuracy of the model on (x, labels) in eval mode, batch by batch.
struct EvalResult {
    double loss = 0.0;
    double accuracy = 0.0;
};
EvalResult evaluate(Model& m, const Tensor& x, const std::vector<int64_t>& labels, int batch);

int argmax_row(const float* p, int n);

}  // namespace ll
