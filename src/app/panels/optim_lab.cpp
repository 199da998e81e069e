// Optimizers lab: race SGD, momentum, Nesterov, Adagrad, RMSprop, Adam and AdamW on loss surfaces
// (the engine's Surface + SurfaceRun, stepped as `layerlab optimize` does, see optim_race.cpp), with
// feature scaling, mini-batches, L1 / L2, learning-rate schedules, and each update rule shown with
// the engine's live numbers. The page: controls (left), the surface and loss plot (middle), results
// and explanations (right). URL / storage keys: s k sc b x y r (racers "kind:lr[:l1=..][:l2=..][:wd=..]"),
// sch wu T ss g (schedule). Automation only: run=N restarts and takes N steps at once; play=0/1;
// speed=steps per second.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "app/app_state.h"
#include "app/panels/optim_lab.h"
#include "app/widgets/layout.h"
#include "app/widgets/widgets.h"

namespace ll::app {

void OptimLab::compute(AppState&, double budget_ms) {
    if (dirty) restart();
    if (!playing) return;
    due += double(ImGui::GetIO().DeltaTime) * double(speed);
    const auto t0 = std::chrono::steady_clock::now();
    while (due >= 1.0 && race.steps() < kMaxSteps) {
        race.step_all();
        due -= 1.0;
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (ms > budget_ms) {
            due = 0.0;  // fall behind rather than block the frame
            break;
        }
    }
    if (race.steps() >= kMaxSteps) playing = false;
}

// ---- Persistence and automation ----

namespace {

std::string fmt_g(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

// The shortest text that reads back as the same float ("0.02", not "0.0199999996").
std::string fmt_f(float v) {
    char buf[32];
    for (int digits = 6; digits <= 9; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, double(v));
        if (std::strtof(buf, nullptr) == v) break;
    }
    return buf;
}

// "adam:0.05:l2=0.1" -> spec; false when the kind is unknown.
bool parse_racer(const std::string& text, RacerSpec& spec, const std::string& surface) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t c = text.find(':', start);
        parts.push_back(text.substr(start, c == std::string::npos ? std::string::npos : c - start));
        if (c == std::string::npos) break;
        start = c + 1;
    }
    OptKind k;
    if (parts.empty() || !parse_opt_kind(parts[0], k)) return false;
    spec = default_spec(k, suggested_lr(surface, k));
    for (size_t i = 1; i < parts.size(); ++i) {
        const std::string& s = parts[i];
        const size_t eq = s.find('=');
        const std::string key = eq == std::string::npos ? "lr" : s.substr(0, eq);
        const float v = std::strtof((eq == std::string::npos ? s : s.substr(eq + 1)).c_str(), nullptr);
        if (!std::isfinite(v) || v < 0.0f) continue;
        if (key == "lr") spec.lr = v;
        else if (key == "l1") spec.l1 = v;
        else if (key == "l2") spec.l2 = v;
        else if (key == "wd") spec.weight_decay = v;
        else if (key == "m") spec.momentum = v;
        else if (key == "b1") spec.beta1 = v;
        else if (key == "b2") spec.beta2 = v;
        else if (key == "a") spec.alpha = v;
        else if (key == "eps") spec.eps = v;
    }
    return true;
}

std::string format_racer(const RacerSpec& s) {
    const RacerSpec d = default_spec(s.kind, s.lr);
    std::string t = std::string(opt_kind_id(s.kind)) + ":" + fmt_f(s.lr);
    if (s.l1 != 0.0f) t += ":l1=" + fmt_f(s.l1);
    if (s.l2 != 0.0f) t += ":l2=" + fmt_f(s.l2);
    if (s.weight_decay != d.weight_decay) t += ":wd=" + fmt_f(s.weight_decay);
    if (s.momentum != d.momentum) t += ":m=" + fmt_f(s.momentum);
    if (s.beta1 != d.beta1) t += ":b1=" + fmt_f(s.beta1);
    if (s.beta2 != d.beta2) t += ":b2=" + fmt_f(s.beta2);
    if (s.alpha != d.alpha) t += ":a=" + fmt_f(s.alpha);
    if (s.eps != d.eps) t += ":eps=" + fmt_f(s.eps);
    return t;
}

}  // namespace

void OptimLab::save_params(Params& p) const {
    const RaceSettings& s = race.settings;
    p.set("s", s.surface);
    if (s.surface == "quadratic") {
        p.set("k", fmt_f(s.condition));
        p.set_bool("sc", s.scaled);
    }
    if (s.surface == "least_squares") p.set_int("b", s.batch);
    p.set("x", fmt_g(s.start_x));
    p.set("y", fmt_g(s.start_y));
    std::string r;
    for (const Racer& rc : race.racers) {
        if (!rc.on) continue;
        if (!r.empty()) r += ",";
        r += format_racer(rc.spec);
    }
    p.set("r", r);
    if (s.use_schedule) {
        p.set("sch", schedule_kind_name(s.schedule.kind));
        p.set_int("wu", int(s.schedule.warmup_steps));
        p.set_int("T", int(s.schedule.total_steps));
        p.set_int("ss", int(s.schedule.step_size));
        p.set("g", fmt_f(s.schedule.gamma));
    }
}

void OptimLab::load_params(const Params& p) {
    RaceSettings& s = race.settings;
    if (const std::string* v = p.find("s")) {
        bool known = false;
        for (const std::string& n : surface_names()) known = known || n == *v;
        if (known && *v != s.surface) set_surface(*v);
    }
    float f = 0.0f;
    if (p.get_float("k", f, 1.0f, 1000.0f) && f != s.condition) s.condition = f;
    p.get_bool("sc", s.scaled);
    p.get_int("b", s.batch, 1, kLeastSquaresSamples);
    if (p.get_float("x", f, -1e6f, 1e6f)) s.start_x = double(std::strtod(p.find("x")->c_str(), nullptr));
    if (p.get_float("y", f, -1e6f, 1e6f)) s.start_y = double(std::strtod(p.find("y")->c_str(), nullptr));
    if (const std::string* v = p.find("r")) {
        std::vector<Racer> next;
        size_t start = 0;
        while (start < v->size()) {
            size_t c = v->find(',', start);
            if (c == std::string::npos) c = v->size();
            RacerSpec spec;
            if (parse_racer(v->substr(start, c - start), spec, s.surface)) {
                Racer r;
                r.spec = spec;
                r.on = true;
                next.push_back(std::move(r));
            }
            start = c + 1;
        }
        // The kinds not named stay available, switched off.
        for (int k = 0; k < kOptKinds; ++k) {
            bool present = false;
            for (const Racer& r : next) present = present || int(r.spec.kind) == k;
            if (present) continue;
            Racer r;
            r.spec = default_spec(OptKind(k), suggested_lr(s.surface, OptKind(k)));
            r.on = false;
            next.push_back(std::move(r));
        }
        race.racers = std::move(next);
        assign_colors();
        selected = 0;
        expanded = -1;
    }
    if (const std::string* v = p.find("sch")) {
        Schedule::Kind k;
        if (parse_schedule_kind(*v, k)) {
            s.use_schedule = true;
            s.schedule.kind = k;
        }
    }
    int n = 0;
    if (p.get_int("wu", n, 0, 10000)) s.schedule.warmup_steps = n;
    if (p.get_int("T", n, 1, 100000)) s.schedule.total_steps = n;
    if (p.get_int("ss", n, 1, 100000)) s.schedule.step_size = n;
    p.get_float("g", s.schedule.gamma, 0.0f, 1.0f);
    restart();
    if (p.get_int("run", n, 0, int(kMaxSteps))) {
        playing = false;
        for (int i = 0; i < n; ++i) race.step_all();
    }
    p.get_bool("play", playing);
    p.get_float("speed", speed, 1.0f, 2000.0f);
}

Json OptimLab::report() const {
    Json r = Json::object();
    const RaceSettings& s = race.settings;
    r.set("surface", Json::string(s.surface));
    r.set("error", race.error.empty() ? Json() : Json::string(race.error));
    r.set("steps", Json::number(double(race.steps())));
    r.set("playing", Json::boolean(playing));
    r.set("surface_renders", Json::number(view.renders));
    Json shown = Json::array();  // the map's extent: x_min, x_max, y_min, y_max
    for (double d : {view.x_min, view.x_max, view.y_min, view.y_max}) shown.push(Json::number(d));
    r.set("view", shown);
    Json st = Json::array();
    st.push(Json::number(s.start_x));
    st.push(Json::number(s.start_y));
    r.set("start", st);
    r.set("scaled", Json::boolean(s.scaled));
    r.set("condition", Json::number(s.condition));
    r.set("batch", Json::number(s.batch));
    Json list = Json::array();
    for (const Racer& rc : race.racers) {
        if (!rc.on) continue;
        Json o = Json::object();
        o.set("name", Json::string(racer_name(rc.spec)));
        o.set("kind", Json::string(opt_kind_id(rc.spec.kind)));
        o.set("lr", Json::number(rc.spec.lr));
        o.set("l1", Json::number(rc.spec.l1));
        o.set("l2", Json::number(rc.spec.l2));
        char hex[8];
        const unsigned c = unsigned(racer_color(rc.color));  // ImU32 holds A, B, G, R from the top byte down
        std::snprintf(hex, sizeof hex, "%02X%02X%02X", c & 0xFFu, (c >> 8) & 0xFFu, (c >> 16) & 0xFFu);
        o.set("colour", Json::string(hex));
        o.set("dashed", Json::boolean(racer_dashed(rc.color)));
        const bool ok = rc.error.empty() && !rc.xs.empty();
        o.set("x", ok ? Json::number(rc.xs.back()) : Json());
        o.set("y", ok ? Json::number(rc.ys.back()) : Json());
        o.set("loss", ok && std::isfinite(rc.losses.back()) ? Json::number(rc.losses.back()) : Json());
        o.set("steps", Json::number(ok ? double(rc.run.steps()) : 0.0));
        o.set("reached", rc.reached < 0 ? Json() : Json::number(double(rc.reached)));
        o.set("diverged", Json::boolean(rc.diverged));
        o.set("error", rc.error.empty() ? Json() : Json::string(rc.error));
        list.push(o);
    }
    r.set("racers", list);
    return r;
}

// ---- Page ----

void OptimLab::draw_toolbar(AppState& app) {
    if (ImGui::Button(app.label("opt.step"))) {
        playing = false;
        race.step_all();
    }
    ImGui::SameLine();
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s###play", app.tr(playing ? "opt.pause" : "opt.play"));
    const float play_w = ImMax(ImGui::CalcTextSize(app.tr("opt.pause")).x, ImGui::CalcTextSize(app.tr("opt.play")).x) +
                         ImGui::GetStyle().FramePadding.x * 2.0f;
    if (ImGui::Button(buf, ImVec2(play_w, 0.0f))) {
        playing = !playing;
        if (race.steps() >= kMaxSteps) restart();
    }
    ImGui::SameLine();
    if (ImGui::Button(app.label("opt.reset"))) {
        playing = false;
        dirty = true;
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    std::snprintf(buf, sizeof buf, app.tr("opt.step_count"), long(race.steps()));
    ImGui::TextUnformatted(buf);
    // The speed slider keeps 8 text heights: on a narrow column it goes to the next line.
    const float speed_w = ImGui::CalcTextSize(app.tr("opt.speed")).x + ImGui::GetStyle().ItemSpacing.x + em() * 8.0f;
    widgets::flow_same_line(speed_w, em());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(app.tr("opt.speed"));
    ImGui::SameLine();
    std::snprintf(buf, sizeof buf, app.tr("opt.steps_per_s"), double(speed));
    ImGui::SetNextItemWidth(ImMax(em() * 5.0f, ImGui::GetContentRegionAvail().x));
    ImGui::SliderFloat("##speed", &speed, 1.0f, 2000.0f, buf, ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
}

void OptimLab::draw(AppState& app) {
    if (dirty) restart();
    // Three columns (controls | map and loss | results) when they fit; else the results go under the
    // map; narrower still, everything stacks in one scrolling column.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float gap = em() * 0.8f;
    const float left = ImClamp(avail * 0.26f, em() * 17.0f, em() * 22.0f);
    const bool stacked = !widgets::columns_fit(avail, {em() * 17.0f, em() * 24.0f}, gap);
    if (widgets::begin_controls_column(app, left, stacked)) draw_optim_controls(*this, app);
    widgets::end_controls_column(stacked);
    widgets::next_column(stacked, gap);

    const float rest = ImGui::GetContentRegionAvail().x;
    const bool three = !stacked && widgets::columns_fit(rest, {em() * 22.0f, em() * 18.0f}, gap);
    const bool results_below = !three;  // in the map's column (its own scroll) or the page's
    const float mid = three ? ImFloor(rest * 0.54f) : 0.0f;
    widgets::begin_column("##surface", mid, stacked, three ? ImGuiWindowFlags_NoScrollWithMouse : 0);
    widgets::Card card = widgets::begin_card("view");
    draw_toolbar(app);
    const float w = ImGui::GetContentRegionAvail().x;
    const float room = results_below ? ImGui::GetMainViewport()->WorkSize.y * 0.6f : ImGui::GetContentRegionAvail().y - em() * 14.5f;
    const float h = ImClamp(room, em() * 14.0f, ImMin(w, em() * 40.0f));
    double cx = 0.0, cy = 0.0;
    if (draw_surface_view(view, race, selected, app, ImVec2(w, h), cx, cy)) {
        race.settings.start_x = cx;
        race.settings.start_y = cy;
        dirty = true;
    }
    widgets::muted_text_wrapped(app.tr("opt.view_hint"));
    widgets::end_card(card);
    ImGui::Spacing();
    card = widgets::begin_card("loss");
    ImGui::TextDisabled("%s", app.tr(race.has_minimum() ? "opt.loss_plot" : "opt.loss_plot_linear"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("opt.loss_plot_help"));
    draw_loss_plot(race, ImVec2(ImGui::GetContentRegionAvail().x, em() * 8.0f), app.lang);
    widgets::end_card(card);
    if (results_below) {
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0.0f);
        draw_optim_results(*this, app);
        ImGui::PopTextWrapPos();
    }
    widgets::end_column(stacked);
    if (results_below) return;
    widgets::next_column(false, gap);
    widgets::begin_column("##results", 0.0f, false);
    ImGui::PushTextWrapPos(0.0f);
    draw_optim_results(*this, app);
    ImGui::PopTextWrapPos();
    widgets::end_column(false);
}

LabPtr make_optim_lab() { return std::make_unique<OptimLab>(); }

}  // namespace ll::app
