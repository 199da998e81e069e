#include "engine/schedule.h"

#include <cmath>

namespace ll {

Status parse_schedule_kind(const std::string& name, Schedule::Kind& out) {
    if (name == "constant") out = Schedule::Kind::Constant;
    else if (name == "step") out = Schedule::Kind::Step;
    else if (name == "cosine") out = Schedule::Kind::Cosine;
    else return Status::error("unknown schedule '" + name + "' (constant, step or cosine)");
    return Status::ok();
}

const char* schedule_kind_name(Schedule::Kind k) {
    switch (k) {
        case Schedule::Kind::Constant: return "constant";
        case Schedule::Kind::Step: return "step";
        case Schedule::Kind::Cosine: return "cosine";
    }
    return "?";
}

float scheduled_lr(const Schedule& s, float base_lr, long t) {
    double lr = base_lr;
    switch (s.kind) {
        case Schedule::Kind::Constant: break;
        case Schedule::Kind::Step: lr *= std::pow(double(s.gamma), double(t / (s.step_size > 0 ? s.step_size : 1))); break;
        case Schedule::Kind::Cosine: {
            const double T = double(s.total_steps > 0 ? s.total_steps : 1);
            const double u = t >= s.total_steps ? 1.0 : double(t) / T;
            lr *= 0.5 * (1.0 + std::cos(3.14159265358979323846 * u));
            break;
        }
    }
    if (s.warmup_steps > 0 && t < s.warmup_steps) lr *= double(t + 1) / double(s.warmup_steps);
    return float(lr);
}

}  // namespace ll
