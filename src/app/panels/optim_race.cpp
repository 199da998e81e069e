// The Optimizers lab's race: the engine's surface and one SurfaceRun per racer, stepped exactly as
// `layerlab optimize` steps (src/cli/cmd_optimize.cpp): SurfaceRun::step on the full gradient, or
// SurfaceRun::step_next_batch on the least_squares samples' mini-batches; the learning rate of step t (0-based) set with Optimizer::set_lr(scheduled_lr(...)) when a
// schedule is on. No ImGui here.
#include <cmath>

#include "app/panels/optim_lab.h"

namespace ll::app {

namespace {

struct KindInfo {
    const char* id;
    const char* title;
};
const KindInfo kKinds[kOptKinds] = {
    {"sgd", "SGD"},         {"momentum", "Momentum"}, {"nesterov", "Nesterov"}, {"adagrad", "Adagrad"},
    {"rmsprop", "RMSprop"}, {"adam", "Adam"},         {"adamw", "AdamW"},
};

// Suggested learning rates, per surface and optimizer kind (in kKinds order).
struct SurfaceLrs {
    const char* surface;
    float lr[kOptKinds];
};
const SurfaceLrs kLrs[] = {
    {"quadratic", {0.09f, 0.02f, 0.02f, 1.0f, 0.1f, 0.3f, 0.3f}},
    {"rosenbrock", {0.0015f, 0.0004f, 0.0004f, 0.5f, 0.01f, 0.05f, 0.05f}},
    {"beale", {0.01f, 0.002f, 0.002f, 0.5f, 0.01f, 0.05f, 0.05f}},
    {"saddle", {0.01f, 0.01f, 0.01f, 0.1f, 0.01f, 0.02f, 0.02f}},
    {"himmelblau", {0.005f, 0.001f, 0.001f, 0.5f, 0.02f, 0.1f, 0.1f}},
    {"least_squares", {0.5f, 0.1f, 0.1f, 0.3f, 0.01f, 0.05f, 0.05f}},
};

}  // namespace

const char* opt_kind_id(OptKind k) { return kKinds[int(k)].id; }
const char* opt_kind_title(OptKind k) { return kKinds[int(k)].title; }

bool parse_opt_kind(const std::string& id, OptKind& out) {
    for (int i = 0; i < kOptKinds; ++i) {
        if (id == kKinds[i].id) {
            out = OptKind(i);
            return true;
        }
    }
    return false;
}

std::string racer_name(const RacerSpec& s) {
    std::string n = opt_kind_title(s.kind);
    if (s.l1 > 0.0f) n += " + L1";
    if (s.l2 > 0.0f) n += " + L2";
    return n;
}

float suggested_lr(const std::string& surface, OptKind k) {
    for (const SurfaceLrs& s : kLrs)
        if (surface == s.surface) return s.lr[int(k)];
    return 0.01f;
}

RacerSpec default_spec(OptKind k, float lr) {
    RacerSpec s;
    s.kind = k;
    s.lr = lr;
    s.eps = k == OptKind::Adagrad ? 1e-10f : 1e-8f;
    s.weight_decay = k == OptKind::AdamW ? 0.01f : 0.0f;
    return s;
}

OptimConfig to_optim_config(const RacerSpec& s) {
    OptimConfig c;
    c.lr = s.lr;
    c.weight_decay = s.weight_decay;
    c.eps = s.eps;
    switch (s.kind) {
    case OptKind::Sgd: c.name = "sgd"; break;
    case OptKind::Momentum: c.name = "sgd"; c.momentum = s.momentum; break;
    case OptKind::Nesterov: c.name = "sgd"; c.momentum = s.momentum; c.nesterov = true; break;
    case OptKind::Adagrad: c.name = "adagrad"; break;
    case OptKind::Rmsprop: c.name = "rmsprop"; c.alpha = s.alpha; break;
    case OptKind::Adam: c.name = "adam"; c.beta1 = s.beta1; c.beta2 = s.beta2; break;
    case OptKind::AdamW: c.name = "adamw"; c.beta1 = s.beta1; c.beta2 = s.beta2; break;
    case OptKind::Count: break;
    }
    return c;
}

bool Race::rebuild_surface() {
    if (surface_ && built_name_ == settings.surface && built_condition_ == settings.condition &&
        built_scaled_ == settings.scaled)
        return true;
    SurfaceOptions so;
    so.condition = double(settings.condition);
    so.scaled = settings.scaled && settings.surface == "quadratic";
    if (settings.surface == "least_squares") least_squares_data(so.data_x, so.data_y);
    Status st = Status::ok();
    std::unique_ptr<Surface> s = make_surface(settings.surface, so, st);
    if (!st) {
        error = st.message();
        return false;
    }
    error.clear();
    surface_ = std::move(s);
    built_name_ = settings.surface;
    built_condition_ = settings.condition;
    built_scaled_ = settings.scaled;
    min_value_ = NAN;
    for (const SurfacePoint& p : surface_->known_points())
        if (p.kind == PointKind::Minimum) min_value_ = std::isnan(min_value_) ? p.value : std::fmin(min_value_, p.value);
    return true;
}

void Race::reset_racer(Racer& r) {
    r.xs.clear();
    r.ys.clear();
    r.twin_xs.clear();
    r.twin_ys.clear();
    r.losses.clear();
    r.lrs.clear();
    r.reached = -1;
    r.diverged = false;
    r.error.clear();
    if (!surface_) return;
    Status st = r.run.reset(*surface_, settings.start_x, settings.start_y, to_optim_config(r.spec), r.spec.l1, r.spec.l2);
    if (!st) {
        r.error = st.message();
        return;
    }
    r.prev_u = r.run.params()[0];
    r.prev_v = r.run.params()[1];
    r.twin_xs.clear();
    r.twin_ys.clear();
    if (mini_batches()) {
        st = r.twin.reset(*surface_, settings.start_x, settings.start_y, to_optim_config(r.spec), r.spec.l1, r.spec.l2);
        if (!st) {
            r.error = st.message();
            return;
        }
        r.twin_xs.push_back(r.twin.x());
        r.twin_ys.push_back(r.twin.y());
    }
    r.xs.push_back(r.run.x());
    r.ys.push_back(r.run.y());
    r.losses.push_back(r.run.loss());
    if (has_minimum() && r.losses.back() - min_value_ < settings.tolerance) r.reached = 0;
}

void Race::restart() {
    steps_ = 0;
    if (!rebuild_surface()) surface_.reset();
    for (Racer& r : racers) reset_racer(r);
}

void Race::step_racer(Racer& r) {
    if (!r.error.empty() || r.diverged || !surface_) return;
    const float lr = settings.use_schedule ? scheduled_lr(settings.schedule, r.spec.lr, long(r.run.steps())) : r.spec.lr;
    r.run.optimizer().set_lr(lr);
    r.prev_u = r.run.params()[0];
    r.prev_v = r.run.params()[1];
    const int n = surface_->samples();
    if (n > 0 && settings.batch < n) {
        r.run.step_next_batch(settings.batch);
        if (!r.twin_xs.empty()) {
            r.twin.optimizer().set_lr(lr);
            r.twin.step();
            r.twin_xs.push_back(r.twin.x());
            r.twin_ys.push_back(r.twin.y());
        }
    } else {
        r.run.step();
    }
    r.lrs.push_back(lr);
    r.xs.push_back(r.run.x());
    r.ys.push_back(r.run.y());
    r.losses.push_back(r.run.loss());
    if (r.run.diverged()) r.diverged = true;
    if (r.reached < 0 && has_minimum() && r.losses.back() - min_value_ < settings.tolerance)
        r.reached = long(r.run.steps());
}

void Race::step_all() {
    if (!surface_) return;
    for (Racer& r : racers)
        if (r.on) step_racer(r);
    ++steps_;
}

}  // namespace ll::app
