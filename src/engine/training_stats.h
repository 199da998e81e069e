// What TrainingRun (training_run.h) measures besides the loss: a classifier's evaluation on a subset
// of a dataset (loss, accuracy, confusion matrix, per-class accuracy, the first misclassified images),
// and per-layer statistics for the Training lab's charts (weight histograms, gradient norms, the
// output's mean and standard deviation on a fixed probe batch). Every figure is a plain value, so a
// snapshot is a cheap copy. All forward passes here run in eval mode: nothing in the model changes
// (running statistics, CrossIterationBatchNorm2d's window, the dropout generator), only its cached
// outputs are overwritten.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/model.h"

namespace ll {

struct Misclassified {
    int index = 0;      // into the dataset
    int label = 0;
    int predicted = 0;  // argmax of the output
};

struct EvalReport {
    int count = 0;      // images evaluated
    double loss = 0.0;  // mean cross-entropy: sum over batches of batch mean * batch size, / count (as evaluate())
    double accuracy = 0.0;
    int classes = 0;                  // C, the model's output size
    std::vector<int64_t> confusion;   // C x C row-major, rows = true class, columns = predicted
    std::vector<double> class_accuracy;  // per true class: diagonal / row sum (0 for a class with no image)
    std::vector<Misclassified> misses;   // the first max_misses, in index order
};

// The images idx of ds (all of them when idx is null), `batch` at a time in eval mode. Labels must be
// class indices below the model's output size (the caller has checked them).
void evaluate_report(Model& m, const Dataset& ds, const std::vector<int>* idx, int batch, int max_misses,
                     EvalReport& out);

// Weight histograms: kHistBins bins over [-range, range], range = the largest |w| of the layer (bins
// equal in width, the last one closed); weights exactly 0 are also counted apart, and those below
// kNearZero in magnitude: sign-L1 (grad += l1 * sign(w), add_l1) makes weights hover around 0 by lr * l1 per
// step rather than land on it, so "near zero" is what shows its sparsity.
constexpr int kHistBins = 41;
constexpr float kNearZero = 1e-3f;

struct LayerStats {
    int layer = 0;                 // index in the model
    std::string type;              // "Conv2d"
    bool has_params = false;       // the weight fields below are only meaningful then
    float hist_range = 0.0f;
    std::array<int64_t, kHistBins> hist{};
    int64_t zeros = 0, near_zero = 0, total = 0;  // of the layer's "weight" (else its first parameter)
    // ||grad|| over all the layer's parameters, mean over the epoch's steps: the gradient the optimizer
    // received (data loss plus the L1 term; weight decay is the optimizer's own and not in it).
    double grad_norm = 0.0;
    double out_mean = 0.0, out_std = 0.0;  // the layer's output on the probe batch (population std)
};

struct EpochLayerStats {
    int epoch = 0;  // 0: the weights before training (no gradient yet)
    std::vector<LayerStats> layers;
};

// The weight histogram of one tensor into s (hist_range, hist, zeros, near_zero, total).
void weight_histogram(const Tensor& w, LayerStats& s);

// Every layer's statistics: probe (N, input...) is run in eval mode for the output moments;
// grad_norm_sum[i] / steps is layer i's mean gradient norm (steps 0: grad_norm stays 0).
void layer_stats(Model& m, const Tensor& probe, const std::vector<double>& grad_norm_sum, long steps,
                 EpochLayerStats& out);

// True when every element is finite.
bool all_finite(const Tensor& t);

}  // namespace ll
