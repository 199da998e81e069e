// Network lab: which network fits the input, and "an example it gets wrong".
// Picking an input of another kind (a digit after clothing) while a network trained on the old kind
// is loaded switches to the preset trained on the new kind, with a notice that offers the way back.
// What a preset was trained on comes only from the preset table (network_preset_trained_on), what an
// input is only from the input library (InputLibrary::data_kind). A network kept or chosen on purpose
// for the other kind stays, and the prediction area says it was not trained for this input; so does
// an index change within the same kind, so "back to tiny-fashion" sticks. An edited network is never
// replaced (that would throw the edit away): it keeps its preset's training kind and gets the same
// notice, with a button that loads the fitting preset when the user wants it.
#include <cstdio>

#include "app/app_state.h"
#include "app/inputs.h"
#include "app/panels/network.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

// Test images searched per click: all 2,000 MNIST test digits or a fifth of Fashion-MNIST's. A
// trained network errs on 3-10% of them, so a search usually stops in the first batch or two; the
// cap bounds the rare long runs of right answers (2,000 tiny-network passes take a few ms natively).
constexpr int kWrongSearchLimit = 2000;

const char* kind_name(const AppState& app, const std::string& kind) {
    char key[64];
    std::snprintf(key, sizeof key, "net.kind_%s", kind.c_str());
    return app.tr(key);
}

}  // namespace

void fit_preset_loaded(FitUi& f) {
    f.switched_from.clear();
    f.wrong = WrongPick();
}

Status fit_choose_input(NetworkSession& s, FitUi& f, const std::string& source, int index) {
    const std::string old_kind = session_input_kind(s);
    LL_TRY(session_set_input(s, source, index));
    f.wrong = WrongPick();
    const std::string kind = session_input_kind(s);
    if (kind == old_kind) return Status::ok();
    f.switched_from.clear();
    if (kind.empty() || s.trained_on.empty() || s.trained_on == kind || s.edited()) return Status::ok();
    const std::string fit = network_preset_trained_for(kind);
    if (fit.empty()) return Status::ok();
    const std::string from = s.preset;
    LL_TRY(session_load_preset(s, fit));  // keeps the input: both presets take 1 x 28 x 28
    f.switched_from = from;
    return Status::ok();
}

bool fit_pick_wrong(NetworkSession& s, FitUi& f) {
    WrongPick w;
    w.tried = true;
    // The search runs over the whole test set: fetched first when only the starter is in.
    f.wrong_waits = (*s.inputs).partial(s.source) && (*s.inputs).need(s.source) &&
                    (*s.inputs).fetch_progress(s.source).state != FetchStatus::Failed;
    if (f.wrong_waits) {
        f.wrong = w;
        return false;
    }
    MissSearch m;
    Status st = session_find_wrong(s, kWrongSearchLimit, m);
    w.searched = m.searched;
    if (st && m.index >= 0) st = fit_choose_input(s, f, s.source, m.index);
    if (!st) w.error = st.message();
    else if (m.index >= 0) {
        w.index = m.index;
        w.predicted = m.predicted;
        w.label = s.label;
    }
    f.wrong = w;
    return w.index >= 0;
}

bool fit_poll_data(NetworkSession& s, FitUi& f) {
    InputLibrary& lib = (*s.inputs);
    bool changed = false;
    // A failed fetch keeps the wait: the notice says why and offers "Try again".
    if (s.wait_index >= 0 && !lib.waiting(s.wait_source, s.wait_index) &&
        lib.fetch_progress(s.wait_source).state != FetchStatus::Failed) {
        const std::string source = s.wait_source;
        const int index = s.wait_index;
        const Status st = fit_choose_input(s, f, source, index);
        s.wait_source.clear();
        s.wait_index = -1;
        if (!st) s.missing_input = source + " #" + std::to_string(index);
        changed = true;
    }
    if (f.wrong_waits && (!lib.partial(s.source) || lib.fetch_progress(s.source).state == FetchStatus::Failed)) {
        f.wrong_waits = false;
        changed = fit_pick_wrong(s, f) || changed;
    }
    return changed;
}

const char* fit_notice(const NetworkSession& s, const FitUi& f) {
    if (!f.switched_from.empty()) return "switched";
    if (session_mismatch(s)) return "not_trained";
    return nullptr;
}

void fit_report(const NetworkSession& s, const FitUi& f, Json& r) {
    auto str = [](const std::string& v) { return v.empty() ? Json() : Json::string(v); };
    const char* n = fit_notice(s, f);
    r.set("notice", n ? Json::string(n) : Json());
    r.set("trained_on", str(s.trained_on));
    r.set("input_kind", str(session_input_kind(s)));
    r.set("switched_from", str(f.switched_from));
    r.set("edited", Json::boolean(s.edited()));
    Json w;
    if (f.wrong.tried) {
        w = Json::object();
        w.set("found", Json::boolean(f.wrong.index >= 0));
        w.set("index", Json::number(f.wrong.index));
        w.set("predicted", Json::number(f.wrong.predicted));
        w.set("label", Json::number(f.wrong.label));
        w.set("searched", Json::number(f.wrong.searched));
        w.set("error", str(f.wrong.error));
    }
    if (f.wrong_waits) {
        w = Json::object();
        w.set("loading", Json::boolean(true));
    }
    r.set("wrong_example", w);
}

std::string draw_fit_notice(const NetworkSession& s, const FitUi& f, AppState& app) {
    const char* n = fit_notice(s, f);
    if (!n) return "";
    char buf[768], label[256];
    std::string load;
    ImGui::Spacing();
    if (std::string(n) == "switched") {
        std::snprintf(buf, sizeof buf, app.tr("net.switched_fmt"), s.preset.c_str(), kind_name(app, s.trained_on),
                      f.switched_from.c_str(), kind_name(app, network_preset_trained_on(f.switched_from)));
        ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kGood));
        widgets::text_wrapped(buf);
        ImGui::PopStyleColor();
        std::snprintf(label, sizeof label, app.tr("net.switch_back_fmt"), f.switched_from.c_str());
        std::snprintf(buf, sizeof buf, "%s###switch_back", label);
        if (ImGui::SmallButton(buf)) load = f.switched_from;
        return load;
    }
    std::string name = s.preset;
    if (s.edited()) {
        std::snprintf(label, sizeof label, app.tr("net.edited_fmt"), s.preset.c_str());
        name = label;
    }
    const std::string kind = session_input_kind(s);
    std::snprintf(buf, sizeof buf, app.tr("net.not_trained_fmt"), name.c_str(), kind_name(app, s.trained_on),
                  kind_name(app, kind));
    widgets::error_text_wrapped(buf);
    const std::string fit = network_preset_trained_for(kind);
    if (fit.empty()) return "";
    std::snprintf(label, sizeof label, app.tr("net.switch_to_fmt"), fit.c_str());
    std::snprintf(buf, sizeof buf, "%s###switch_to", label);
    if (ImGui::SmallButton(buf)) load = fit;
    return load;
}

bool draw_wrong_example(const NetworkSession& s, const FitUi& f, AppState& app) {
    if (!(*s.inputs).dataset(s.source) || !s.ready || !s.stepper.trainable()) return false;
    ImGui::Spacing();
    const bool pressed = ImGui::Button(app.label("net.wrong_example"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("net.wrong_example_help"));
    if (f.wrong_waits) widgets::muted_text_wrapped(app.tr("net.wrong_loading"));
    if (!f.wrong.tried || f.wrong_waits) return pressed;
    char buf[512];
    if (!f.wrong.error.empty()) {
        widgets::engine_error(app, f.wrong.error);
    } else if (f.wrong.index < 0) {
        std::snprintf(buf, sizeof buf, app.tr("net.wrong_none_fmt"), f.wrong.searched);
        widgets::muted_text_wrapped(buf);
    } else {
        std::snprintf(buf, sizeof buf, app.tr("net.wrong_found_fmt"), f.wrong.index,
                      class_name(s, f.wrong.predicted, app.lang).c_str(), class_name(s, f.wrong.label, app.lang).c_str());
        widgets::muted_text_wrapped(buf);
    }
    return pressed;
}

}  // namespace ll::app
