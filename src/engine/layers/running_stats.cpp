// RunningStats: the running-statistics buffers shared by BatchNorm, InstanceNorm2d and
// CrossIterationBatchNorm2d (see running_stats.h), and the momentum argument they parse.
#include "engine/layers/running_stats.h"

#include <algorithm>
#include <string>

#include "engine/kernels/norm_kernels.h"

namespace ll {

void RunningStats::configure(bool track, int C) {
    if (track) {
        mean = Tensor({C}, 0.0f);
        var = Tensor({C}, 1.0f);
    } else {
        mean = var = Tensor();
    }
    num_batches_tracked = 0;
}

void RunningStats::reset() {
    mean.fill(0.0f);
    var.fill(1.0f);
    num_batches_tracked = 0;
}

double RunningStats::next_factor(float momentum, bool cumulative) {
    ++num_batches_tracked;
    // The cumulative factor makes running_mean the plain mean of every batch mean seen so far.
    return cumulative ? 1.0 / double(num_batches_tracked) : double(momentum);
}

void RunningStats::update(const float* batch_mean, const float* batch_var, double f, double var_scale) {
    const int C = int(mean.numel());
    running_update(mean.data(), batch_mean, C, f);
    running_update(var.data(), batch_var, C, f, var_scale);
}

void RunningStats::copy_to(float* mean_out, float* var_out) const {
    std::copy(mean.data(), mean.data() + mean.numel(), mean_out);
    std::copy(var.data(), var.data() + var.numel(), var_out);
}

std::vector<BufferRef> RunningStats::buffers() {
    BufferRef nbt;
    nbt.name = "num_batches_tracked";
    nbt.count = &num_batches_tracked;
    return {{"running_mean", &mean, nullptr}, {"running_var", &var, nullptr}, nbt};
}

float read_norm_momentum(LayerArgs& a, bool* cumulative) {
    float m = 0.1f;
    bool is_null = false;
    if (cumulative) {
        is_null = a.get_null_or_float("momentum", 0.1f, m);
        *cumulative = is_null;
    } else {
        m = a.get_float("momentum", 0.1f);
    }
    if (!is_null && !(m >= 0.0f && m <= 1.0f)) {
        a.error("argument 'momentum' must be between 0 and 1 (the weight of the new batch: torch's "
                "convention, not Keras'), got " + std::to_string(m));
    }
    return m;
}

}  // namespace ll
