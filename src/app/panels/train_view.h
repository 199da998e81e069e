// Training lab, the runs' side (train_view.cpp): the table of runs with what differs between them and
// their controls, the charts with every run overlaid, and the selected run's result.
#pragma once
#include <string>
#include <vector>

#include "app/train_runs.h"

namespace ll::app {

struct AppState;

struct TrainViewUi {
    int selected = 0;       // the run whose result is shown (its id)
    bool log_loss = true;   // the loss charts' y axis
    int download = 0;       // a run whose files to download on the next draw (the automation's hook)
    int export_script = 0;  // a run whose PyTorch script to save on the next draw (the automation's hook)
    std::string export_error;  // why the last export failed (empty: it did not)
};

// Draws the runs; returns the settings of a run the user chose to duplicate (the controls take them,
// same seed, so the next run differs in what the user then changes), else null.
const TrainSettings* draw_train_view(TrainViewUi& ui, AppState& app);

// The "Bias and variance" card (train_sweep_view.cpp): its UI-only state and the lab's next settings,
// which a sweep takes for everything it does not sweep.
struct SweepUi {
    int kind = 0;  // 0 training-set size, 1 width
    std::string error;
};
void draw_sweep_card(SweepUi& ui, AppState& app, const TrainSettings& next);
// A sweep's values as the cards show them: training-set sizes with thousands separators ("500, 2,000"),
// width multipliers as "x0.5, x1".
std::string sweep_values_text(const std::string& kind, const std::vector<double>& values);

// A run's colour (Okabe and Ito's palette, by its place in the list) and its short name ("#3").
unsigned run_colour(int slot);

}  // namespace ll::app
