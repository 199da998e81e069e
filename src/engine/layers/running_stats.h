// Running statistics of the norms that keep them (BatchNorm1d/2d, InstanceNorm2d with
// track_running_stats, CrossIterationBatchNorm2d): torch's running_mean, running_var and
// num_batches_tracked buffers, their update and the eval path's copy. One struct so that the three
// layers cannot drift apart. Update rule (torch 1.13, ATen batch_norm_cpu_update_stats):
//   running = (1 - f) * running + f * batch_stat,  the variance scaled to unbiased first.
#pragma once
#include <cstdint>
#include <vector>

#include "engine/layers/layer.h"

namespace ll {

struct RunningStats {
    Tensor mean, var;                 // (C); empty when not tracking
    int64_t num_batches_tracked = 0;  // InstanceNorm2d keeps it at 0, as torch

    // Sizes the buffers to C channels (mean 0, var 1) when `track`, empties them otherwise.
    void configure(bool track, int C);
    // torch's reset_running_stats: mean 0, var 1, num_batches_tracked 0.
    void reset();
    // BatchNorm's factor for the next update: counts the batch, then momentum, or
    // 1/num_batches_tracked for the cumulative average (torch's momentum=None).
    double next_factor(float momentum, bool cumulative);
    // running = (1 - f) * running + f * batch; the variance first multiplied by var_scale (M/(M-1)).
    void update(const float* batch_mean, const float* batch_var, double f, double var_scale);
    // Eval: the statistics to normalise with, copied into mean_out and var_out (C).
    void copy_to(float* mean_out, float* var_out) const;
    // running_mean, running_var, num_batches_tracked (the layer returns none when not tracking, as torch).
    std::vector<BufferRef> buffers();
};

// The "momentum" argument, between 0 and 1 (torch's convention: the weight of the new batch). With
// `cumulative` given, JSON null (torch's momentum=None) is accepted and sets it; without, null is
// refused as torch's InstanceNorm does ("must be float").
float read_norm_momentum(LayerArgs& a, bool* cumulative = nullptr);

}  // namespace ll
