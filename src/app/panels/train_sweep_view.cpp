// Training lab, the "Bias and variance" card: pick what to sweep (training-set size or model width),
// run one training run per value with the lab's other settings (app/train_sweep.h), and plot each
// point's final train, validation and test error against the swept value (log x for sizes).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/app_state.h"
#include "app/panels/train_view.h"
#include "app/widgets/chart.h"
#include "app/widgets/layout.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

void draw_sweep_points(const TrainSweep& sw, const AppState& app) {
    if (!ImGui::BeginTable("##sweep_pts", 5, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) return;
    ImGui::TableSetupColumn(app.tr(sw.config.kind == "width" ? "sweep.width" : "sweep.train_size"));
    ImGui::TableSetupColumn(app.tr("sweep.progress"));
    ImGui::TableSetupColumn(app.tr("sweep.train_error"));
    ImGui::TableSetupColumn(app.tr("sweep.val_error"));
    ImGui::TableSetupColumn(app.tr("sweep.test_error"));
    ImGui::TableHeadersRow();
    for (const SweepPointState& p : sw.points) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (sw.config.kind == "width") ImGui::Text("x%g", p.value);
        else ImGui::TextUnformatted(widgets::thousands(int(p.value)).c_str());
        ImGui::TableNextColumn();
        if (p.status == "running") ImGui::ProgressBar(float(p.progress), ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight()), "");
        else {
            char key[48];
            std::snprintf(key, sizeof key, "sweep.status_%s", p.status.c_str());
            ImGui::TextDisabled("%s", app.tr(key));
        }
        for (double e : {p.train_error, p.val_error, p.test_error}) {
            ImGui::TableNextColumn();
            if (e >= 0.0) ImGui::Text("%.3f", e);
            else ImGui::TextDisabled("-");
        }
    }
    ImGui::EndTable();
}

void draw_sweep_chart(const TrainSweep& sw, const AppState& app) {
    widgets::ChartSeries tr, va, te;
    for (const SweepPointState& p : sw.points) {
        if (p.status != "done") continue;
        tr.x.push_back(p.value);
        va.x.push_back(p.value);
        te.x.push_back(p.value);
        tr.y.push_back(p.train_error);
        va.y.push_back(p.val_error >= 0.0 ? p.val_error : NAN);
        te.y.push_back(p.test_error >= 0.0 ? p.test_error : NAN);
    }
    tr.colour = run_colour(0);
    va.colour = run_colour(1);
    te.colour = run_colour(2);
    te.dashed = true;
    tr.markers = va.markers = te.markers = true;
    tr.label = app.tr("sweep.train_error");
    va.label = app.tr("sweep.val_error");
    te.label = app.tr("sweep.test_error");
    widgets::ChartOptions o;
    o.log_x = true;  // sizes double from point to point, widths too
    o.x_label = app.tr(sw.config.kind == "width" ? "sweep.width" : "sweep.train_size");
    o.y_format = "%.2f";
    o.y_min = 0.0;
    widgets::line_chart("##sweep_chart", ImVec2(ImGui::GetContentRegionAvail().x, em() * 9.0f), {tr, va, te}, o);
    // Which colour is which (the chart's hover names them too).
    for (const widgets::ChartSeries* c : {&tr, &va, &te}) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c->colour));
        ImGui::TextUnformatted(c->label.c_str());
        ImGui::PopStyleColor();
        ImGui::SameLine(0.0f, em());
    }
    ImGui::NewLine();
    widgets::muted_text_wrapped(app.tr("sweep.legend"));
}

}  // namespace

std::string sweep_values_text(const std::string& kind, const std::vector<double>& values) {
    std::string text;
    char num[32];
    for (double v : values) {
        std::snprintf(num, sizeof num, "x%g", v);
        text += (text.empty() ? "" : ", ") + (kind == "width" ? std::string(num) : widgets::thousands(int(v)));
    }
    return text;
}

void draw_sweep_card(SweepUi& ui, AppState& app, const TrainSettings& next) {
    widgets::Card card = widgets::begin_card("sweep");
    widgets::heading(app, app.tr("sweep.title"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("sweep.help"));
    TrainSweep& sw = app.sweep;
    if (sw.active()) ui.kind = sw.config.kind == "width" ? 1 : 0;  // a sweep the automation started shows its kind
    ImGui::BeginDisabled(sw.active());
    ImGui::RadioButton(app.label("sweep.kind_train_size"), &ui.kind, 0);
    ImGui::SameLine();
    ImGui::RadioButton(app.label("sweep.kind_width"), &ui.kind, 1);
    const std::string kind = ui.kind == 1 ? "width" : "train_size";
    // The running sweep's own values (the automation may pass any), else what the button would run.
    std::string values = sweep_values_text(kind, sw.active() ? sw.config.values : TrainSweep::default_values(kind));
    if (kind == "width") values += std::string(" ") + app.tr("sweep.width_base");
    ImGui::TextDisabled("%s: %s", app.tr("sweep.values"), values.c_str());
    if (ImGui::Button(app.label("sweep.run"))) {
        SweepConfig c;
        c.kind = kind;
        c.values = TrainSweep::default_values(kind);
        c.base = next;
        const Status st = sw.start(c);
        ui.error = st ? std::string() : st.message();
    }
    ImGui::EndDisabled();
    if (sw.active()) {
        ImGui::SameLine();
        if (ImGui::Button(app.label("sweep.cancel"))) sw.cancel(*app.host, app.training);
    }
    if (!ui.error.empty()) widgets::engine_error(app, ui.error);
    if (!sw.error.empty()) widgets::engine_error(app, sw.error);
    if (sw.active() && sw.waiting_for_slot) widgets::muted_text_wrapped(app.tr("sweep.waiting_slot"));
    if (!sw.points.empty()) {
        draw_sweep_points(sw, app);
        const bool measured = std::any_of(sw.points.begin(), sw.points.end(), [](const SweepPointState& p) { return p.status == "done"; });
        if (measured) draw_sweep_chart(sw, app);
        widgets::text_wrapped(app.tr(sw.config.kind == "width" ? "sweep.look_width" : "sweep.look_train_size"));
    }
    widgets::end_card(card);
}

}  // namespace ll::app
