// Learning-rate schedules, as functions of the step: constant, step decay, cosine annealing, each with an
// optional linear warm-up. The same formulas as torch.optim.lr_scheduler's StepLR and
// CosineAnnealingLR (eta_min 0) evaluated per step, and a linear warm-up from lr/warmup_steps.
#pragma once
#include <string>

#include "engine/status.h"

namespace ll {

struct Schedule {
    enum class Kind { Constant, Step, Cosine };
    Kind kind = Kind::Constant;
    long total_steps = 1;   // cosine: the step at which the rate reaches 0
    long step_size = 1;     // step decay: multiply by gamma every step_size steps
    float gamma = 0.1f;
    long warmup_steps = 0;  // linear ramp over the first warmup_steps steps
};

// "constant", "step", "cosine"
Status parse_schedule_kind(const std::string& name, Schedule::Kind& out);
const char* schedule_kind_name(Schedule::Kind k);

// The learning rate at step t (0-based) for a base rate.
float scheduled_lr(const Schedule& s, float base_lr, long t);

}  // namespace ll
