// Training lab, the runs' side: see train_view.h. Everything drawn here is what the runs reported
// (app/train_runs.h); nothing is computed but the smoothing of the step losses for the chart.
#include "app/panels/train_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "app/app_state.h"
#include "app/inputs.h"
#include "app/train_export.h"
#include "app/widgets/chart.h"
#include "app/widgets/widgets.h"

namespace ll::app {

unsigned run_colour(int slot) {
    static const int kColours[] = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7};
    return col32(kColours[((slot % 4) + 4) % 4]);
}

namespace {

const char* status_key(const std::string& status) {
    if (status == "loading") return "train.status_loading";
    if (status == "running") return "train.status_running";
    if (status == "paused") return "train.status_paused";
    if (status == "done") return "train.status_done";
    if (status == "stopped") return "train.status_stopped";
    return "train.status_failed";
}

std::string settings_value(const Json& v) {
    if (v.is_string()) return !v.as_string().empty() && v.as_string()[0] == '{' ? "{custom}" : v.as_string();
    if (v.is_bool()) return v.as_bool() ? "on" : "off";
    if (v.is_null()) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v.as_number());
    return buf;
}

// "what differs": the settings whose values are not the same in every run, as "key value" for run r.
std::string differences(const std::vector<TrainRun>& runs, const TrainRun& r) {
    const Json mine = r.settings.to_json();
    std::string out;
    for (const auto& m : mine.members()) {
        std::set<std::string> values;
        for (const TrainRun& o : runs) {
            const Json j = o.settings.to_json();
            const Json* v = j.find(m.first);
            values.insert(v ? settings_value(*v) : "");
        }
        if (values.size() > 1) out += (out.empty() ? "" : ", ") + m.first + " " + settings_value(m.second);
    }
    if (out.empty()) out = r.settings.model + ", " + r.settings.data + ", lr " + settings_value(mine.find("lr") ? *mine.find("lr") : Json());
    return out;
}

std::string clock(double s) {
    const int t = int(s + 0.5);
    char buf[32];
    if (t >= 3600) std::snprintf(buf, sizeof buf, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
    else std::snprintf(buf, sizeof buf, "%d:%02d", t / 60, t % 60);
    return buf;
}

const TrainSettings* draw_table(TrainViewUi& ui, AppState& app) {
    const TrainSettings* twin = nullptr;
    std::vector<TrainRun> runs = app.training.runs();  // a copy: the buttons may change the list
    widgets::Card card = widgets::begin_card("runs");
    ImGui::TextDisabled("%s", app.tr("train.runs"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("train.runs_help"));
    if (runs.empty()) {
        widgets::muted_text_wrapped(app.tr("train.no_runs"));
        widgets::end_card(card);
        return nullptr;
    }
    char buf[256];
    for (size_t i = 0; i < runs.size(); ++i) {
        const TrainRun& r = runs[i];
        ImGui::PushID(r.id);
        const bool sel = ui.selected == r.id;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float sw = em() * 0.8f;
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + (ImGui::GetTextLineHeight() - sw) * 0.5f),
                                                  ImVec2(p.x + sw, p.y + (ImGui::GetTextLineHeight() + sw) * 0.5f), run_colour(int(i)), 2.0f);
        ImGui::Dummy(ImVec2(sw, ImGui::GetTextLineHeight()));
        ImGui::SameLine();
        std::snprintf(buf, sizeof buf, "#%d  %s##sel", r.id, differences(runs, r).c_str());
        if (ImGui::Selectable(buf, sel, 0, ImVec2(ImGui::GetContentRegionAvail().x, 0.0f))) ui.selected = r.id;
        // Status line: state, epoch, speed, time left, the best validation and the test accuracy.
        std::string line = app.tr(status_key(r.status));
        if (r.status == "loading") {
            std::snprintf(buf, sizeof buf, app.tr("train.loading_fmt"), r.loaded_bytes / 1e6);
            line += " " + std::string(buf);
        } else {
            std::snprintf(buf, sizeof buf, app.tr("train.epoch_fmt"), r.epoch + (r.active() ? 1 : 0) > r.epochs ? r.epochs : r.epoch + (r.active() ? 1 : 0), r.epochs);
            line += " · " + std::string(buf);
            if (r.active() && r.images_per_second > 0) {
                std::snprintf(buf, sizeof buf, app.tr("train.speed_fmt"), widgets::thousands(int64_t(r.images_per_second)).c_str(), clock(r.seconds_left()).c_str());
                line += " · " + std::string(buf);
            }
            if (r.threads > 0) {
                std::snprintf(buf, sizeof buf, app.tr(r.threads == 1 ? "train.threads_one" : "train.threads_fmt"), r.threads);
                line += " · " + std::string(buf);
            }
            double best = NAN;
            for (const TrainEpoch& e : r.history)
                if (e.has_val && !(e.val_acc <= best)) best = e.val_acc;
            if (std::isfinite(best)) {
                std::snprintf(buf, sizeof buf, app.tr("train.val_fmt"), best * 100.0);
                line += " · " + std::string(buf);
            }
            if (r.has_test) {
                std::snprintf(buf, sizeof buf, app.tr("train.test_fmt"), r.test_acc * 100.0);
                line += " · " + std::string(buf);
            }
        }
        ImGui::Indent(sw + ImGui::GetStyle().ItemSpacing.x);
        widgets::muted_text_wrapped(line.c_str());
        if (r.active() && r.images_per_epoch > 0) {
            const float f = float(double(r.epoch * r.images_per_epoch + r.images_done) / double(std::max(1, r.epochs * r.images_per_epoch)));
            ImGui::ProgressBar(ImClamp(f, 0.0f, 1.0f), ImVec2(ImGui::GetContentRegionAvail().x, em() * 0.35f), "");
        }
        if (!r.error.empty()) widgets::engine_error(app, r.error);
        if (!r.note.empty() && r.error.empty()) widgets::muted_text_wrapped(r.note.c_str());
        if (r.interrupted) {
            char note[768];  // the sentence is longer than buf holds, in Korean more so
            std::snprintf(note, sizeof note, app.tr("train.interrupted_fmt"), int(r.history.size()), r.epochs);
            widgets::muted_text_wrapped(note);
        }
        // Controls.
        if (r.status == "running" || r.status == "loading") {
            if (ImGui::SmallButton(app.label("train.pause"))) (void)app.training.control(*app.host, r.id, "pause");
            ImGui::SameLine();
        } else if (r.status == "paused") {
            if (ImGui::SmallButton(app.label("train.resume"))) (void)app.training.control(*app.host, r.id, "resume");
            ImGui::SameLine();
        }
        if (r.active()) {
            if (ImGui::SmallButton(app.label("train.stop"))) (void)app.training.control(*app.host, r.id, "stop");
            ImGui::SameLine();
        }
        if (ImGui::SmallButton(app.label("train.duplicate"))) {
            if (TrainRun* live = app.training.find(r.id)) twin = &live->settings;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("train.duplicate_help"));
        if (!r.active()) {
            ImGui::SameLine();
            if (ImGui::SmallButton(app.label("train.remove"))) app.training.remove(*app.host, r.id);
        }
        ImGui::Unindent(sw + ImGui::GetStyle().ItemSpacing.x);
        ImGui::PopID();
        if (i + 1 < runs.size()) ImGui::Separator();
    }
    widgets::end_card(card);
    return twin;
}

void draw_charts(TrainViewUi& ui, AppState& app) {
    const std::vector<TrainRun>& runs = app.training.runs();
    if (runs.empty()) return;
    widgets::Card card = widgets::begin_card("charts");
    ImGui::TextDisabled("%s", app.tr("train.loss_steps"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("train.loss_steps_help"));
    ImGui::SameLine();
    ImGui::Checkbox(app.label("train.log_scale"), &ui.log_loss);
    std::vector<widgets::ChartSeries> steps, losses, accs;
    int best_epoch = 0;
    for (size_t i = 0; i < runs.size(); ++i) {
        const TrainRun& r = runs[i];
        const unsigned c = run_colour(int(i));
        char name[32];
        std::snprintf(name, sizeof name, "#%d", r.id);
        widgets::ChartSeries s;
        s.y = widgets::smooth(r.losses, 0.05);
        for (size_t k = 0; k < s.y.size(); ++k) s.x.push_back(double(k + 1));
        s.colour = c;
        s.label = name;
        steps.push_back(std::move(s));
        widgets::ChartSeries tl, vl, ta, va;
        for (const TrainEpoch& e : r.history) {
            tl.x.push_back(e.epoch);
            tl.y.push_back(e.train_loss);
            ta.x.push_back(e.epoch);
            ta.y.push_back(e.train_acc);
            vl.x.push_back(e.epoch);
            vl.y.push_back(e.has_val ? e.val_loss : NAN);
            va.x.push_back(e.epoch);
            va.y.push_back(e.has_val ? e.val_acc : NAN);
        }
        tl.colour = ta.colour = vl.colour = va.colour = c;
        vl.dashed = va.dashed = true;
        tl.label = ta.label = std::string(name) + " " + app.tr("train.train");
        vl.label = va.label = std::string(name) + " " + app.tr("train.val");
        losses.push_back(tl);
        losses.push_back(vl);
        accs.push_back(ta);
        accs.push_back(va);
        if (r.id == ui.selected) best_epoch = r.best_epoch;
    }
    widgets::ChartOptions o;
    o.log_y = ui.log_loss;
    o.x_label = app.tr("train.step");
    const float w = ImGui::GetContentRegionAvail().x;
    widgets::line_chart("##steps", ImVec2(w, em() * 9.0f), steps, o);
    const bool pair = w >= em() * 30.0f;
    const float cw = pair ? (w - em()) * 0.5f : w;
    widgets::ChartOptions oe;
    oe.x_label = app.tr("train.epoch");
    oe.log_y = ui.log_loss;
    if (best_epoch > 0) oe.marker_x = best_epoch;
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", app.tr("train.loss_epochs"));
    widgets::line_chart("##el", ImVec2(cw, em() * 8.0f), losses, oe);
    ImGui::EndGroup();
    if (pair) ImGui::SameLine(0.0f, em());
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", app.tr("train.acc_epochs"));
    widgets::ChartOptions oa = oe;
    oa.log_y = false;
    oa.y_format = "%.2f";
    oa.y_max = 1.0;  // an accuracy
    widgets::line_chart("##ea", ImVec2(cw, em() * 8.0f), accs, oa);
    ImGui::EndGroup();
    widgets::muted_text_wrapped(app.tr("train.charts_legend"));
    widgets::end_card(card);
}

std::string class_label(const AppState& app, const TrainRun& r, int c) {
    if (r.settings.data == "fashion-mnist" && c >= 0 && c < 10) {
        char key[16];
        std::snprintf(key, sizeof key, "net.fm%d", c);
        return app.tr(key);
    }
    return std::to_string(c);
}

// "Export PyTorch script": the run as `layerlab export-pytorch --train` writes it, the script and its
// initial weights, saved through the host (downloads in the page).
void draw_export_script(TrainViewUi& ui, AppState& app, const TrainRun& r) {
    if (!ImGui::Button(app.label("train.export_py")) && r.id != ui.export_script) {
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("train.export_py_help"));
        return;
    }
    ui.export_script = 0;
    RunScriptFiles files;
    const Status st = run_pytorch_files(r, files);
    ui.export_error = st ? "" : st.message();
    if (!st) return;
    app.host->save_file(files.script_name, files.script);
    app.host->save_file(files.init_name, files.init);
}

void draw_result(TrainViewUi& ui, AppState& app) {
    TrainRun* r = app.training.find(ui.selected);
    if (!r) return;
    widgets::Card card = widgets::begin_card("result");
    char buf[256];
    std::snprintf(buf, sizeof buf, app.tr("train.result_fmt"), r->id);
    widgets::heading(app, buf);
    if (!r->has_test) {
        widgets::muted_text_wrapped(app.tr(r->active() ? "train.result_later" : "train.result_none"));
        widgets::end_card(card);
        return;
    }
    std::snprintf(buf, sizeof buf, app.tr("train.test_line_fmt"), r->test_acc * 100.0, r->test_loss);
    ImGui::TextUnformatted(buf);
    if (r->best_epoch > 0) {
        std::snprintf(buf, sizeof buf, app.tr(r->restored_best ? "train.best_restored_fmt" : "train.best_fmt"), r->best_epoch);
        widgets::muted_text_wrapped(buf);
    }
    // Confusion matrix: rows the true class, columns the prediction; the diagonal is what is right.
    ImGui::TextDisabled("%s", app.tr("train.confusion"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("train.confusion_help"));
    const int C = r->classes;
    float name_w = 0.0f;
    for (int c = 0; c < C; ++c) name_w = ImMax(name_w, ImGui::CalcTextSize(class_label(app, *r, c).c_str()).x);
    name_w += em() * 0.5f;
    const float cell = ImClamp((ImGui::GetContentRegionAvail().x - name_w - em() * 4.0f) / float(ImMax(C, 1)), em() * 1.6f, em() * 2.6f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    int64_t most = 1;
    for (int64_t v : r->confusion) most = std::max(most, v);
    for (int a = 0; a < C; ++a) {
        const float y = p0.y + float(a) * cell;
        const std::string name = class_label(app, *r, a);
        dl->AddText(ImVec2(p0.x + name_w - ImGui::CalcTextSize(name.c_str()).x - em() * 0.3f, y + (cell - ImGui::GetTextLineHeight()) * 0.5f),
                    col32(colors::kMuted), name.c_str());
        for (int b = 0; b < C; ++b) {
            const int64_t v = r->confusion[size_t(a * C + b)];
            const ImVec2 lo(p0.x + name_w + float(b) * cell, y), hi(lo.x + cell - 1, y + cell - 1);
            const float t = float(std::sqrt(double(v) / double(most)));
            dl->AddRectFilled(lo, hi, a == b ? col32(colors::kCurrent, 0.15f + 0.85f * t) : col32(colors::kError, v ? 0.1f + 0.8f * t : 0.03f));
            std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
            const ImVec2 ts = ImGui::CalcTextSize(buf);
            if (ts.x < cell - 2) dl->AddText(ImVec2(lo.x + (cell - ts.x) * 0.5f, lo.y + (cell - ts.y) * 0.5f), col32(t > 0.55f ? 0xFFFFFF : 0x1F2933), buf);
        }
        if (a < int(r->class_acc.size())) {
            std::snprintf(buf, sizeof buf, "%.0f%%", r->class_acc[size_t(a)] * 100.0);
            dl->AddText(ImVec2(p0.x + name_w + float(C) * cell + em() * 0.4f, y + (cell - ImGui::GetTextLineHeight()) * 0.5f), col32(colors::kMuted), buf);
        }
    }
    ImGui::Dummy(ImVec2(name_w + float(C) * cell + em() * 3.0f, float(C) * cell));
    widgets::muted_text_wrapped(app.tr("train.confusion_axes"));
    ImGui::Spacing();

    // The test images it gets wrong; a click opens one in the Network lab with this trained network.
    std::snprintf(buf, sizeof buf, app.tr("train.misses_fmt"), int(r->misses.size()));
    ImGui::TextDisabled("%s", buf);
    ImGui::SameLine();
    widgets::help_marker(app.tr("train.misses_help"));
    const float t = em() * 3.0f, gap = em() * 0.35f;
    const Shape shape = {1, 28, 28};
    for (size_t k = 0; k < r->misses.size(); ++k) {
        const TrainMiss& m = r->misses[k];
        if (k) widgets::flow_same_line(t, gap);
        InputImage img;
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        ImGui::PushID(int(k));
        const bool clicked = ImGui::InvisibleButton("##miss", ImVec2(t, t));
        if (app.inputs.get(r->settings.data, m.index, shape, img)) draw_input_pixels(dl, img.image, pos, t);
        dl->AddRect(ImVec2(pos.x - 1, pos.y - 1), ImVec2(pos.x + t + 1, pos.y + t + 1), col32(colors::kError), 2.0f);
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip(app.tr("train.miss_tip_fmt"), m.index, class_label(app, *r, m.label).c_str(), class_label(app, *r, m.predicted).c_str());
        }
        if (clicked && !r->weights.empty()) {
            Requests::OpenTrained o;
            o.desc = r->model;
            o.weights = r->weights;
            std::snprintf(buf, sizeof buf, "run #%d", r->id);
            o.name = buf;
            o.source = r->settings.data;
            o.index = m.index;
            app.requests.open_trained = o;
            app.requests.set_lab = LabId::Network;
        }
        ImGui::PopID();
    }
    if (!r->weights.empty()) {
        if (ImGui::Button(app.label("train.download")) || r->id == ui.download) {
            std::snprintf(buf, sizeof buf, "layerlab-run-%d.safetensors", r->id);
            app.host->save_file(buf, r->weights);
            std::snprintf(buf, sizeof buf, "layerlab-run-%d.json", r->id);
            app.host->save_file(buf, r->model.dump());
            ui.download = 0;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("train.download_help"));
        ImGui::SameLine();
        draw_export_script(ui, app, *r);
        ImGui::SameLine();
        if (ImGui::Button(app.label("train.open_network"))) {
            Requests::OpenTrained o;
            o.desc = r->model;
            o.weights = r->weights;
            o.name = "run";
            app.requests.open_trained = o;
            app.requests.set_lab = LabId::Network;
        }
        if (!ui.export_error.empty()) widgets::engine_error(app, ui.export_error);
    }
    widgets::end_card(card);
}

// Per layer over the epochs: the output's mean and spread on a fixed batch (how the distributions drift
// during training, with and without BatchNorm), the gradient norm, and the share of (near) zero weights.
// One layer's weight histograms over the epochs as a heat strip: a column per epoch, weight values up
// the side on the widest range of all epochs, darker for more weights (log scale), the zero line marked,
// so L1 pulling weights onto zero shows as a dark band closing in on it.
void draw_histogram_strip(const AppState& app, const TrainLayerSeries& l, float width, float height) {
    const size_t epochs = l.hists.size();
    if (epochs == 0 || l.hist_ranges.size() != epochs) return;
    double range = 0.0, top = 1.0;
    for (size_t e = 0; e < epochs; ++e) {
        range = std::max(range, l.hist_ranges[e]);
        for (double c : l.hists[e]) top = std::max(top, c);
    }
    if (range <= 0.0) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 lo = ImGui::GetCursorScreenPos(), hi(lo.x + width, lo.y + height);
    ImGui::InvisibleButton("##hist", ImVec2(width, height));
    dl->AddRectFilled(lo, hi, col32(0xFFFFFF));
    const float cw = width / float(epochs);
    const auto y_of = [&](double v) { return float(lo.y + (range - v) / (2.0 * range) * height); };
    int hover_e = -1, hover_b = -1;
    const ImVec2 m = ImGui::GetIO().MousePos;
    for (size_t e = 0; e < epochs; ++e) {
        const std::vector<double>& h = l.hists[e];
        const double r = l.hist_ranges[e];
        const size_t bins = h.size();
        for (size_t b = 0; b < bins && r > 0.0; ++b) {
            if (h[b] <= 0.0) continue;
            const double v0 = -r + 2.0 * r * double(b) / double(bins), v1 = v0 + 2.0 * r / double(bins);
            const float shade = float(std::sqrt(h[b] / top));  // square root: sparse bins stay visible
            const int c = int(255.0f - shade * 200.0f);
            const ImVec2 a(lo.x + cw * float(e), y_of(v1)), z(lo.x + cw * float(e + 1), std::max(y_of(v0), y_of(v1) + 1.0f));
            dl->AddRectFilled(a, z, IM_COL32(c - 40 > 0 ? c - 40 : 0, c - 10 > 0 ? c - 10 : 0, 255, 255));
            if (ImGui::IsItemHovered() && m.x >= a.x && m.x < z.x && m.y >= a.y && m.y < z.y) {
                hover_e = int(e);
                hover_b = int(b);
            }
        }
    }
    dl->AddLine(ImVec2(lo.x, y_of(0.0)), ImVec2(hi.x, y_of(0.0)), col32(colors::kError, 0.6f), 1.0f);
    dl->AddRect(lo, hi, col32(0xB8C3D1));
    if (hover_e >= 0) {
        const double r = l.hist_ranges[size_t(hover_e)];
        const size_t bins = l.hists[size_t(hover_e)].size();
        const double v0 = -r + 2.0 * r * double(hover_b) / double(bins);
        ImGui::SetTooltip(app.tr("train.hist_tip_fmt"), hover_e, v0, v0 + 2.0 * r / double(bins),
                          l.hists[size_t(hover_e)][size_t(hover_b)], size_t(hover_e) < l.zeros.size() ? l.zeros[size_t(hover_e)] : 0.0);
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, app.tr("train.hist_caption_fmt"), l.layer, l.type.c_str(), range,
                  l.zeros.empty() ? 0.0 : l.zeros.front(), l.zeros.empty() ? 0.0 : l.zeros.back());
    widgets::muted_text_wrapped(buf);
}

void draw_layers(TrainViewUi& ui, AppState& app) {
    TrainRun* r = app.training.find(ui.selected);
    if (!r || r->layers.empty()) return;
    widgets::Card card = widgets::begin_card("layers");
    ImGui::TextDisabled("%s", app.tr("train.layers"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("train.layers_help"));
    std::vector<widgets::ChartSeries> stds;
    for (size_t i = 0; i < r->layers.size(); ++i) {
        const TrainLayerSeries& l = r->layers[i];
        widgets::ChartSeries s;
        for (size_t e = 0; e < l.out_std.size(); ++e) {
            s.x.push_back(double(e));
            s.y.push_back(l.out_std[e]);
        }
        static const int kHues[] = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x2B2B2B};
        s.colour = col32(kHues[i % 7]);
        s.dashed = i >= 7;
        char name[64];
        std::snprintf(name, sizeof name, "%d %s", l.layer, l.type.c_str());
        s.label = name;
        stds.push_back(std::move(s));
    }
    widgets::ChartOptions o;
    o.x_label = app.tr("train.epoch");
    ImGui::TextDisabled("%s", app.tr("train.out_std"));
    widgets::line_chart("##std", ImVec2(ImGui::GetContentRegionAvail().x, em() * 8.0f), stds, o);
    char buf[160];
    for (const TrainLayerSeries& l : r->layers) {
        if (l.out_mean.empty()) continue;
        if (l.has_params && !l.grad_norm.empty())
            std::snprintf(buf, sizeof buf, app.tr("train.layer_params_fmt"), l.layer, l.type.c_str(), l.out_mean.back(), l.out_std.back(),
                          l.grad_norm.back(), l.near_zero_share.back() * 100.0, l.zero_share.back() * 100.0);
        else
            std::snprintf(buf, sizeof buf, app.tr("train.layer_fmt"), l.layer, l.type.c_str(), l.out_mean.back(), l.out_std.back());
        ImGui::TextUnformatted(buf);
    }
    ImGui::Spacing();
    ImGui::TextDisabled("%s", app.tr("train.hist_title"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("train.hist_help"));
    const float w = ImGui::GetContentRegionAvail().x;
    for (const TrainLayerSeries& l : r->layers) {
        if (!l.has_params || l.hists.empty()) continue;
        ImGui::PushID(l.layer);
        draw_histogram_strip(app, l, w, em() * 4.5f);
        ImGui::PopID();
    }
    widgets::end_card(card);
}

}  // namespace

const TrainSettings* draw_train_view(TrainViewUi& ui, AppState& app) {
    if (!app.training.find(ui.selected) && !app.training.runs().empty()) ui.selected = app.training.runs().back().id;
    const TrainSettings* twin = draw_table(ui, app);
    ImGui::Spacing();
    draw_charts(ui, app);
    ImGui::Spacing();
    draw_result(ui, app);
    ImGui::Spacing();
    draw_layers(ui, app);
    return twin;
}

}  // namespace ll::app
