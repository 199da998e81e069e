// Network lab: a real network stepped through layer by layer with ll::Stepper: the forward pass one
// layer at a time, the loss, the backward pass (the gradient of the loss for every activation and
// parameter), then the optimizer's update of each parameter; the next forward pass shows the effect.
// Left: preset, input, optimizer and mode, and the layer stack with its editor (network_stack.cpp).
// Right: the step controls, every layer's feature maps (network_maps.cpp) and the selected layer in
// detail (network_detail.cpp).
// URL / storage keys: preset, src, i (input), layer (selected), st (step index), opt, lr, mom, mode, and
// for an edited network model (its JSON) and ids (each layer's identity, network_session.cpp).
// Automation: loadPreset, setInput, step (Requests); labParams("network", {edit_layer, edit_args})
// edits a layer's arguments (edit_args: a JSON object as text), {wrong_example: 1} picks an example
// the network gets wrong, {switch_back: 1} undoes an automatic switch, {edit_select: i} chooses the layer
// the editor shows (as a click in the stack does), {grad_entry: "o,c,i,j"} (Linear "o,i") the weight-gradient
// entry the detail view writes out; report() gives the editor's layer, the layers the last edit
// re-initialised and the detail view's numbers (network_report.cpp, network_grad.cpp). For the tests.
// Which network fits the input, and "an example it gets wrong": network_fit.cpp.
#include <algorithm>
#include <cstdio>

#include "app/app_state.h"
#include "app/inputs.h"
#include "app/panels/network.h"
#include "engine/safetensors.h"
#include "app/widgets/layout.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

constexpr float kPlayInterval = 0.45f;  // seconds per step while playing
constexpr int kMaxLinkStep = 5000;

const char* kOptimizers[] = {"sgd", "momentum", "adam"};

struct Pending {
    std::string preset, source, model, ids;
    std::string init;                 // "" the preset's weights
    int init_seed = 0;
    int index = -1, layer = -1;
    int64_t step = -1;
};

// model= in the view state when the network was too long for an address (app.cpp keeps the full one
// in this browser's storage only).
constexpr const char* kModelNotInLink = "too-long";

struct NetworkLab final : Lab {
    NetworkSession s;
    StackUi stack_ui;
    MapsUi maps_ui;
    DetailUi detail_ui;
    bool loaded = false;
    std::string load_error;
    int selected = 0;     // the layer the detail view shows (follows the stepper, or a click)
    int edit_layer = 0;   // the layer the editor shows (only a click in the stack or edit_select moves it)
    bool playing = false;
    double next_step_at = 0.0;  // steady seconds: when the playing stepper takes its next step
    int opt_choice = 0;   // kOptimizers
    Pending pending;
    FitUi fit;

    NetworkLab() {
        s.opt.lr = 0.01f;
        s.mode = Mode::Eval;
    }

    void apply_init(const std::string& kind, int seed) {
        if (Status st = session_reinit(s, kind, seed); !st) s.edit_error = st.message();
        follow_stepper();
    }

    void attach(AppState& app) override { s.inputs = &app.inputs; }

    void ensure_loaded() {
        if (loaded) return;
        loaded = true;
        const std::string preset = pending.preset.empty() ? "tiny-fashion" : pending.preset;
        if (!pending.source.empty()) s.source = pending.source;
        if (pending.index >= 0) s.index = pending.index;
        Status st = session_load_preset(s, preset);
        if (!st && preset != "tiny-fashion") st = session_load_preset(s, "tiny-fashion");
        load_error = st ? "" : st.message();
        if (st && !pending.model.empty()) restore_model(pending.model, pending.ids);
        if (st && !pending.init.empty()) apply_init(pending.init, pending.init_seed);
        if (s.ready && pending.step > 0) s.stepper.go_to(pending.step);
        if (pending.layer >= 0 && pending.layer < int(s.model.size())) selected = pending.layer;
        else follow_stepper();
        edit_layer = selected;
        if (s.ready) maps_ui.scroll_to = s.stepper.position().layer + 1;
        pending = Pending();
    }

    // A network trained in the Training lab, with its weights, and one of its test images as the input.
    // It runs as an edited network of the preset with the same layers when there is one (so the view
    // state can name it); its trained weights live only in this session.
    void open_trained(const Requests::OpenTrained& t) {
        Model m;
        Status st = Model::from_json(t.desc, m);
        TensorFile f;
        if (st) st = TensorFile::parse(t.weights, f, t.name);
        if (st) st = load_state(m, f, t.name);
        if (!st) {
            load_error = st.message();
            return;
        }
        s.model = std::move(m);
        s.desc = s.model.to_json();
        s.layer_ids.clear();
        for (size_t i = 0; i < s.model.size(); ++i) s.layer_ids.push_back(s.next_id++);
        s.preset_desc.clear();  // not a preset's network: the view keeps its model
        s.edit_error.clear();
        s.reinitialized.clear();
        s.added.clear();
        load_error.clear();
        const std::string source = t.index >= 0 ? t.source : s.source;
        st = session_set_input(s, source, t.index >= 0 ? t.index : s.index);
        if (!st) load_error = st.message();
        playing = false;
        follow_stepper();
    }

    // The view state's edited network; when it cannot be rebuilt the preset stays and the view says why.
    void restore_model(const std::string& model, const std::string& ids) {
        s.missing_model.clear();
        if (model == kModelNotInLink) {
            s.missing_model = "too-long";
            return;
        }
        Status st = session_restore_model(s, model, ids);
        if (!st) s.missing_model = st.message();
        follow_stepper();
    }

    // A preset chosen on purpose (menu, automation, a link): it stays whatever the input is.
    void load_preset(std::string name) {  // a copy: callers pass switched_from, cleared here
        Status st = session_load_preset(s, name);
        load_error = st ? "" : st.message();
        fit_preset_loaded(fit);
        playing = false;
        follow_stepper();
    }

    Status choose_input(const std::string& source, int index) { return fit_choose_input(s, fit, source, index); }

    void toggle_play() {
        playing = !playing;
        next_step_at = widgets::steady_seconds() + kPlayInterval;
    }

    void pick_wrong_example() {
        if (fit_pick_wrong(s, fit)) {
            playing = false;
            follow_stepper();
        }
    }

    void apply_optimizer() {
        s.opt.name = opt_choice == 2 ? "adam" : "sgd";
        s.opt.momentum = opt_choice == 1 ? 0.9f : 0.0f;
        if (opt_choice == 2 && s.opt.lr > 0.05f) s.opt.lr = 0.001f;
        if (Status st = session_restart(s); !st) s.edit_error = st.message();
    }

    void follow_stepper() {
        if (s.ready) selected = s.stepper.position().layer;
    }

    void step(int n) {
        if (!s.ready || n == 0) return;
        s.stepper.step(n);
        ++s.version;
        follow_stepper();
        maps_ui.scroll_to = s.stepper.position().layer + 1;
    }

    void sync_report(AppState& app) { network_sync_report(s, !load_error.empty() ? load_error : s.edit_error, app.network); }

    void handle_requests(AppState& app) override {
        Requests& r = app.requests;
        const bool any = r.load_preset || r.set_input || r.step != 0 || !loaded || r.export_network || r.open_trained;
        if (!any) return;
        ensure_loaded();
        if (r.export_network) {
            app.current_network.desc = s.desc;
            TensorFile f;
            save_state(s.model, f);
            app.current_network.weights = f.serialize();
            r.export_network = false;
        }
        if (r.open_trained) {
            open_trained(*r.open_trained);
            r.open_trained.reset();
        }
        if (r.load_preset) {
            load_preset(*r.load_preset);
            r.load_preset.reset();
        }
        if (r.set_input) {
            const std::string src = r.set_input->dataset.empty() ? s.source : r.set_input->dataset;
            Status st = choose_input(src, r.set_input->index);
            load_error = st ? "" : "setInput: " + st.message();
            follow_stepper();
            r.set_input.reset();
        }
        if (r.step != 0) {
            step(r.step);
            r.step = 0;
        }
        sync_report(app);
    }

    bool wants_frames() const override {
        // While playing, a frame when the next step is due (every 0.45 s), not at every one: between
        // steps nothing moves, and where the browser draws on the CPU each frame costs tens of ms.
        const double now = widgets::steady_seconds();
        return (playing && (!s.ready || now >= next_step_at)) || (detail_ui.animating && now >= detail_ui.next_move_at);
    }

    void compute(AppState& app, double) override {
        ensure_loaded();
        if (fit_poll_data(s, fit)) {
            playing = false;
            follow_stepper();
        }
        if (playing && s.ready && widgets::steady_seconds() >= next_step_at) {
            next_step_at = widgets::steady_seconds() + kPlayInterval;
            step(1);
            app.redraw = std::max(app.redraw, 2);  // a step can change the layout: let it settle
        }
        sync_report(app);
    }

    void save_params(Params& p) const override {
        p.set("preset", s.preset.empty() ? "tiny-fashion" : s.preset);
        p.set("src", s.wait_index >= 0 ? s.wait_source : s.source);  // the view asked for, while it loads
        p.set_int("i", s.wait_index >= 0 ? s.wait_index : s.index);
        p.set_int("layer", selected);
        p.set("st", std::to_string(s.ready ? s.stepper.index() : 0));
        p.set("opt", kOptimizers[opt_choice]);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", double(s.opt.lr));
        p.set("lr", buf);
        p.set("mode", s.mode == Mode::Train ? "train" : "eval");
        if (maps_ui.zoom != 1.0f) {
            char z[16];
            std::snprintf(z, sizeof z, "%g", double(maps_ui.zoom));
            p.set("mz", z);
        }
        if (!s.init.empty()) {
            p.set("init", s.init);
            p.set_int("iseed", s.init_seed);
        }
        if (s.edited()) {
            p.set("model", s.desc.dump());
            p.set("ids", session_ids_text(s));
        }
    }

    void load_params(const Params& p) override {
        if (const std::string* v = p.find("opt"))
            for (int k = 0; k < 3; ++k)
                if (*v == kOptimizers[k]) opt_choice = k;
        s.opt.name = opt_choice == 2 ? "adam" : "sgd";
        s.opt.momentum = opt_choice == 1 ? 0.9f : 0.0f;
        p.get_float("lr", s.opt.lr, 1e-6f, 10.0f);
        const Mode mode_before = s.mode;
        if (const std::string* v = p.find("mode")) s.mode = *v == "train" ? Mode::Train : Mode::Eval;
        p.get_float("mz", maps_ui.zoom, 1.0f, 4.0f);
        Pending want;
        if (const std::string* v = p.find("preset")) want.preset = *v;
        if (const std::string* v = p.find("src")) want.source = *v;
        if (const std::string* v = p.find("model")) want.model = *v;
        if (const std::string* v = p.find("ids")) want.ids = *v;
        int i = -1;
        if (p.get_int("i", i, 0, 1000000)) want.index = i;
        int layer = -1;
        if (p.get_int("layer", layer, 0, 1000)) want.layer = layer;
        if (const std::string* v = p.find("init")) {
            want.init = *v == "default" || *v == "he" || *v == "xavier" ? *v : "";
            p.get_int("iseed", want.init_seed, 0, 1 << 30);
        }
        int st = -1;
        // A link's step is replayed from the start: clamped so that a hand-edited st=100000000 costs
        // a moment, not minutes (5,000 steps: some 200 training iterations of tiny-fashion).
        if (p.get_int("st", st, 0, kMaxLinkStep)) want.step = st;
        if (!loaded) {
            pending = want;
        } else if (!want.preset.empty() || !want.source.empty() || want.step >= 0 || want.layer >= 0) {
            // A link or history change while running: apply what differs.
            // A view with a network of its own (edited), or the preset's: rebuild only what differs.
            const bool preset_changes = !want.preset.empty() && want.preset != s.preset;
            const bool model_changes = want.model.empty() ? (p.has("preset") && s.edited())
                                                          : want.model != s.desc.dump() || want.ids != session_ids_text(s);
            if (preset_changes || model_changes) {
                load_preset(want.preset.empty() ? s.preset : want.preset);
                if (!want.model.empty()) restore_model(want.model, want.ids);
                else s.missing_model.clear();
                follow_stepper();
            }
            if ((!want.source.empty() && want.source != s.source) || (want.index >= 0 && want.index != s.index))
                (void)session_set_input(s, want.source.empty() ? s.source : want.source, want.index >= 0 ? want.index : s.index);
            if (s.ready && want.step >= 0 && want.step != s.stepper.index()) {
                s.stepper.go_to(want.step);
                ++s.version;
            }
            if (want.layer >= 0 && want.layer < int(s.model.size())) selected = want.layer;
        }
        if (loaded && (want.init != s.init || (!want.init.empty() && want.init_seed != s.init_seed)) &&
            (p.has("init") || (p.has("preset") && !s.init.empty()))) {  // a view (link, history) with other weights
            apply_init(want.init, want.init_seed);
            if (want.step > 0) s.stepper.go_to(want.step);
        }
        if (loaded && s.mode != mode_before) {  // as the radio buttons do: the iteration restarts in the new mode
            if (Status st = session_restart(s); !st) s.edit_error = st.message();
            else if (want.step > 0) s.stepper.go_to(want.step);
            ++s.version;
        }
        // Test hooks: {edit_select: i} (the editor's layer, as a click), {grad_entry: "o,c,i,j"},
        // {edit_layer: i, edit_args: "{...}"}.
        int pick = -1;
        int swap = -1;
        if (p.get_int("swap_pool", swap, 0, 1000)) {  // the pool detail's "Use the strided convolution"
            ensure_loaded();
            (void)session_swap_pool(s, swap);
            follow_stepper();
        }
        if (p.get_int("edit_select", pick, 0, 1000)) {
            ensure_loaded();
            if (pick < int(s.model.size())) selected = edit_layer = pick;
        }
        if (const std::string* v = p.find("grad_entry")) {
            int e[4] = {0, 0, -1, -1};
            const int n = std::sscanf(v->c_str(), "%d,%d,%d,%d", &e[0], &e[1], &e[2], &e[3]);
            if (n >= 2) {
                detail_ui.channel = detail_ui.grad_o = ImMax(e[0], 0);
                detail_ui.grad_c = e[1];  // a Linear's -1: the row's largest entry
                detail_ui.grad_i = e[2];
                detail_ui.grad_j = e[3];
                detail_ui.playing = false;
            }
        }
        int edit = -1;
        const std::string* args = p.find("edit_args");
        if (p.get_int("edit_layer", edit, 0, 1000) && args) {
            ensure_loaded();
            Json a;
            if (Status st2 = parse_json(*args, a); !st2) s.edit_error = "edit_args: " + st2.message();
            else edit_layer_args(s, edit, a);
        }
        // Test hooks for the buttons: {wrong_example: 1}, {switch_back: 1}.
        int flag = 0;
        if (p.get_int("wrong_example", flag, 0, 1) && flag) {
            ensure_loaded();
            pick_wrong_example();
        }
        if (p.get_int("switch_back", flag, 0, 1) && flag && !fit.switched_from.empty()) load_preset(fit.switched_from);
    }

    Json report() const override { return network_lab_report(s, fit, detail_ui, selected, edit_layer); }

    void draw(AppState& app) override;
    void draw_controls(AppState& app);
    void draw_stepper_bar(AppState& app);
    void draw_map_zoom(AppState& app);
    void handle_keys();
};

void NetworkLab::handle_keys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsAnyItemActive()) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) { playing = false; step(1); }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) { playing = false; step(-1); }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) toggle_play();
}

// What the view asked for and could not have: said once, at the top, until dismissed.
void draw_missing_notice(NetworkSession& s, AppState& app) {
    if (s.wait_index >= 0) {  // a link past the preloaded starter: its image comes with the whole test set
        widgets::Card wait = widgets::begin_card("waiting");
        char line[256];
        const bool failed = app.inputs.fetch_progress(s.wait_source).state == FetchStatus::Failed;
        std::snprintf(line, sizeof line, app.tr(failed ? "net.wait_failed_fmt" : "net.waiting_fmt"),
                      (s.wait_source + " #" + std::to_string(s.wait_index)).c_str());
        widgets::heading(app, line);
        app.inputs.draw_fetch_state(app, s.wait_source);
        widgets::end_card(wait);
        ImGui::Spacing();
    }
    if (s.missing_input.empty() && s.missing_model.empty()) return;
    widgets::Card card = widgets::begin_card("missing");
    ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kStamp));
    widgets::heading(app, app.tr("net.missing_title"));
    ImGui::PopStyleColor();
    char buf[1024];
    if (!s.missing_input.empty()) {
        std::snprintf(buf, sizeof buf, app.tr("net.missing_input_fmt"), s.missing_input.c_str(),
                      (s.source + " #" + std::to_string(s.index)).c_str());
        widgets::text_wrapped(buf);
    }
    if (s.missing_model == "too-long") {
        std::snprintf(buf, sizeof buf, app.tr("net.model_too_long_fmt"), s.preset.c_str());
        widgets::text_wrapped(buf);
    } else if (!s.missing_model.empty()) {
        std::snprintf(buf, sizeof buf, app.tr("net.missing_model_fmt"), s.preset.c_str());
        widgets::text_wrapped(buf);
        widgets::muted_text_wrapped(s.missing_model.c_str());
    }
    if (ImGui::SmallButton(app.label("net.missing_ok"))) {
        s.missing_input.clear();
        s.missing_model.clear();
    }
    widgets::end_card(card);
    ImGui::Spacing();
}

void NetworkLab::draw_controls(AppState& app) {
    widgets::heading(app, app.tr("net.title"));
    widgets::muted_text_wrapped(app.tr("net.subtitle"));
    ImGui::Spacing();
    draw_missing_notice(s, app);

    widgets::Card card = widgets::begin_card("model");
    ImGui::TextDisabled("%s", app.tr("net.preset"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("net.preset_help"));
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::BeginCombo("##preset", s.preset.c_str())) {
        for (const std::string& name : network_preset_names()) {
            char key[64];
            std::snprintf(key, sizeof key, "net.preset_%s", name.c_str());
            char text[256];
            std::snprintf(text, sizeof text, "%s — %s", name.c_str(), app.tr(key));
            if (ImGui::Selectable(text, name == s.preset)) load_preset(name);
        }
        ImGui::EndCombo();
    }
    if (!load_error.empty()) widgets::engine_error(app, load_error);
    ImGui::Spacing();
    const StepPosition pos = s.ready ? s.stepper.position() : StepPosition{};
    const int edited = draw_layer_stack(s, stack_ui, app, edit_layer, s.ready ? pos.layer : -1, pos.phase);
    if (edited >= 0) selected = edit_layer = edited;
    selected = ImClamp(selected, 0, ImMax(int(s.model.size()) - 1, 0));
    edit_layer = ImClamp(edit_layer, 0, ImMax(int(s.model.size()) - 1, 0));
    widgets::end_card(card);
    ImGui::Spacing();

    card = widgets::begin_card("input");
    ImGui::TextDisabled("%s", app.tr("net.input"));
    std::string src = s.source;
    int idx = s.index;
    // The picker draws its thumbnails pixel by pixel: give it the input shape shrunk to at most 32x32
    // (a 128x128 photograph would overflow ImGui's 16-bit draw lists). The model gets the full size.
    Shape shown = s.model.input_shape();
    if (shown.size() == 3 && ImMax(shown[1], shown[2]) > 32) {
        const int m = ImMax(shown[1], shown[2]);
        shown = {shown[0], ImMax(1, shown[1] * 32 / m), ImMax(1, shown[2] * 32 / m)};
    }
    if (app.inputs.draw_picker(app, shown, src, idx)) {
        Status st = choose_input(src, idx);
        load_error = st ? "" : st.message();
        follow_stepper();
    }
    if (draw_wrong_example(s, fit, app)) pick_wrong_example();
    widgets::end_card(card);
    ImGui::Spacing();

    card = widgets::begin_card("train");
    ImGui::TextDisabled("%s", app.tr("net.training_step"));
    const char* opt_keys[3] = {"net.opt_sgd", "net.opt_momentum", "net.opt_adam"};
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
    if (ImGui::BeginCombo("##opt", app.tr(opt_keys[opt_choice]))) {
        for (int k = 0; k < 3; ++k)
            if (ImGui::Selectable(app.tr(opt_keys[k]), k == opt_choice)) {
                opt_choice = k;
                apply_optimizer();
            }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::InputFloat("##lr", &s.opt.lr, 0.0f, 0.0f, "lr %.4g", ImGuiInputTextFlags_EnterReturnsTrue)) {
        s.opt.lr = ImClamp(s.opt.lr, 1e-6f, 10.0f);
        if (Status st = session_restart(s); !st) s.edit_error = st.message();
    }
    const bool train = s.mode == Mode::Train;
    if (ImGui::RadioButton(app.label("net.mode_train"), train) && !train) {
        s.mode = Mode::Train;
        Status st = session_restart(s);
        if (!st) s.edit_error = st.message();
    }
    ImGui::SameLine();
    if (ImGui::RadioButton(app.label("net.mode_eval"), !train) && train) {
        s.mode = Mode::Eval;
        if (Status st = session_restart(s); !st) s.edit_error = st.message();
    }
    widgets::muted_text_wrapped(app.tr(train ? "net.mode_train_help" : "net.mode_eval_help"));
    widgets::end_card(card);
    ImGui::Spacing();

    card = widgets::begin_card("weights");
    ImGui::TextDisabled("%s", app.tr("net.weights"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("net.weights_help"));
    const char* kinds[4] = {"", "default", "he", "xavier"};
    const char* kind_keys[4] = {"net.init_preset", "net.init_default", "net.init_he", "net.init_xavier"};
    int kind = 0;
    for (int k = 1; k < 4; ++k)
        if (s.init == kinds[k]) kind = k;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(app.tr("net.init")).x -
                            ImGui::GetStyle().ItemInnerSpacing.x);
    if (ImGui::BeginCombo(app.label("net.init"), app.tr(kind_keys[kind]))) {
        for (int k = 0; k < 4; ++k)
            if (ImGui::Selectable(app.tr(kind_keys[k]), k == kind) && k != kind) apply_init(kinds[k], s.init_seed);
        ImGui::EndCombo();
    }
    if (kind > 0) {
        int seed = s.init_seed;
        if (widgets::slider_int("iseed", &seed, 0, 99, app.tr("net.init_seed"), 0, ImGui::GetContentRegionAvail().x))
            apply_init(kinds[kind], seed);
        widgets::muted_text_wrapped(app.tr("net.init_note"));
    }
    widgets::end_card(card);
    ImGui::Spacing();

}

void NetworkLab::draw_stepper_bar(AppState& app) {
    widgets::Card card = widgets::begin_card("stepper");
    const StepPosition pos = s.stepper.position();
    ImGui::BeginDisabled(s.stepper.index() == 0);
    if (ImGui::Button(app.label("net.back"))) { playing = false; step(-1); }
    ImGui::EndDisabled();
    ImGui::SameLine();
    char buf[512];
    const float play_w = ImMax(ImGui::CalcTextSize(app.tr("net.play")).x, ImGui::CalcTextSize(app.tr("net.pause")).x) +
                         ImGui::GetStyle().FramePadding.x * 2.0f;
    std::snprintf(buf, sizeof buf, "%s###play", playing ? app.tr("net.pause") : app.tr("net.play"));
    if (ImGui::Button(buf, ImVec2(play_w, 0.0f))) toggle_play();
    ImGui::SameLine();
    if (ImGui::Button(app.label("net.forward"))) { playing = false; step(1); }
    ImGui::SameLine();
    widgets::help_marker(app.tr("net.keys_help"));
    ImGui::SameLine(0.0f, em());
    const char* phase_keys[4] = {"net.phase_forward", "net.phase_loss", "net.phase_backward", "net.phase_update"};
    const int per = s.stepper.steps_per_iteration();
    std::snprintf(buf, sizeof buf, app.tr("net.position_fmt"), pos.iteration + 1, int(s.stepper.index() % per) + 1, per,
                  app.tr(phase_keys[int(pos.phase)]), pos.layer, s.model.layer(size_t(pos.layer)).type());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(buf);
    char key[64];
    std::snprintf(key, sizeof key, "%s_help", phase_keys[int(pos.phase)]);
    widgets::muted_text_wrapped(app.tr_maps(key));
    if (s.stepper.trainable()) {
        std::snprintf(buf, sizeof buf, app.tr("net.summary_fmt"), class_name(s, s.stepper.predicted(), app.lang).c_str(),
                      double(s.stepper.probs()[size_t(s.stepper.predicted())] * 100.0f),
                      class_name(s, int(s.stepper.target()), app.lang).c_str(), double(s.stepper.loss()));
        if (pos.phase != Phase::Forward || pos.iteration > 0) ImGui::TextUnformatted(buf);
    } else {
        widgets::muted_text_wrapped(app.tr("net.no_classifier"));
    }
    const std::string other = draw_fit_notice(s, fit, app);
    if (!other.empty()) load_preset(other);
    widgets::end_card(card);
}

// Map size: - / + beside the maps' title (enlarge a map to read its pixels, on a projector too).
void NetworkLab::draw_map_zoom(AppState& app) {
    static constexpr float kZooms[] = {1.0f, 1.5f, 2.0f, 3.0f, 4.0f};
    int k = 0;
    while (k + 1 < 5 && kZooms[k] < maps_ui.zoom - 0.01f) ++k;
    const float bw = ImGui::GetFrameHeight();
    const float w = ImGui::CalcTextSize(app.tr("net.map_size")).x + 2.0f * bw + em();
    widgets::flow_same_line(w, em());
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", app.tr("net.map_size"));
    ImGui::SameLine();
    ImGui::BeginDisabled(k == 0);
    if (ImGui::Button("-##mapzoom", ImVec2(bw, 0.0f))) maps_ui.zoom = kZooms[k - 1];
    ImGui::EndDisabled();
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::BeginDisabled(k == 4);
    if (ImGui::Button("+##mapzoom", ImVec2(bw, 0.0f))) maps_ui.zoom = kZooms[k + 1];
    ImGui::EndDisabled();
}

void NetworkLab::draw(AppState& app) {
    ensure_loaded();
    handle_keys();
    // Controls | (stepper; maps | detail). Narrower: maps above the detail; narrower still, one column.
    const bool stacked = widgets::lab_columns(app, 0.30f, 20.0f, 26.0f, 24.0f, "##main", [&] { draw_controls(app); });
    ImGui::PushTextWrapPos(0.0f);
    if (!s.ready) {
        if (load_error.empty()) widgets::error_text_wrapped(app.tr("net.not_ready"));
        else widgets::engine_error(app, load_error);
        ImGui::PopTextWrapPos();
        widgets::end_column(stacked);
        return;
    }
    draw_stepper_bar(app);
    ImGui::Spacing();
    const float main_w = ImGui::GetContentRegionAvail().x;
    const bool pair = widgets::columns_fit(main_w, {em() * 21.0f, em() * 22.0f}, em());
    // Inside a scrolling main column the pair stacks as groups; a stacked page has no inner scroll.
    const bool inner_stacked = stacked || !pair;
    widgets::begin_column("##maps", pair ? (main_w - em()) * 0.54f : 0.0f, inner_stacked);
    widgets::Card card = widgets::begin_card("maps");
    ImGui::TextDisabled("%s", app.tr("net.maps"));
    ImGui::SameLine();
    widgets::help_marker(app.tr_maps("net.maps_help"));
    draw_map_zoom(app);
    draw_feature_maps(s, maps_ui, app, selected, detail_ui.channel);
    widgets::end_card(card);
    widgets::end_column(inner_stacked);
    if (maps_ui.clicked_level > 0) {
        selected = maps_ui.clicked_level - 1;
        detail_ui.channel = maps_ui.clicked_channel;
        const Tensor& t = s.model.output(size_t(selected));
        if (t.ndim() == 4) detail_ui.pos = maps_ui.clicked_y * t.dim(3) + maps_ui.clicked_x;
        detail_ui.playing = false;
    }
    widgets::next_column(inner_stacked, em());
    widgets::begin_column("##detail", 0.0f, inner_stacked);
    card = widgets::begin_card("detail");
    const Layer& l = s.model.layer(size_t(selected));
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s %d · %s", app.tr("net.layer"), selected, l.type());
    widgets::heading(app, buf);
    const Shape& out = l.out_shape();
    if (out.size() == 3 && out[0] > 1)
        widgets::slider_int("channel", &detail_ui.channel, 0, out[0] - 1, app.tr("net.channel_fmt"));
    detail_ui.channel = out.size() == 3 ? ImClamp(detail_ui.channel, 0, out[0] - 1) : 0;
    ImGui::Spacing();
    draw_layer_detail(s, detail_ui, app, selected);
    widgets::end_card(card);
    widgets::end_column(inner_stacked);
    ImGui::PopTextWrapPos();
    widgets::end_column(stacked);
}

}  // namespace

LabPtr make_network_lab() { return std::make_unique<NetworkLab>(); }

}  // namespace ll::app
