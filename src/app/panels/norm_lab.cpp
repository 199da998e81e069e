// Normalization lab: batch, layer, instance and group normalization side by side.
// Placeholder until the lab is written: it says what is coming, in both languages.
#include "app/panels/coming_soon.h"

namespace ll::app {

namespace {

struct ComingLab final : Lab {
    void draw(AppState& app) override { draw_coming_soon(app, "tab.normalization", "coming.normalization"); }
};

}  // namespace

LabPtr make_norm_lab() { return std::make_unique<ComingLab>(); }

}  // namespace ll::app
