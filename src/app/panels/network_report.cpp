// The Network lab's report: what the page's automation API (labReport("network")) and the shell's
// status line read, from the lab's session. Nothing is computed here that the engine does not keep.
#include <algorithm>

#include "app/app_state.h"
#include "app/panels/network.h"

namespace ll::app {

void network_sync_report(const NetworkSession& s, const std::string& error, NetworkReport& n) {
    n.preset = s.preset;
    n.error = error;
    n.dataset = s.source;
    n.missing_input = s.missing_input;
    n.missing_model = s.missing_model;
    n.input_index = s.index;
    if (!s.ready) return;
    const StepPosition p = s.stepper.position();
    n.layer = p.layer;
    n.phase = phase_name(p.phase);
    n.step = s.stepper.index();
    n.layer_type.clear();
    n.shape.clear();
    if (p.layer >= 0 && size_t(p.layer) < s.model.size() && (p.phase == Phase::Forward || p.phase == Phase::Backward)) {
        n.layer_type = s.model.layer(size_t(p.layer)).type();
        const Tensor& t = p.phase == Phase::Forward ? s.model.output(size_t(p.layer)) : s.model.output_grad(size_t(p.layer));
        for (int d : t.shape()) n.shape.push_back(d);
        if (!n.shape.empty() && n.shape[0] == 1) n.shape.erase(n.shape.begin());  // the batch of one
        if (!t.empty()) {
            const auto mm = std::minmax_element(t.values().begin(), t.values().end());
            n.value_lo = *mm.first;
            n.value_hi = *mm.second;
        }
    }
    if (s.stepper.trainable()) {
        n.prediction_class = s.stepper.predicted();
        n.prediction_label = class_name(s, n.prediction_class, Lang::En);
        const Tensor& pr = s.stepper.probs();
        n.prediction_probs.assign(pr.values().begin(), pr.values().end());
    } else {
        n.prediction_class = -1;
        n.prediction_label.clear();
        n.prediction_probs.clear();
    }
}

Json network_lab_report(const NetworkSession& s, const FitUi& fit, const DetailUi& detail_ui, int selected,
                        int edit_layer) {
    Json r = Json::object();
    r.set("preset", Json::string(s.preset));
    r.set("ready", Json::boolean(s.ready));
    r.set("error", s.edit_error.empty() ? Json() : Json::string(s.edit_error));
    r.set("error_layer", Json::number(s.edit_error_layer));
    // What a Korean UI shows for it (the English stays beside it).
    r.set("error_ko", s.edit_error.empty() ? Json() : Json::string(engine_message(Lang::Ko, s.edit_error)));
    r.set("layers", Json::number(double(s.model.size())));
    r.set("model", s.desc);
    r.set("selected", Json::number(selected));
    r.set("init", Json::string(s.init.empty() ? "preset" : s.init));
    r.set("init_seed", Json::number(s.init_seed));
    r.set("steps_per_iteration", Json::number(s.ready ? s.stepper.steps_per_iteration() : 0));
    r.set("loss", Json::number(s.ready && s.stepper.trainable() ? double(s.stepper.loss()) : 0.0));
    r.set("label", Json::number(s.label));
    r.set("ids", Json::string(session_ids_text(s)));
    r.set("missing_input", s.missing_input.empty() ? Json() : Json::string(s.missing_input));
    r.set("missing_model", s.missing_model.empty() ? Json() : Json::string(s.missing_model));
    fit_report(s, fit, r);
    r.set("edit_layer", Json::number(std::clamp(edit_layer, 0, std::max(int(s.model.size()) - 1, 0))));
    Json reinit = Json::array(), added = Json::array();
    for (int i : s.reinitialized) reinit.push(Json::number(i));
    for (int i : s.added) added.push(Json::number(i));
    r.set("reinitialized", reinit);
    r.set("added", added);
    r.set("input_colour", Json::boolean(colour_input(s)));
    r.set("detail", s.ready ? detail_report(s, detail_ui, selected) : Json());
    return r;
}

}  // namespace ll::app
