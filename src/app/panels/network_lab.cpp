// Network lab: the layer stepper (a reference network run one layer at a time, forward, loss,
// backward, update). Placeholder until the Network lab is written: it says what is coming, and
// takes the automation API's requests (loadPreset, setInput, step) so their plumbing is in place.
// The real lab applies them in handle_requests() and keeps app.network current for state().
#include <algorithm>

#include "app/app_state.h"
#include "app/panels/coming_soon.h"
#include "app/widgets/widgets.h"
#include "engine/reference_models.h"

namespace ll::app {

namespace {

struct NetworkLab final : Lab {
    void handle_requests(AppState& app) override {
        Requests& r = app.requests;
        NetworkReport& n = app.network;
        if (r.load_preset) {
            const std::vector<std::string> names = reference_model_names();
            if (std::find(names.begin(), names.end(), *r.load_preset) != names.end()) {
                n.preset = *r.load_preset;
                n.error.clear();
            } else {
                std::string known;
                for (const std::string& s : names) known += (known.empty() ? "" : ", ") + s;
                n.error = "unknown preset \"" + *r.load_preset + "\" (known: " + known + ")";
            }
            r.load_preset.reset();
        }
        if (r.set_input) {
            n.dataset = r.set_input->dataset;
            n.input_index = r.set_input->index;
            r.set_input.reset();
        }
        if (r.step > 0) {
            n.step += r.step;
            r.step = 0;
        }
    }

    void draw(AppState& app) override {
        draw_coming_soon(app, "tab.network", "coming.network");
        const NetworkReport& n = app.network;
        if (n.preset.empty() && n.dataset.empty() && n.step == 0) return;
        ImGui::Spacing();
        ImGui::TextDisabled("%s: %s %s, %s %s #%d, %s %lld", app.tr("coming.requests"), app.tr("coming.preset"),
                            n.preset.empty() ? app.tr("coming.none") : n.preset.c_str(), app.tr("coming.input"),
                            n.dataset.empty() ? app.tr("coming.none") : n.dataset.c_str(), n.input_index,
                            app.tr("coming.steps"), (long long)n.step);
    }
};

}  // namespace

LabPtr make_network_lab() { return std::make_unique<NetworkLab>(); }

}  // namespace ll::app
