// Optimizers lab, shared between its files:
//   optim_race.cpp     the race (no ImGui): the surface, the racers' SurfaceRuns, stepping with
//                      mini-batches and learning-rate schedules exactly as `layerlab optimize` does
//   optim_view.cpp     the pictures: the loss surface (Host::surface_render, shaders/surface_frag.glsl)
//                      with trails, pan/zoom and start-point clicks; the loss and schedule plots
//   optim_lab.cpp      the page: controls, racers, results table, update rules, persistence, report
//   optim_samples.cpp  the least_squares samples (Fashion-MNIST), compiled in
// The app never redoes the optimizers' arithmetic: positions, gradients and moments come from the
// engine's SurfaceRun; the update rules are only spelled out with those numbers filled in.
#pragma once
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "app/host.h"
#include "app/i18n.h"
#include "app/panels/lab.h"
#include "engine/schedule.h"
#include "engine/surface_run.h"
#include "engine/surfaces.h"

namespace ll::app {

struct AppState;

// ---- The race (optim_race.cpp) ----

enum class OptKind { Sgd, Momentum, Nesterov, Adagrad, Rmsprop, Adam, AdamW, Count };
constexpr int kOptKinds = int(OptKind::Count);
const char* opt_kind_id(OptKind k);      // "sgd", "momentum", "nesterov", ... (URL, automation)
const char* opt_kind_title(OptKind k);   // "SGD", "Momentum", "Nesterov", "Adagrad", ...
bool parse_opt_kind(const std::string& id, OptKind& out);

// One racer's settings: the optimizer with its hyperparameters and its own L1 / L2 strengths.
struct RacerSpec {
    OptKind kind = OptKind::Sgd;
    float lr = 0.01f;
    float momentum = 0.9f;              // momentum, Nesterov
    float beta1 = 0.9f, beta2 = 0.999f; // Adam, AdamW
    float alpha = 0.99f;                // RMSprop
    float eps = 1e-8f;                  // Adagrad (1e-10 by default), RMSprop, Adam, AdamW
    float weight_decay = 0.0f;          // every optimizer's own decay (AdamW: decoupled, default 0.01)
    float l1 = 0.0f, l2 = 0.0f;         // added to the gradient (SurfaceRun's l1 / l2)
};
RacerSpec default_spec(OptKind k, float lr);
std::string racer_name(const RacerSpec& s);  // "SGD + L1"
OptimConfig to_optim_config(const RacerSpec& s);

struct Racer {
    RacerSpec spec;
    bool on = true;
    int color = 0;                 // palette index
    SurfaceRun run;
    std::string error;             // the engine's message when the settings are invalid
    std::vector<double> xs, ys;    // the trail, one point per step (index 0: the start)
    std::vector<double> losses;    // the surface's value at each point of the trail
    std::vector<float> lrs;        // the learning rate used by each step (index k-1 for step k)
    float prev_u = 0.0f, prev_v = 0.0f;  // the parameters before the last step
    // With mini-batches: the same optimizer on the full batch, for comparison (drawn faintly).
    SurfaceRun twin;
    std::vector<double> twin_xs, twin_ys;
    long reached = -1;             // first step with loss - min < tolerance; -1 not yet
    bool diverged = false;
};

struct RaceSettings {
    std::string surface = "rosenbrock";
    float condition = 20.0f;       // quadratic
    bool scaled = false;           // quadratic: feature scaling
    int batch = kLeastSquaresSamples;  // least_squares: mini-batch size (all samples: full batch)
    double start_x = 0.0, start_y = 0.0;
    bool use_schedule = false;
    Schedule schedule;
    double tolerance = 1e-3;
};

class Race {
public:
    // Rebuilds the surface (when its settings changed) and restarts every racer from the start point.
    void restart();
    // Builds the surface for the settings; false with error set when the engine refuses them.
    bool rebuild_surface();
    // One step of every racer still running.
    void step_all();
    long steps() const { return steps_; }
    bool mini_batches() const { return surface_ && surface_->samples() > 0 && settings.batch < surface_->samples(); }
    const Surface* surface() const { return surface_.get(); }
    double min_value() const { return min_value_; }   // the lowest known minimum; NAN (saddle) if none
    bool has_minimum() const { return !std::isnan(min_value_); }

    RaceSettings settings;
    std::vector<Racer> racers;
    std::string error;          // the surface's error, "" when fine

private:
    void reset_racer(Racer& r);
    void step_racer(Racer& r);

    std::unique_ptr<Surface> surface_;
    std::string built_name_;
    float built_condition_ = 0.0f;
    bool built_scaled_ = false;
    double min_value_ = 0.0;
    long steps_ = 0;
};

// The learning rates that make each optimizer look like itself on each surface (a starting point).
float suggested_lr(const std::string& surface, OptKind k);

// The least_squares samples (optim_samples.cpp).
void least_squares_data(std::vector<double>& xs, std::vector<double>& ys);

// ---- Pictures (optim_view.cpp) ----

// What the surface picture shows: the view rectangle (x right, y up) and its zoom / pan.
struct SurfaceViewState {
    double x_min = -2, x_max = 2, y_min = -1, y_max = 3;
    int picture = -1;              // Host::surface_create id
    SurfacePicture drawn;          // what the picture holds now
    int drawn_w = 0, drawn_h = 0;
    int renders = 0;               // shader passes so far (the picture is redrawn only when it changes)
    bool dragging = false;
    bool show_penalty = true;      // regularised loss in the heat map, penalty contours
};
void reset_view(SurfaceViewState& v, const Surface& s);
// The heat map with contours, minima, trails and the current points. A click (without a drag) sets
// the start point: returns true and writes it to (x, y).
// The heat map adds the penalty of racer `selected` (what that racer minimises).
bool draw_surface_view(SurfaceViewState& v, const Race& race, int selected, AppState& app, ImVec2 size, double& x,
                       double& y);
// log10(loss - min) (or the loss, without a minimum) against the step, one line per racer.
void draw_loss_plot(const Race& race, ImVec2 size, Lang lang);
// The schedule's learning rate against the step, for a base rate of 1, with the current step marked.
void draw_schedule_plot(const Schedule& s, long step, ImVec2 size);

ImU32 racer_color(int index, float alpha = 1.0f);
bool racer_dashed(int index);  // a second racer of a kind: dashed line, ring head, hollow swatch

// ---- The lab (optim_lab.cpp: state, persistence, layout; optim_page.cpp: cards) ----

constexpr long kMaxSteps = 20000;

struct OptimLab final : Lab {
    Race race;
    SurfaceViewState view;
    bool playing = false;
    float speed = 30.0f;       // steps per second
    double due = 0.0;          // fractional steps owed to the animation
    bool dirty = true;         // settings changed: restart before the next frame
    bool view_dirty = true;    // surface changed: reset the view
    int selected = 0;          // racer whose update rule is shown
    int expanded = -1;         // racer whose hyperparameters are open

    OptimLab() {
        set_surface("rosenbrock");
        for (int k = 0; k < kOptKinds; ++k) add_racer(OptKind(k), k == 0 || k == 1 || k == 4 || k == 5);
        restart();
    }

    void add_racer(OptKind k, bool on) {
        Racer r;
        r.spec = default_spec(k, suggested_lr(race.settings.surface, k));
        r.on = on;
        race.racers.push_back(std::move(r));
        assign_colors();
    }
    // Each optimizer keeps its colour (its kind's); a second racer of the same kind gets a new one.
    void assign_colors() {
        int seen[kOptKinds] = {0};
        int extra = kOptKinds;
        for (Racer& r : race.racers) r.color = seen[int(r.spec.kind)]++ ? extra++ : int(r.spec.kind);
    }

    // Selects a surface: its default start and view, and the suggested learning rates.
    void set_surface(const std::string& name) {
        race.settings.surface = name;
        if (!race.rebuild_surface()) return;
        race.surface()->default_start(race.settings.start_x, race.settings.start_y);
        for (Racer& r : race.racers) r.spec.lr = suggested_lr(name, r.spec.kind);
        dirty = view_dirty = true;
    }

    void restart() {
        race.restart();
        if (view_dirty && race.surface()) reset_view(view, *race.surface());
        view_dirty = false;
        dirty = false;
        due = 0.0;
    }

    void handle_requests(AppState&) override {
        if (dirty) restart();
    }
    void compute(AppState&, double budget_ms) override;
    bool wants_frames() const override { return playing; }

    void save_params(Params& p) const override;
    void load_params(const Params& p) override;
    Json report() const override;
    void draw(AppState& app) override;
    void draw_toolbar(AppState& app);
};

void draw_optim_controls(OptimLab& lab, AppState& app);
void draw_optim_results(OptimLab& lab, AppState& app);

}  // namespace ll::app
