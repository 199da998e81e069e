// Normalization lab: the measured side of the batch-size story. tools/norm_batch_experiment.sh trains the
// tiny network with a 64-unit hidden layer (a 7x7 convolution to 64x1x1, so its BatchNorm sees only the
// batch) under BatchNorm, GroupNorm and CrossIterationBN at batch 32 to 2 with `layerlab train`, and writes
// every run's test accuracy to assets/models/norm-experiment/results.json. This file reads that file and
// shows the mean (and min-max over seeds) per family and batch size beside the noise view's explanation.
// The numbers are the CLI's, never recomputed here.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app_state.h"
#include "app/panels/network.h"
#include "app/panels/norm_lab.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

using Family = NormExperiment::Family;

Status parse_experiment(const Json& j, NormExperiment& e) {
    const Json* batches = j.find("batches");
    const Json* acc = j.find("accuracy");
    const Json* epochs = j.find("epochs");
    if (!batches || !batches->is_array() || !acc || !acc->is_object() || !epochs || !epochs->is_int())
        return Status::error("results.json needs batches, epochs and accuracy");
    e.epochs = int(epochs->as_int());
    for (const Json& b : batches->items()) {
        if (!b.is_int()) return Status::error("results.json: batches must be whole numbers");
        e.batches.push_back(int(b.as_int()));
    }
    for (Family& f : e.families) {
        const Json* rows = acc->find(f.key);
        if (!rows || !rows->is_array() || rows->size() != e.batches.size())
            return Status::error(std::string("results.json: no row per batch size for ") + f.key);
        for (const Json& row : rows->items()) {
            std::vector<double> seeds;
            if (row.is_array())
                for (const Json& v : row.items())
                    if (v.is_number()) seeds.push_back(v.as_number());  // null: that run failed
            f.runs.push_back(seeds);
        }
    }
    return Status::ok();
}

const NormExperiment& loaded(NormExperiment& e) {
    if (!e.loaded) {
        e.loaded = true;
        std::string text;
        Json j;
        Status st = read_file(network_models_dir() + "/norm-experiment/results.json", text);
        if (st) st = parse_json(text, j);
        if (st) st = parse_experiment(j, e);
        if (!st) {
            e.error = st.message();
            e.batches.clear();
        }
    }
    return e;
}

double mean(const std::vector<double>& v) {
    double s = 0.0;
    for (double x : v) s += x;
    return v.empty() ? 0.0 : s / double(v.size());
}

}  // namespace

void draw_norm_experiment(NormExperiment& experiment, AppState& app) {
    const NormExperiment& e = loaded(experiment);
    ImGui::Spacing();
    char buf[256];
    std::snprintf(buf, sizeof buf, app.tr("norm.ex.title"), e.epochs);
    ImGui::TextDisabled("%s", buf);
    ImGui::SameLine();
    widgets::help_marker(app.tr("norm.ex.help"));
    if (e.batches.empty()) {
        widgets::muted_text_wrapped(e.error.c_str());
        return;
    }
    const int cols = 1 + int(e.batches.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##norm_experiment", cols, flags)) return;
    float label_w = 0.0f;
    for (const Family& f : e.families) label_w = std::max(label_w, ImGui::CalcTextSize(f.label).x);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, label_w + em() * 0.5f);
    std::vector<std::string> heads;
    for (int b : e.batches) {
        std::snprintf(buf, sizeof buf, app.tr("norm.ex.batch"), b);
        heads.push_back(buf);
    }
    for (const std::string& h : heads) ImGui::TableSetupColumn(h.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    for (const Family& f : e.families) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(f.label);
        for (const std::vector<double>& seeds : f.runs) {
            ImGui::TableNextColumn();
            if (seeds.empty()) {
                ImGui::TextDisabled("—");
                continue;
            }
            // A mean far below the best of the row is the collapse the view explains: drawn in the error colour.
            double best = 0.0;
            for (const std::vector<double>& s : f.runs) best = std::max(best, mean(s));
            const double m = mean(seeds);
            std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * m);
            if (m < best - 0.05) ImGui::TextColored(col4(colors::kError), "%s", buf);
            else ImGui::TextUnformatted(buf);
            if (seeds.size() > 1 && ImGui::IsItemHovered()) {
                const auto [lo, hi] = std::minmax_element(seeds.begin(), seeds.end());
                std::snprintf(buf, sizeof buf, app.tr("norm.ex.range"), int(seeds.size()), 100.0 * *lo, 100.0 * *hi);
                ImGui::SetTooltip("%s", buf);
            }
        }
    }
    ImGui::EndTable();
    widgets::muted_text_wrapped(app.tr("norm.ex.why"));
}

Json norm_experiment_report(NormExperiment& experiment) {
    const NormExperiment& e = loaded(experiment);
    Json r = Json::object();
    if (e.batches.empty()) {
        r.set("error", Json::string(e.error));
        return r;
    }
    Json b = Json::array();
    for (int v : e.batches) b.push(Json::number(v));
    r.set("batches", b);
    r.set("epochs", Json::number(e.epochs));
    Json means = Json::object();
    for (const Family& f : e.families) {
        Json row = Json::array();
        for (const std::vector<double>& seeds : f.runs) row.push(seeds.empty() ? Json() : Json::number(mean(seeds)));
        means.set(f.key, row);
    }
    r.set("mean_accuracy", means);
    return r;
}

}  // namespace ll::app
