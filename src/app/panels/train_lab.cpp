// Training lab: a small network trained in the browser, time-sliced per frame.
// Placeholder until the lab is written: it says what is coming, in both languages.
#include "app/panels/coming_soon.h"

namespace ll::app {

namespace {

struct ComingLab final : Lab {
    void draw(AppState& app) override { draw_coming_soon(app, "tab.training", "coming.training"); }
};

}  // namespace

LabPtr make_train_lab() { return std::make_unique<ComingLab>(); }

}  // namespace ll::app
