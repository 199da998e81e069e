// Bias and variance sweeps (the Training lab's "Bias and variance" card): the widened model of each
// width point, and the summary of a sweep's measured points. A point's error is 1 - accuracy; the gap
// (validation error - train error) is the variance side of the picture, a high train error the bias side.
#pragma once
#include <vector>

#include "engine/json.h"
#include "engine/status.h"

namespace ll {

// The small conv net the width sweep widens: Conv(8) ReLU Pool Conv(16) ReLU Pool Flatten Linear(10),
// 1x28x28 in (the reference "tiny" network without BatchNorm).
Json sweep_base_model();

// desc with every Conv2d's out_channels and every Linear's out_features but the last multiplied by
// mult (rounded, at least 1). Grouped convolutions and non-positive multipliers are errors.
Status widen_model(const Json& desc, double mult, Json& out);

struct SweepPoint {
    double value = 0.0;           // the swept value (a training-set size or a width multiplier)
    double train_acc = 0.0, val_acc = 0.0, test_acc = 0.0;
    bool has_val = false, has_test = false;
};

struct SweepSummary {
    std::vector<double> train_error, val_error, gap;  // per point; NaN where not measured
    int best = -1;                                     // the point of the lowest validation error
    bool gap_shrinks = false;                          // the gap at the largest value is below the smallest's
};

SweepSummary summarise_sweep(const std::vector<SweepPoint>& points);

}  // namespace ll
