// Optimizers lab: SGD, momentum, RMSprop and Adam on loss surfaces.
// Placeholder until the lab is written: it says what is coming, in both languages.
#include "app/panels/coming_soon.h"

namespace ll::app {

namespace {

struct ComingLab final : Lab {
    void draw(AppState& app) override { draw_coming_soon(app, "tab.optimizers", "coming.optimizers"); }
};

}  // namespace

LabPtr make_optim_lab() { return std::make_unique<ComingLab>(); }

}  // namespace ll::app
