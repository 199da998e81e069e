// The narration a screen reader reads (ImGui draws pixels that assistive technology cannot see): the
// lesson player's text when a step opens or an answer is checked, else where the Network lab's
// stepper is and what it shows ("Layer 4, Conv2d, forward: 16 by 14 by 14, values from -2.97 to 2.56").
#include <cstdio>

#include "app/app.h"

namespace ll::app {

namespace {

std::string network_narration(const AppState& app) {
    const NetworkReport& n = app.network;
    if (n.layer_type.empty()) return "";
    std::string dims;
    for (size_t i = 0; i < n.shape.size(); ++i) {
        if (i) dims += app.tr("narrate.by");
        dims += std::to_string(n.shape[i]);
    }
    const std::string phase_key = "narrate." + n.phase;
    char buf[256];
    std::snprintf(buf, sizeof buf, app.tr("narrate.layer_fmt"), n.layer, n.layer_type.c_str(), app.tr(phase_key.c_str()),
                  dims.c_str(), double(n.value_lo), double(n.value_hi));
    return buf;
}

}  // namespace

void app_narrate(AppState& app) {
    ShellState& sh = app.shell;
    std::string text;
    const bool lang_changed = sh.narrated_lang != int(app.lang);
    if (app.lessons.narration != sh.narrated_lesson) {
        // The step's text is read out whole; the stepper speaks again only when it moves.
        sh.narrated_lesson = app.lessons.narration;
        sh.narrated_network = app.lab == LabId::Network ? network_narration(app) : std::string();
        text = sh.narrated_lesson;
    } else if (app.lab == LabId::Network) {
        const std::string net = network_narration(app);
        if (net != sh.narrated_network || lang_changed) {
            sh.narrated_network = net;
            text = net;
        }
    }
    sh.narrated_lang = int(app.lang);
    if (!text.empty()) app.host->announce(text);
}

}  // namespace ll::app
