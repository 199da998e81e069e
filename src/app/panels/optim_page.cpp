// The Optimizers lab's cards: surface and presets, racers with their hyperparameters, schedule
// (left column); results table, the selected racer's update rule with the engine's live numbers,
// and the explanation of the current surface (right column).
#include <cmath>
#include <cstdio>

#include "app/app_state.h"
#include "app/panels/optim_lab.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

const char* kSurfaceKeys[] = {"opt.s_quadratic", "opt.s_rosenbrock", "opt.s_beale",
                              "opt.s_saddle",    "opt.s_himmelblau", "opt.s_least_squares"};

void mono_begin(AppState& app) {
    if (app.fonts.mono) ImGui::PushFont(app.fonts.mono);
}
void mono_end(AppState& app) {
    if (app.fonts.mono) ImGui::PopFont();
}

// A labelled float field; returns true when changed.
bool float_row(const char* label, const char* id, float* v, float lo, float hi, float lw, bool log = false,
               const char* fmt = "%.4g") {
    widgets::row_label(label, lw);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    ImGui::PushID(id);
    const bool changed = ImGui::SliderFloat("##v", v, lo, hi, fmt,
                                            ImGuiSliderFlags_AlwaysClamp | (log ? ImGuiSliderFlags_Logarithmic : 0));
    ImGui::PopID();
    return changed;
}

// Presets: the comparisons the lab is for.
void apply_preset(OptimLab& lab, int preset) {
    RaceSettings& s = lab.race.settings;
    auto only = [&](std::initializer_list<OptKind> kinds) {
        lab.race.racers.clear();
        for (int k = 0; k < kOptKinds; ++k) {
            bool on = false;
            for (OptKind o : kinds) on = on || int(o) == k;
            lab.add_racer(OptKind(k), on);
        }
    };
    s.use_schedule = false;
    s.scaled = false;
    s.batch = kLeastSquaresSamples;
    lab.race.racers.clear();
    switch (preset) {
    case 0:  // all seven on Rosenbrock
        lab.set_surface("rosenbrock");
        only({OptKind::Sgd, OptKind::Momentum, OptKind::Nesterov, OptKind::Adagrad, OptKind::Rmsprop, OptKind::Adam,
              OptKind::AdamW});
        break;
    case 1:  // ill-conditioned bowl
        s.condition = 50.0f;
        lab.set_surface("quadratic");
        only({OptKind::Sgd, OptKind::Momentum, OptKind::Adam});
        for (Racer& r : lab.race.racers) {
            if (r.spec.kind == OptKind::Sgd) r.spec.lr = 0.035f;
            if (r.spec.kind == OptKind::Momentum) r.spec.lr = 0.01f;
        }
        break;
    case 2:  // mini-batch noise
        lab.set_surface("least_squares");
        s.batch = 5;
        only({OptKind::Sgd, OptKind::Momentum, OptKind::Adam});
        break;
    case 3: {  // L1 vs L2: three SGD racers
        lab.set_surface("least_squares");
        for (int i = 0; i < 3; ++i) lab.add_racer(OptKind::Sgd, true);
        lab.race.racers[1].spec.l1 = 0.05f;
        lab.race.racers[2].spec.l2 = 0.5f;
        for (int k = 1; k < kOptKinds; ++k) lab.add_racer(OptKind(k), false);
        break;
    }
    case 4: {  // Adam + L2 vs AdamW
        lab.set_surface("least_squares");
        only({OptKind::Adam, OptKind::AdamW});
        for (Racer& r : lab.race.racers) {
            r.spec.lr = 0.02f;
            if (r.spec.kind == OptKind::Adam) r.spec.l2 = 0.5f;
            if (r.spec.kind == OptKind::AdamW) r.spec.weight_decay = 0.5f;
        }
        break;
    }
    default: break;
    }
    lab.selected = 0;
    for (size_t i = 0; i < lab.race.racers.size(); ++i)
        if (lab.race.racers[i].on) {
            lab.selected = int(i);
            break;
        }
    if (preset == 3) lab.selected = 1;  // the L1 racer: the heat map shows its penalty
    lab.expanded = -1;
    lab.playing = true;
    lab.dirty = lab.view_dirty = true;
}

void draw_surface_card(OptimLab& lab, AppState& app, float lw) {
    RaceSettings& s = lab.race.settings;
    widgets::Card card = widgets::begin_card("surface");
    ImGui::TextDisabled("%s", app.tr("opt.surface"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("opt.surface_help"));
    const std::vector<std::string>& names = surface_names();
    int cur = 0;
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == s.surface) cur = int(i);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::BeginCombo("##surface", app.tr(kSurfaceKeys[cur]))) {
        for (size_t i = 0; i < names.size(); ++i)
            if (ImGui::Selectable(app.tr(kSurfaceKeys[i]), int(i) == cur)) lab.set_surface(names[i]);
        ImGui::EndCombo();
    }
    if (lab.race.surface()) {
        mono_begin(app);
        widgets::text_wrapped((std::string("f = ") + lab.race.surface()->formula()).c_str());
        mono_end(app);
    }
    if (s.surface == "quadratic") {
        if (float_row(app.tr("opt.condition"), "K", &s.condition, 1.0f, 200.0f, lw, true, "%.3g")) lab.dirty = true;
        if (ImGui::Checkbox(app.label("opt.scaled"), &s.scaled)) lab.dirty = true;
        ImGui::SameLine();
        widgets::help_marker(app.tr("opt.scaled_help"));
    }
    if (s.surface == "least_squares") {
        widgets::row_label(app.tr("opt.batch"), lw);
        char fmt[64];
        std::snprintf(fmt, sizeof fmt, "%s", s.batch >= kLeastSquaresSamples ? app.tr("opt.full_batch") : "%d");
        if (widgets::slider_int("batch", &s.batch, 1, kLeastSquaresSamples, fmt)) lab.dirty = true;
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, app.tr("opt.start"), s.start_x, s.start_y);
    ImGui::TextUnformatted(buf);
    if (ImGui::Button(app.label("opt.default_start")) && lab.race.surface()) {
        lab.race.surface()->default_start(s.start_x, s.start_y);
        lab.dirty = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(app.label("opt.reset_view")) && lab.race.surface()) reset_view(lab.view, *lab.race.surface());
    if (!lab.race.error.empty()) widgets::engine_error(app, lab.race.error);
    widgets::end_card(card);
}

void draw_presets_card(OptimLab& lab, AppState& app) {
    widgets::Card card = widgets::begin_card("presets");
    ImGui::TextDisabled("%s", app.tr("opt.presets"));
    const char* keys[] = {"opt.p_race", "opt.p_scaling", "opt.p_batch", "opt.p_l1l2", "opt.p_adamw"};
    for (int i = 0; i < 5; ++i) {
        const float w = ImGui::CalcTextSize(app.tr(keys[i])).x + ImGui::GetStyle().FramePadding.x * 2.0f;
        if (i > 0) widgets::flow_same_line(w);
        if (ImGui::Button(app.label(keys[i]))) apply_preset(lab, i);
    }
    widgets::end_card(card);
}

bool racer_params(RacerSpec& s, AppState& app, float lw) {
    bool ch = false;
    if (s.kind == OptKind::Momentum || s.kind == OptKind::Nesterov)
        ch |= float_row(app.tr("opt.momentum"), "m", &s.momentum, 0.0f, 0.99f, lw, false, "%.3f");
    if (s.kind == OptKind::Rmsprop) ch |= float_row(app.tr("opt.alpha"), "a", &s.alpha, 0.5f, 0.999f, lw, false, "%.3f");
    if (s.kind == OptKind::Adam || s.kind == OptKind::AdamW) {
        ch |= float_row(app.tr("opt.beta1"), "b1", &s.beta1, 0.0f, 0.999f, lw, false, "%.3f");
        ch |= float_row(app.tr("opt.beta2"), "b2", &s.beta2, 0.5f, 0.9999f, lw, false, "%.4f");
    }
    if (s.kind != OptKind::Sgd && s.kind != OptKind::Momentum && s.kind != OptKind::Nesterov)
        ch |= float_row(app.tr("opt.eps"), "eps", &s.eps, 1e-10f, 1.0f, lw, true, "%.0e");
    ch |= float_row(app.tr("opt.weight_decay"), "wd", &s.weight_decay, 0.0f, 2.0f, lw, false, "%.3g");
    ch |= float_row("L1", "l1", &s.l1, 0.0f, 1.0f, lw, false, "%.3g");
    ch |= float_row("L2", "l2", &s.l2, 0.0f, 2.0f, lw, false, "%.3g");
    return ch;
}

void draw_racers_card(OptimLab& lab, AppState& app, float lw) {
    widgets::Card card = widgets::begin_card("racers");
    ImGui::TextDisabled("%s", app.tr("opt.racers"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("opt.racers_help"));
    const float name_w = em() * 7.4f;
    for (size_t i = 0; i < lab.race.racers.size(); ++i) {
        Racer& r = lab.race.racers[i];
        ImGui::PushID(int(i));
        if (ImGui::Checkbox("##on", &r.on)) lab.dirty = true;
        ImGui::SameLine();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float sw = em() * 0.8f, y = p.y + (ImGui::GetFrameHeight() - sw) * 0.5f;
        const ImU32 swatch = racer_color(r.color, r.on ? 1.0f : 0.35f);
        if (racer_dashed(r.color)) ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x + 1, y + 1), ImVec2(p.x + sw - 1, y + sw - 1), swatch, 2.0f, 0, 2.0f);
        else ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + sw, y + sw), swatch, 2.0f);
        ImGui::Dummy(ImVec2(sw, ImGui::GetFrameHeight()));
        ImGui::SameLine();
        const bool open = lab.expanded == int(i);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s %s", app.tr(open ? "opt.glyph_open" : "opt.glyph_closed"), racer_name(r.spec).c_str());
        if (!r.on) ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kMuted));
        if (ImGui::Selectable(buf, lab.selected == int(i), 0, ImVec2(name_w, ImGui::GetFrameHeight()))) {
            lab.selected = int(i);
            lab.expanded = open ? -1 : int(i);
        }
        if (!r.on) ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
        if (ImGui::SliderFloat("##lr", &r.spec.lr, 1e-5f, 2.0f, "lr %.4g", ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic))
            lab.dirty = true;
        if (open) {
            ImGui::Indent(em() * 1.2f);
            if (racer_params(r.spec, app, lw)) lab.dirty = true;
            ImGui::Unindent(em() * 1.2f);
        }
        if (!r.error.empty()) widgets::engine_error(app, r.error);
        ImGui::PopID();
    }
    ImGui::Spacing();
    if (ImGui::Button(app.label("opt.add"))) ImGui::OpenPopup("add");
    ImGui::SameLine();
    widgets::help_marker(app.tr("opt.add_help"));
    if (ImGui::BeginPopup("add")) {
        for (int k = 0; k < kOptKinds; ++k)
            if (ImGui::Selectable(opt_kind_title(OptKind(k))) && lab.race.racers.size() < 12) {
                lab.add_racer(OptKind(k), true);
                lab.dirty = true;
            }
        ImGui::EndPopup();
    }
    widgets::end_card(card);
}

void draw_schedule_card(OptimLab& lab, AppState& app, float lw) {
    RaceSettings& s = lab.race.settings;
    Schedule& sc = s.schedule;
    widgets::Card card = widgets::begin_card("schedule");
    if (ImGui::Checkbox(app.label("opt.schedule"), &s.use_schedule)) lab.dirty = true;
    ImGui::SameLine();
    widgets::help_marker(app.tr("opt.schedule_help"));
    if (s.use_schedule) {
        int kind = int(sc.kind);
        const char* kinds[] = {app.tr("opt.sch_constant"), app.tr("opt.sch_step"), app.tr("opt.sch_cosine")};
        widgets::row_label(app.tr("opt.sch_kind"), lw);
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
        if (ImGui::Combo("##kind", &kind, kinds, 3)) {
            sc.kind = Schedule::Kind(kind);
            lab.dirty = true;
        }
        int wu = int(sc.warmup_steps), T = int(sc.total_steps), ss = int(sc.step_size);
        if (widgets::slider_row(app.tr("opt.warmup"), "wu", &wu, 0, 500, lw)) lab.dirty = true;
        if (sc.kind == Schedule::Kind::Cosine && widgets::slider_row(app.tr("opt.total"), "T", &T, 10, 5000, lw)) lab.dirty = true;
        if (sc.kind == Schedule::Kind::Step) {
            if (widgets::slider_row(app.tr("opt.step_size"), "ss", &ss, 1, 2000, lw)) lab.dirty = true;
            if (float_row(app.tr("opt.gamma"), "g", &sc.gamma, 0.01f, 1.0f, lw, false, "%.2f")) lab.dirty = true;
        }
        sc.warmup_steps = wu;
        sc.total_steps = T;
        sc.step_size = ss;
        draw_schedule_plot(sc, lab.race.steps(), ImVec2(ImGui::GetContentRegionAvail().x, em() * 4.5f));
        char buf[128];
        std::snprintf(buf, sizeof buf, app.tr("opt.sch_now"), double(scheduled_lr(sc, 1.0f, lab.race.steps())));
        widgets::muted_text_wrapped(buf);
    }
    widgets::end_card(card);
}

// ---- Right column ----

void draw_table(OptimLab& lab, AppState& app) {
    widgets::Card card = widgets::begin_card("table");
    char buf[160];
    std::snprintf(buf, sizeof buf, app.tr("opt.table"), lab.race.settings.tolerance);
    ImGui::TextDisabled("%s", buf);
    ImGui::SameLine();
    widgets::help_marker(app.tr("opt.table_help"));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##race", 4, flags)) {
        float name_w = ImGui::CalcTextSize(app.tr("opt.col_name")).x;
        for (const Racer& r : lab.race.racers)
            if (r.on) name_w = ImMax(name_w, ImGui::CalcTextSize(racer_name(r.spec).c_str()).x + em() * 1.2f);
        ImGui::TableSetupColumn(app.tr("opt.col_name"), ImGuiTableColumnFlags_WidthFixed, name_w);
        ImGui::TableSetupColumn("(x, y)", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(app.tr("opt.col_loss"), ImGuiTableColumnFlags_WidthFixed, em() * 4.6f);
        ImGui::TableSetupColumn(app.tr("opt.col_reached"), ImGuiTableColumnFlags_WidthFixed,
                                ImMax(em() * 3.0f, ImGui::CalcTextSize(app.tr("opt.col_reached")).x));
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < lab.race.racers.size(); ++i) {
            const Racer& r = lab.race.racers[i];
            if (!r.on) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(int(i));
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(racer_color(r.color)));
            std::snprintf(buf, sizeof buf, "%s %s", app.tr("opt.glyph_dot"), racer_name(r.spec).c_str());
            if (ImGui::Selectable(buf, lab.selected == int(i), ImGuiSelectableFlags_SpanAllColumns)) lab.selected = int(i);
            ImGui::PopStyleColor();
            ImGui::PopID();
            mono_begin(app);
            ImGui::TableNextColumn();
            if (!r.xs.empty()) ImGui::Text("%.3g, %.3g", r.xs.back(), r.ys.back());
            ImGui::TableNextColumn();
            if (r.diverged) ImGui::TextColored(col4(colors::kError), "%s", app.tr("opt.diverged"));
            else if (!r.losses.empty()) ImGui::Text("%.3g", r.losses.back());
            ImGui::TableNextColumn();
            if (r.reached >= 0) ImGui::TextColored(col4(colors::kGood), "%ld", r.reached);
            else ImGui::TextDisabled("%s", app.tr("opt.not_yet"));
            mono_end(app);
        }
        ImGui::EndTable();
    }
    widgets::end_card(card);
}

// The symbol the rule uses for one of torch's state names.
const char* rule_symbol(const std::string& state) {
    if (state == "momentum_buffer") return "b";
    if (state == "exp_avg") return "m";
    if (state == "exp_avg_sq" || state == "square_avg") return "v";
    if (state == "grad_avg") return "g_avg";
    return "sum";
}

// The selected racer's rule, with the numbers of its last step from the engine.
void draw_update_rule(OptimLab& lab, AppState& app) {
    if (lab.selected < 0 || lab.selected >= int(lab.race.racers.size())) return;
    const Racer& r = lab.race.racers[size_t(lab.selected)];
    widgets::Card card = widgets::begin_card("rule");
    char buf[256];
    std::snprintf(buf, sizeof buf, app.tr("opt.rule"), racer_name(r.spec).c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(racer_color(r.color)));
    ImGui::TextUnformatted(buf);
    ImGui::PopStyleColor();
    const char* const kRuleKeys[kOptKinds] = {"opt.rule_sgd",     "opt.rule_momentum", "opt.rule_nesterov", "opt.rule_adagrad",
                                               "opt.rule_rmsprop", "opt.rule_adam",     "opt.rule_adamw"};
    mono_begin(app);
    widgets::text_wrapped(app.tr(kRuleKeys[int(r.spec.kind)]));
    mono_end(app);
    const long t = r.error.empty() ? long(r.run.steps()) : 0;
    if (t == 0) {
        widgets::muted_text_wrapped(app.tr("opt.rule_wait"));
        widgets::end_card(card);
        return;
    }
    ImGui::Spacing();
    mono_begin(app);
    const Tensor& g = r.run.last_grad();
    const float lr = r.lrs.empty() ? r.spec.lr : r.lrs.back();
    ImGui::Text("t = %ld   lr = %.4g", t, double(lr));
    ImGui::Text("g = (%.5g, %.5g)", double(g[0]), double(g[1]));
    for (const auto& st : r.run.state()) {
        const Tensor& v = *st.second;
        if (v.numel() >= 2)
            ImGui::Text("%s (%s) = (%.5g, %.5g)", rule_symbol(st.first), st.first.c_str(), double(v[0]), double(v[1]));
    }
    if (r.spec.kind == OptKind::Adam || r.spec.kind == OptKind::AdamW) {
        const OptimConfig& c = r.run.optimizer().config();
        ImGui::Text(app.tr("opt.bias_corr"), 1.0 - std::pow(double(c.beta1), double(t)),
                    1.0 - std::pow(double(c.beta2), double(t)));
    }
    const float du = r.run.params()[0] - r.prev_u, dv = r.run.params()[1] - r.prev_v;
    ImGui::Text(app.tr("opt.delta_p"), double(du), double(dv));
    mono_end(app);
    if (r.spec.l1 > 0.0f || r.spec.l2 > 0.0f) {
        std::string text = app.tr("opt.rule_reg");
        if (r.spec.l1 > 0.0f) {
            std::snprintf(buf, sizeof buf, "  + %g·sign(p) (L1)", double(r.spec.l1));
            text += buf;
        }
        if (r.spec.l2 > 0.0f) {
            std::snprintf(buf, sizeof buf, "  + %g·p (L2)", double(r.spec.l2));
            text += buf;
        }
        widgets::muted_text_wrapped(text.c_str());
    }
    widgets::end_card(card);
}

void draw_explain(OptimLab& lab, AppState& app) {
    const RaceSettings& s = lab.race.settings;
    widgets::Card card = widgets::begin_card("explain");
    ImGui::TextDisabled("%s", app.tr("opt.explain"));
    char buf[768];
    const std::string key = "opt.x_" + s.surface;
    if (s.surface == "quadratic") {
        if (s.scaled)
            std::snprintf(buf, sizeof buf, app.tr("opt.x_quadratic_scaled"), double(s.condition), std::sqrt(double(s.condition)));
        else
            std::snprintf(buf, sizeof buf, app.tr("opt.x_quadratic"), double(s.condition), 2.0 / double(s.condition),
                          std::sqrt(double(s.condition)));
        widgets::text_wrapped(buf);
    } else if (s.surface == "least_squares") {
        std::snprintf(buf, sizeof buf, app.tr("opt.x_least_squares"), s.batch);
        widgets::text_wrapped(buf);
    } else {
        widgets::text_wrapped(app.tr(key.c_str()));
    }
    bool l1 = false, l2 = false, wd = false;
    for (const Racer& r : lab.race.racers) {
        if (!r.on) continue;
        l1 = l1 || r.spec.l1 > 0.0f;
        l2 = l2 || r.spec.l2 > 0.0f;
        wd = wd || (r.spec.kind == OptKind::AdamW && r.spec.weight_decay > 0.0f && l2);
    }
    if (l1 || l2) {
        ImGui::Spacing();
        widgets::text_wrapped(app.tr("opt.x_reg"));
    }
    if (wd) {
        ImGui::Spacing();
        widgets::text_wrapped(app.tr("opt.x_adamw"));
    }
    widgets::end_card(card);
}

}  // namespace

void draw_optim_controls(OptimLab& lab, AppState& app) {
    float lw = 0.0f;
    for (const char* k : {"opt.condition", "opt.batch", "opt.momentum", "opt.weight_decay", "opt.warmup", "opt.total",
                          "opt.step_size", "opt.sch_kind"})
        lw = ImMax(lw, ImGui::CalcTextSize(app.tr(k)).x);
    lw += em() * 0.8f;
    widgets::heading(app, app.tr("opt.title"));
    widgets::muted_text_wrapped(app.tr("opt.subtitle"));
    ImGui::Spacing();
    draw_surface_card(lab, app, lw);
    ImGui::Spacing();
    draw_presets_card(lab, app);
    ImGui::Spacing();
    draw_racers_card(lab, app, lw);
    ImGui::Spacing();
    draw_schedule_card(lab, app, lw);
}

void draw_optim_results(OptimLab& lab, AppState& app) {
    draw_table(lab, app);
    ImGui::Spacing();
    draw_update_rule(lab, app);
    ImGui::Spacing();
    draw_explain(lab, app);
}

}  // namespace ll::app
