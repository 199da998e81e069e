// The Training lab's bias-and-variance sweep: one run per swept value (training-set size, or a width
// multiplier on engine/sweep.h's small conv net), trained one after another in the same workers as the
// lab's runs (TrainingRuns), each point's final train / validation / test error kept. Owned by AppState
// so the lab's card and the automation API (sweep, sweepState, cancelSweep) share it; kept over a
// reload in the host's storage ("layerlab.sweep") like the runs.
#pragma once
#include <string>
#include <vector>

#include "app/train_runs.h"

namespace ll::app {

struct SweepPointState {
    double value = 0.0;
    int run_id = 0;
    std::string status = "waiting";  // waiting, running, done, failed, cancelled
    double train_error = -1.0, val_error = -1.0, test_error = -1.0;  // < 0: not measured
    int epochs = 0;
    double progress = 0.0;           // 0..1 while running
};

struct SweepConfig {
    std::string kind = "train_size";  // train_size or width
    std::vector<double> values;
    TrainSettings base;               // every other setting (width: its model is replaced)
    // {kind, values, ...TrainSettings keys}; a missing values list takes the kind's defaults.
    static Status from_json(const Json& j, SweepConfig& out);
};

class TrainSweep {
public:
    static std::vector<double> default_values(const std::string& kind);
    Status start(const SweepConfig& c);
    void cancel(Host& host, TrainingRuns& runs);
    // Per frame, after runs.poll: takes the finished point's numbers and starts the next one. Returns
    // whether anything changed.
    bool step(Host& host, TrainingRuns& runs, const CurrentNetwork& current);
    bool active() const { return state == "running"; }
    Json to_json() const;  // sweepState(): {state, kind, error, points: [...]}
    void save(Host& host) const;
    void restore(Host& host);

    std::string state = "idle";  // idle, running, done, cancelled, failed, interrupted
    std::string error;
    // The next point waits while four runs are training (the lab's own); it starts when one ends.
    bool waiting_for_slot = false;
    SweepConfig config;
    std::vector<SweepPointState> points;

private:
    Status settings_for(size_t i, TrainSettings& out) const;
};

}  // namespace ll::app
