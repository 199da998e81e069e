// Training lab: train a network of the Network lab (or a reference one) on Fashion-MNIST or MNIST in the
// browser, up to four runs side by side. The runs train off the UI thread (Host::train_start: a Web
// Worker each in the page, a thread each on the desktop, all running engine/training_service.h); this
// lab only sets them up and draws what they report (app/train_runs.h, train_view.cpp).
// Left: the settings of the next run (every knob of `layerlab train`). Right: the runs, their charts
// overlaid, and the selected run's result (confusion matrix, misclassified test images).
// URL / storage keys: the next run's settings (the automation keys of TrainSettings::to_json).
#include <cstdio>
#include <cstring>

#include "app/app_state.h"
#include "app/panels/train_view.h"
#include "app/widgets/layout.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

const char* const kModels[] = {"tiny", "standard", "tiny-nobn", "standard-nobn", "tiny-fashion", "tiny-mnist", "lenet5", "current"};
const char* const kInits[] = {"default", "he", "xavier", "continue"};
const char* const kData[] = {"fashion-mnist", "mnist"};
const int kTrainSizes[] = {500, 2000, 10000, 0};
const int kValSizes[] = {0, 1000, 5000};
const int kBatches[] = {1, 2, 4, 8, 16, 32, 64, 128, 256};
const char* const kOptimizers[] = {"sgd", "adagrad", "rmsprop", "adam", "adamw"};
const char* const kSchedules[] = {"constant", "step", "cosine"};

// ---- Ready-made experiments: a claim of the study notes, measured (at most four runs each) ----

// Tiny without BatchNorm, with Dropout(0.5) before its classifier: the dropout experiment's network.
const char* kTinyDropout = R"({"input_shape": [1, 28, 28], "layers": [
  {"type": "Conv2d", "out_channels": 8, "kernel_size": 3, "padding": 1}, {"type": "ReLU"}, {"type": "MaxPool2d", "kernel_size": 2},
  {"type": "Conv2d", "out_channels": 16, "kernel_size": 3, "padding": 1}, {"type": "ReLU"}, {"type": "MaxPool2d", "kernel_size": 2},
  {"type": "Flatten"}, {"type": "Dropout", "p": 0.5}, {"type": "Linear", "out_features": 10}]})";
// A deep sigmoid network (five hidden layers of 128): where the initialisation decides whether it learns.
const char* kDeepSigmoid = R"({"input_shape": [1, 28, 28], "layers": [{"type": "Flatten"},
  {"type": "Linear", "out_features": 128}, {"type": "Sigmoid"}, {"type": "Linear", "out_features": 128}, {"type": "Sigmoid"},
  {"type": "Linear", "out_features": 128}, {"type": "Sigmoid"}, {"type": "Linear", "out_features": 128}, {"type": "Sigmoid"},
  {"type": "Linear", "out_features": 128}, {"type": "Sigmoid"}, {"type": "Linear", "out_features": 10}]})";

TrainSettings base(int train, int val, int epochs) {
    TrainSettings s;
    s.train_size = train;
    s.val_size = val;
    s.epochs = epochs;
    s.batch_size = 32;
    return s;
}

std::vector<TrainSettings> experiment_runs(const std::string& id) {
    std::vector<TrainSettings> out;
    if (id == "bn_lr") {  // the deeper reference network with and without BatchNorm, plain SGD at two rates
        for (float lr : {0.05f, 0.5f})
            for (const char* m : {"standard", "standard-nobn"}) {
                TrainSettings s = base(10000, 1000, 2);
                s.model = m;
                s.optimizer = "sgd";
                s.lr = lr;
                out.push_back(s);
            }
    } else if (id == "batch") {
        for (int b : {2, 8, 32}) {
            TrainSettings s = base(2000, 1000, 1);
            s.batch_size = b;
            s.lr = 0.001f;
            out.push_back(s);
        }
    } else if (id == "dropout") {
        for (const char* m : {"tiny-nobn", kTinyDropout}) {
            TrainSettings s = base(500, 2000, 15);
            s.model = m;
            s.lr = 0.002f;
            out.push_back(s);
        }
    } else if (id == "l1l2") {
        for (int k = 0; k < 3; ++k) {
            TrainSettings s = base(10000, 1000, 2);
            s.optimizer = "adamw";
            s.lr = 0.002f;
            s.weight_decay = k == 2 ? 0.5f : 0.0f;
            s.l1 = k == 1 ? 5e-4f : 0.0f;
            out.push_back(s);
        }
    } else if (id == "early") {
        for (int patience : {0, 3}) {
            TrainSettings s = base(500, 2000, 30);
            s.lr = 0.003f;
            s.patience = patience;
            s.restore_best = patience > 0;
            out.push_back(s);
        }
    } else if (id == "optimizers") {
        for (const char* o : {"sgd", "adam", "adamw"}) {
            TrainSettings s = base(10000, 1000, 2);
            s.optimizer = o;
            s.momentum = 0.9f;
            s.lr = s.optimizer == "sgd" ? 0.05f : 0.002f;
            if (s.optimizer == "adamw") s.weight_decay = 0.01f;
            out.push_back(s);
        }
    } else if (id == "init") {
        for (const char* init : {"default", "he", "xavier"}) {
            TrainSettings s = base(10000, 1000, 2);
            s.model = kDeepSigmoid;
            s.init = init;
            s.lr = 0.001f;
            out.push_back(s);
        }
    }
    return out;
}

const char* const kExperiments[] = {"bn_lr", "batch", "dropout", "l1l2", "early", "optimizers", "init"};

struct TrainLab final : Lab {
    TrainSettings next;   // the settings of the next run
    TrainViewUi view;
    SweepUi sweep_ui;
    std::string experiment;  // the ready-made experiment last started ("" none)
    std::string start_error;

    TrainLab() {
        // The lab's own starting point: a quick, honest run (the CLI's defaults otherwise).
        // 10,000 images, 1,000 held out, batch 32 at lr 0.005: one epoch of tiny reaches about 85% in a
        // few seconds.
        next.train_size = 10000;
        next.val_size = 1000;
        next.batch_size = 32;
        next.lr = 0.005f;
    }

    // The runs in the address (runs=): each run's settings that differ from the CLI's defaults, so a link
    // carries the experiment; the runs a link names that this page has not trained wait for one click.
    std::string runs_param;
    std::vector<TrainSettings> linked;   // from the address, until matched or started
    std::vector<TrainSettings> missing;  // linked runs no run here has the settings of
    bool start_linked = false;
    // The sweep in the address (sweep=): its kind, values and the settings that differ from the CLI's
    // defaults. A link's sweep that this page has not run (or whose run was cut short) waits for one click.
    std::string sweep_param;
    bool has_linked_sweep = false;
    SweepConfig linked_sweep;
    bool sweep_missing = false;
    bool start_linked_sweep = false;
    // What the link's text and its matching were last computed from (runs, the sweep, the address):
    // they are worked out again only when that changes, not at every frame.
    std::string link_inputs;
    int link_revision = 0;  // bumped when the address is read and when runs are asked for

    static Json settings_delta(const TrainSettings& s) {
        const Json base = TrainSettings().to_json(), all = s.to_json();
        Json d = Json::object();
        for (const auto& m : all.members()) {
            const Json* b = base.find(m.first);
            if (!b || b->dump() != m.second.dump()) d.set(m.first, m.second);
        }
        return d;
    }

    void sync_link(AppState& app) {
        const TrainSweep& sw = app.sweep;
        std::string inputs = std::to_string(link_revision) + (start_linked ? "+" : "-") + (start_linked_sweep ? "+" : "-") +
                             sw.state + "/" + std::to_string(sw.points.size()) + ":";
        for (const TrainRun& r : app.training.runs()) inputs += std::to_string(r.id) + ",";
        if (inputs == link_inputs) return;
        link_inputs = inputs;
        Json list = Json::array();
        for (const TrainRun& r : app.training.runs()) list.push(settings_delta(r.settings));
        const std::string text = list.size() ? list.dump() : std::string();
        // A run with its own network JSON can make this long; past a few kilobytes the link holds none.
        runs_param = text.size() <= 4000 ? text : std::string();
        missing.clear();
        for (const TrainSettings& want : linked) {
            const std::string w = want.to_json().dump();
            bool have = false;
            for (const TrainRun& r : app.training.runs()) have = have || r.settings.to_json().dump() == w;
            if (!have) missing.push_back(want);
        }
        if (start_linked && !missing.empty()) app.requests.train_start.insert(app.requests.train_start.end(), missing.begin(), missing.end());
        if (start_linked) linked.clear();
        start_linked = false;
        sync_sweep_link(app);
    }

    static Json sweep_link_json(const SweepConfig& c) {
        Json j = settings_delta(c.base);
        j.set("kind", Json::string(c.kind));
        Json values = Json::array();
        for (double v : c.values) values.push(Json::number(v));
        j.set("values", values);
        return j;
    }

    static bool same_sweep(const SweepConfig& a, const SweepConfig& b) {
        return a.kind == b.kind && a.values == b.values && a.base.to_json().dump() == b.base.to_json().dump();
    }

    void sync_sweep_link(AppState& app) {
        const TrainSweep& sw = app.sweep;
        const bool has_sweep = sw.state != "idle" && !sw.points.empty();
        const std::string text = has_sweep ? sweep_link_json(sw.config).dump() : std::string();
        sweep_param = text.size() <= 4000 ? text : std::string();
        // The link's sweep is here when this page ran (or runs) the same one to its end.
        const bool here = has_sweep && same_sweep(sw.config, linked_sweep) && (sw.state == "done" || sw.state == "running");
        if (sw.active() && !same_sweep(sw.config, linked_sweep)) has_linked_sweep = false;  // the user's own sweep now
        sweep_missing = has_linked_sweep && !here;
        if (start_linked_sweep && sweep_missing && !sw.active()) {
            const Status st = app.sweep.start(linked_sweep);
            if (!st) start_error = st.message();
        }
        if (start_linked_sweep || (has_linked_sweep && here)) {
            has_linked_sweep = false;
            sweep_missing = false;
        }
        start_linked_sweep = false;
    }

    void handle_requests(AppState& app) override {
        // Progress within an epoch is drawn by this very frame (the page wakes for it every
        // TrainingRuns::progress_interval); a status or an epoch's end gets two more (layouts that grow
        // settle in the next frame). Each frame counts: where the GPU is emulated on the CPU
        // (SwiftShader), one costs the training threads about 40 ms of a core.
        if (app.training.poll(*app.host) == TrainingRuns::Polled::More) app_wake_lab(app);
        if (app.sweep.step(*app.host, app.training, app.current_network)) app_wake_lab(app);
        sync_link(app);
        if (!pending_experiment.empty()) {
            start_experiment(app, pending_experiment);
            pending_experiment.clear();
        }
        Requests& r = app.requests;
        if (r.train_start.empty()) return;
        linked.clear();  // the runs now are the user's choice; the address follows them
        missing.clear();
        ++link_revision;
        for (const TrainSettings& t : r.train_start) {
            int id = 0;
            Status st = app.training.start(*app.host, t, app.current_network, id);
            app.train_started = st ? id : 0;
            app.train_error = st ? "" : st.message();
            if (st) view.selected = id;
        }
        r.train_start.clear();
    }

    // An experiment replaces the runs that have ended (their results stay in storage until then).
    void start_experiment(AppState& app, const std::string& id) {
        std::vector<TrainSettings> runs = experiment_runs(id);
        for (const TrainRun& r : std::vector<TrainRun>(app.training.runs()))
            if (!r.active()) app.training.remove(*app.host, r.id);
        experiment = id;
        app.requests.train_start = runs;
    }

    static void app_wake_lab(AppState& app) { app.redraw = std::max(app.redraw, 2); }

    bool wants_frames() const override { return false; }  // app_wants_frames asks the runs themselves

    void save_params(Params& p) const override {
        const Json j = next.to_json();
        for (const auto& m : j.members()) {
            const Json& v = m.second;
            if (v.is_string()) p.set(m.first, v.as_string());
            else if (v.is_bool()) p.set_bool(m.first, v.as_bool());
            else if (v.is_number()) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.9g", v.as_number());
                p.set(m.first, buf);
            }
        }
        p.set_bool("log", view.log_loss);
        p.set_int("sel", view.selected);
        if (!runs_param.empty()) p.set("runs", runs_param);
        if (!sweep_param.empty()) p.set("sweep", sweep_param);
    }

    void load_params(const Params& p) override {
        ++link_revision;
        // The URL's values as JSON of the right kinds; a bad one keeps the previous settings.
        Json j = Json::object();
        const Json kinds = TrainSettings().to_json();
        for (const auto& m : kinds.members()) {
            const std::string* v = p.find(m.first);
            if (!v) continue;
            if (m.first == "model" || m.first == "data" || m.first == "optimizer" || m.first == "schedule" || m.first == "init") {
                j.set(m.first, Json::string(*v));
            } else if (m.first == "nesterov" || m.first == "restoreBest") {
                j.set(m.first, Json::boolean(*v == "1" || *v == "true"));
            } else {
                char* end = nullptr;
                const double d = std::strtod(v->c_str(), &end);
                if (end && *end == '\0') j.set(m.first, Json::number(d));
            }
        }
        TrainSettings s = next;
        if (TrainSettings::from_json(j, s)) next = s;
        if (const std::string* runs = p.find("runs")) {
            Json list;
            linked.clear();
            if (parse_json(*runs, list) && list.is_array()) {
                for (const Json& one : list.items()) {
                    TrainSettings t;
                    if (one.is_object() && TrainSettings::from_json(one, t) && linked.size() < 4) linked.push_back(t);
                }
            }
        }
        if (const std::string* sweep = p.find("sweep")) {
            Json j;
            SweepConfig c;
            has_linked_sweep = parse_json(*sweep, j) && SweepConfig::from_json(j, c);
            if (has_linked_sweep) linked_sweep = c;
        }
        int go = 0;
        if (p.get_int("start_linked", go, 0, 1) && go) start_linked = true;  // test hook: the card's button
        if (p.get_int("start_linked_sweep", go, 0, 1) && go) start_linked_sweep = true;  // test hook: the sweep card's button
        p.get_bool("log", view.log_loss);
        p.get_int("sel", view.selected, 0, 1 << 30);
        // Test hook: {download: id} selects that run and downloads its weights and model as its button does.
        int dl = 0;
        if (p.get_int("download", dl, 1, 1 << 30)) view.selected = view.download = dl;
        // Test hook: {export_pytorch: id} selects that run and saves its PyTorch script as its button does.
        if (p.get_int("export_pytorch", dl, 1, 1 << 30)) view.selected = view.export_script = dl;
        // Test hook and link: {experiment: "bn_lr"} starts that experiment.
        if (const std::string* e = p.find("experiment")) {
            for (const char* k : kExperiments)
                if (*e == k) pending_experiment = k;
        }
    }
    std::string pending_experiment;

    Json report() const override {
        Json r = Json::object();
        r.set("next", next.to_json());
        r.set("selected", Json::number(view.selected));
        r.set("error", start_error.empty() ? Json() : Json::string(start_error));
        r.set("linked_missing", Json::number(double(missing.size())));
        r.set("linked_sweep_missing", Json::boolean(sweep_missing));
        r.set("experiment", experiment.empty() ? Json() : Json::string(experiment));
        return r;
    }

    void draw(AppState& app) override;
    void draw_controls(AppState& app);
};

// A combo over a list; shown names come from the i18n key prefix + value when given.
template <size_t N>
bool combo_str(const char* id, std::string& v, const char* const (&list)[N], const AppState& app, const char* key_prefix) {
    bool changed = false;
    char key[96];
    std::snprintf(key, sizeof key, "%s%s", key_prefix, v.c_str());
    const char* shown = key_prefix[0] ? app.tr(key) : v.c_str();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::BeginCombo(id, shown)) {
        for (const char* item : list) {
            std::snprintf(key, sizeof key, "%s%s", key_prefix, item);
            if (ImGui::Selectable(key_prefix[0] ? app.tr(key) : item, v == item)) {
                v = item;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

template <size_t N>
void combo_int(const char* id, int& v, const int (&list)[N], const char* zero_text) {
    char shown[32];
    if (v == 0 && zero_text) std::snprintf(shown, sizeof shown, "%s", zero_text);
    else std::snprintf(shown, sizeof shown, "%s", widgets::thousands(v).c_str());
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::BeginCombo(id, shown)) {
        for (int item : list) {
            const std::string t = item == 0 && zero_text ? std::string(zero_text) : widgets::thousands(item);
            if (ImGui::Selectable(t.c_str(), v == item)) v = item;
        }
        ImGui::EndCombo();
    }
}

void TrainLab::draw_controls(AppState& app) {
    widgets::heading(app, app.tr("train.title"));
    widgets::muted_text_wrapped(app.tr("train.subtitle"));
    ImGui::Spacing();
    // Labels as wide as the widest in this language, leaving the controls at least 8 text heights.
    float lw = 0.0f;
    for (const char* k : {"train.network", "train.init", "train.data", "train.train_size", "train.val_size", "train.epochs",
                          "train.batch", "train.optimizer", "train.lr", "train.momentum", "train.weight_decay", "train.l1",
                          "train.schedule", "train.warmup", "train.seed", "train.patience", "train.threads"})
        lw = ImMax(lw, ImGui::CalcTextSize(app.tr(k)).x);
    lw = ImMin(lw + em() * 0.8f, ImGui::GetContentRegionAvail().x - em() * 8.0f);
    widgets::Card card = widgets::begin_card("what");
    widgets::row_label(app.tr("train.network"), lw);
    if (!next.model.empty() && next.model[0] == '{') {  // an experiment's own network
        ImGui::TextUnformatted(app.tr("train.model_custom"));
        ImGui::SameLine();
        if (ImGui::SmallButton(app.label("train.model_reset"))) next.model = "tiny";
    } else {
        combo_str("##model", next.model, kModels, app, "");
    }
    widgets::row_label(app.tr("train.init"), lw);
    combo_str("##init", next.init, kInits, app, "train.init_");
    widgets::row_label(app.tr("train.data"), lw);
    combo_str("##data", next.data, kData, app, "train.data_");
    widgets::row_label(app.tr("train.train_size"), lw);
    combo_int("##ts", next.train_size, kTrainSizes, app.tr("train.all"));
    widgets::row_label(app.tr("train.val_size"), lw);
    combo_int("##vs", next.val_size, kValSizes, app.tr("train.none"));
    widgets::end_card(card);
    ImGui::Spacing();

    card = widgets::begin_card("how");
    widgets::slider_row(app.tr("train.epochs"), "ep", &next.epochs, 1, 30, lw);
    widgets::row_label(app.tr("train.batch"), lw);
    combo_int("##bs", next.batch_size, kBatches, nullptr);
    widgets::row_label(app.tr("train.optimizer"), lw);
    if (combo_str("##opt", next.optimizer, kOptimizers, app, "train.opt_")) next.lr = -1.0f;
    widgets::row_label(app.tr("train.lr"), lw);
    float lr = next.effective_lr();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::InputFloat("##lr", &lr, 0.0f, 0.0f, "%.4g", ImGuiInputTextFlags_EnterReturnsTrue) && lr > 0.0f) next.lr = lr;
    if (next.optimizer == "sgd") {
        widgets::row_label(app.tr("train.momentum"), lw);
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() * 4.0f);
        ImGui::SliderFloat("##mom", &next.momentum, 0.0f, 0.99f, "%.2f");
        ImGui::SameLine();
        ImGui::Checkbox(app.label("train.nesterov"), &next.nesterov);
    }
    widgets::row_label(app.tr("train.weight_decay"), lw);
    float wd = next.weight_decay < 0.0f ? 0.0f : next.weight_decay;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::InputFloat("##wd", &wd, 0.0f, 0.0f, "%.4g", ImGuiInputTextFlags_EnterReturnsTrue)) next.weight_decay = wd >= 0.0f ? wd : 0.0f;
    widgets::row_label(app.tr("train.l1"), lw);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::InputFloat("##l1", &next.l1, 0.0f, 0.0f, "%.4g", ImGuiInputTextFlags_EnterReturnsTrue) && next.l1 < 0.0f) next.l1 = 0.0f;
    widgets::row_label(app.tr("train.schedule"), lw);
    combo_str("##sch", next.schedule, kSchedules, app, "train.schedule_");
    widgets::slider_row(app.tr("train.warmup"), "wu", &next.warmup, 0, 500, lw);
    widgets::row_label(app.tr("train.seed"), lw);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    ImGui::InputInt("##seed", &next.seed);
    if (next.seed < 0) next.seed = 0;
    ImGui::BeginDisabled(next.val_size == 0);
    widgets::slider_row(app.tr("train.patience"), "pa", &next.patience, 0, 10, lw, app.tr("train.patience_help"));
    ImGui::Checkbox(app.label("train.restore_best"), &next.restore_best);
    ImGui::EndDisabled();
    if (next.val_size == 0) {
        next.patience = 0;
        next.restore_best = false;
    }
    // Engine threads per run: the page's choice (2 where it can) or a fixed 1 or 2. Only the speed changes.
    widgets::row_label(app.tr("train.threads"), lw);
    {
        char automatic[64];
        std::snprintf(automatic, sizeof automatic, app.tr("train.threads_auto_fmt"),
                      app.training.automatic_threads(*app.host));
        const char* shown[] = {automatic, "1", "2"};
        const float help_w = ImGui::CalcTextSize("(?)").x + ImGui::GetStyle().ItemSpacing.x;
        const float combo_w = ImGui::GetContentRegionAvail().x - help_w;
        const int choice = next.threads >= 0 && next.threads <= 2 ? next.threads : 0;
        // A narrow panel (800x600 in English) cuts "Auto (2)": the closed box then says "Auto"; the list
        // still gives the count.
        const char* preview = shown[choice];
        if (choice == 0 && ImGui::CalcTextSize(preview).x + ImGui::GetFrameHeight() +
                                   ImGui::GetStyle().FramePadding.x * 2.0f > combo_w)
            preview = app.tr("train.threads_auto");
        ImGui::SetNextItemWidth(combo_w);
        if (ImGui::BeginCombo("##threads", preview)) {
            for (int t = 0; t <= 2; ++t)
                if (ImGui::Selectable(shown[t], next.threads == t)) next.threads = t;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        widgets::help_marker(app.tr("train.threads_help"));
    }
    widgets::end_card(card);
    ImGui::Spacing();

    const bool full = !app.training.any_active() ? false : int(app.training.runs().size()) >= TrainingRuns::kMaxRuns;
    ImGui::BeginDisabled(full);
    if (ImGui::Button(app.label("train.start"), ImVec2(ImGui::GetContentRegionAvail().x, 0.0f))) {
        app.requests.export_network = next.model == "current";
        app.requests.train_start = {next};
    }
    ImGui::EndDisabled();
    if (!app.train_error.empty()) widgets::engine_error(app, app.train_error);
    widgets::muted_text_wrapped(app.tr("train.duplicate_hint"));
    ImGui::Spacing();

    card = widgets::begin_card("experiments");
    ImGui::TextDisabled("%s", app.tr("train.experiments"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("train.experiments_help"));
    ImGui::BeginDisabled(app.training.any_active());
    for (const char* e : kExperiments) {
        char key[64];
        std::snprintf(key, sizeof key, "train.exp_%s", e);
        if (ImGui::Button(app.label(key), ImVec2(ImGui::GetContentRegionAvail().x, 0.0f))) start_experiment(app, e);
    }
    ImGui::EndDisabled();
    widgets::end_card(card);
}

void TrainLab::draw(AppState& app) {
    const bool stacked = widgets::lab_columns(app, 0.26f, 18.0f, 23.0f, 26.0f, "##runs", [&] { draw_controls(app); });
    ImGui::PushTextWrapPos(0.0f);
    if (!missing.empty()) {
        widgets::Card card = widgets::begin_card("linked");
        char buf[256];
        std::snprintf(buf, sizeof buf, app.tr("train.linked_fmt"), int(missing.size()));
        widgets::text_wrapped(buf);
        if (ImGui::Button(app.label("train.linked_start"))) start_linked = true;
        widgets::end_card(card);
        ImGui::Spacing();
    }
    if (sweep_missing) {
        widgets::Card card = widgets::begin_card("linked_sweep");
        const std::string values = sweep_values_text(linked_sweep.kind, linked_sweep.values);
        char buf[768];
        std::snprintf(buf, sizeof buf, app.tr("train.linked_sweep_fmt"),
                      app.tr(linked_sweep.kind == "width" ? "sweep.width" : "sweep.train_size"), values.c_str());
        widgets::text_wrapped(buf);
        ImGui::BeginDisabled(app.sweep.active());
        if (ImGui::Button(app.label("train.linked_sweep_start"))) start_linked_sweep = true;
        ImGui::EndDisabled();
        if (app.sweep.active()) widgets::muted_text_wrapped(app.tr("train.linked_sweep_busy"));
        widgets::end_card(card);
        ImGui::Spacing();
    }
    if (!experiment.empty()) {
        widgets::Card card = widgets::begin_card("look");
        char key[64];
        std::snprintf(key, sizeof key, "train.exp_%s", experiment.c_str());
        widgets::heading(app, app.tr(key));
        std::snprintf(key, sizeof key, "train.look_%s", experiment.c_str());
        widgets::text_wrapped(app.tr(key));
        widgets::end_card(card);
        ImGui::Spacing();
    }
    draw_sweep_card(sweep_ui, app, next);  // one row until a sweep has points
    ImGui::Spacing();
    if (const TrainSettings* twin = draw_train_view(view, app)) next = *twin;  // "duplicate": the controls take its settings
    ImGui::PopTextWrapPos();
    widgets::end_column(stacked);
}

}  // namespace

LabPtr make_train_lab() { return std::make_unique<TrainLab>(); }

}  // namespace ll::app
