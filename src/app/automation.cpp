// The automation API behind window.layerlab (web/index.html wraps these methods): JSON in, JSON out.
// Calls run between frames; requests are applied at once, so state() right after setLab() already
// names the new lab (ImGui shows its tab from the next frame). A new method is one row in kMethods.
#include <cmath>

#include "app/app.h"
#include "app/inputs.h"
#include "app/panels/detect_lab.h"
#include "imgui_internal.h"  // the window list, for windows()

namespace ll::app {

namespace {

Json str_or_null(const std::string& s) { return s.empty() ? Json() : Json::string(s); }

}  // namespace

Json app_state_report(const AppState& app) {
    const NetworkReport& n = app.network;
    Json s = Json::object();
    s.set("ready", Json::boolean(app.ready));
    s.set("lab", Json::string(lab_name(app.lab)));
    s.set("language", Json::string(lang_code(app.lang)));
    s.set("preset", str_or_null(n.preset));
    s.set("layer", Json::number(n.layer));
    s.set("phase", Json::string(n.phase));
    s.set("step", Json::number(double(n.step)));
    s.set("error", str_or_null(n.error));
    Json input = Json::object();
    input.set("dataset", str_or_null(n.dataset));
    input.set("index", Json::number(n.input_index));
    s.set("input", input);
    Json pred = Json::object();
    pred.set("class", n.prediction_class < 0 ? Json() : Json::number(n.prediction_class));
    pred.set("label", str_or_null(n.prediction_label));
    Json probs = Json::array();
    for (float p : n.prediction_probs) probs.push(Json::number(p));
    pred.set("probs", probs);
    s.set("prediction", pred);
    Json ui = Json::object();  // the text size and layout the labs are drawn with
    ui.set("font_px", Json::number(ImGui::GetCurrentContext() ? ImGui::GetFontSize() : 0.0f));
    ui.set("zoom", Json::number(app.ui_zoom));
    ui.set("projector", Json::boolean(app.projector));
    ui.set("reduced_motion", Json::boolean(app.reduced_motion));
    ui.set("colorblind", Json::boolean(app.colorblind));
    ui.set("controls_folded", Json::boolean(app.shell.controls_folded));
    s.set("ui", ui);
    s.set("frame", Json::number(double(app.frame)));
    s.set("frame_cpu_ms", Json::number(std::round(app.frame_cpu_ms * 100.0) / 100.0));
    s.set("frame_gl_ms", Json::number(std::round(app.frame_gl_ms * 100.0) / 100.0));
    return s;
}

namespace {

Json state_json(const AppState& app) { return app_state_report(app); }

// A method's argument may be the value itself or an object holding it under `key`.
const Json& arg(const Json& args, const char* key) {
    if (args.is_object()) {
        if (const Json* v = args.find(key)) return *v;
    }
    return args;
}

std::string lab_names() {
    std::string s;
    for (int i = 0; i < kLabCount; ++i) s += std::string(i ? ", " : "") + lab_name(LabId(i));
    return s;
}

Status find_lab(const Json& v, LabId& out) {
    if (!v.is_string()) return Status::error("expected a lab name (" + lab_names() + ")");
    if (!parse_lab(v.as_string(), out))
        return Status::error("unknown lab \"" + v.as_string() + "\" (known: " + lab_names() + ")");
    return Status::ok();
}

// ---- Methods ----

Status m_state(AppState& app, const Json&, Json& out) {
    out = state_json(app);
    return Status::ok();
}

Status m_set_lab(AppState& app, const Json& args, Json& out) {
    LabId id;
    LL_TRY(find_lab(arg(args, "name"), id));
    app.requests.set_lab = id;
    app_apply_requests(app);
    out = state_json(app);
    return Status::ok();
}

Status m_set_language(AppState& app, const Json& args, Json& out) {
    const Json& v = arg(args, "lang");
    Lang lang;
    if (!v.is_string() || !parse_lang(v.as_string(), lang)) return Status::error("expected \"en\" or \"ko\"");
    app.requests.set_lang = lang;
    app_apply_requests(app);
    out = state_json(app);
    return Status::ok();
}

Status m_load_preset(AppState& app, const Json& args, Json& out) {
    const Json& v = arg(args, "name");
    if (!v.is_string() || v.as_string().empty()) return Status::error("expected a preset name");
    app.requests.load_preset = v.as_string();
    app_apply_requests(app);
    out = state_json(app);
    return Status::ok();
}

Status m_set_input(AppState& app, const Json& args, Json& out) {
    if (!args.is_object()) return Status::error("expected {dataset, index}");
    InputRequest r;
    if (const Json* d = args.find("dataset")) {
        if (!d->is_string()) return Status::error("dataset must be a string");
        r.dataset = d->as_string();
    }
    if (const Json* i = args.find("index")) {
        if (!i->is_int() || i->as_int() < 0) return Status::error("index must be a whole number >= 0");
        r.index = i->as_int();
    }
    app.requests.set_input = r;
    app_apply_requests(app);
    out = state_json(app);
    return Status::ok();
}

Status m_step(AppState& app, const Json& args, Json& out) {
    const Json& v = arg(args, "n");
    int n = 1;
    if (v.is_number()) {
        // Negative n steps back (the Network lab's stepper replays exactly); 0 is no step.
        if (!v.is_int() || v.as_int() == 0 || v.as_int() < -1000000 || v.as_int() > 1000000)
            return Status::error("n must be a whole number from -1000000 to 1000000, not 0");
        n = v.as_int();
    }
    app.requests.step += n;
    app_apply_requests(app);
    out = state_json(app);
    return Status::ok();
}

// labParams {lab, params}: sets a lab's view state as the URL would (only the keys given change).
Status m_lab_params(AppState& app, const Json& args, Json& out) {
    LabId id;
    LL_TRY(find_lab(arg(args, "lab"), id));
    const Json* p = args.is_object() ? args.find("params") : nullptr;
    if (!p || !p->is_object()) return Status::error("expected {lab, params: {...}}");
    app.lab_at(id).load_params(Params::from_json(*p));
    out = app.lab_at(id).report();
    return Status::ok();
}

// labReport {lab}: the lab's computed numbers, plus its view state as "settings" (the URL's keys).
Status m_lab_report(AppState& app, const Json& args, Json& out) {
    LabId id;
    LL_TRY(find_lab(arg(args, "lab"), id));
    out = app.lab_at(id).report();
    Params p;
    app.lab_at(id).save_params(p);
    Json settings = Json::object();
    for (const auto& kv : p.items()) settings.set(kv.first, Json::string(kv.second));
    out.set("settings", settings);
    return Status::ok();
}

// inputState {source?, index?, shape?: [C, H, W]}: the input library's picture as the engine converts
// it (default: the input last chosen or uploaded, shape [1, 28, 28]): shape, sum, a position-weighted
// sum (catches reorderings), label, and the last upload error.
Status m_input_state(AppState& app, const Json& args, Json& out) {
    InputLibrary& lib = app.inputs;
    std::string source = lib.current_source();
    int index = lib.current_index();
    Shape chw = {1, 28, 28};
    if (args.is_object()) {
        if (const Json* v = args.find("source")) {
            if (!v->is_string()) return Status::error("source must be a string");
            source = v->as_string();
        }
        if (const Json* v = args.find("index")) {
            if (!v->is_int()) return Status::error("index must be a whole number");
            index = v->as_int();
        }
        if (const Json* v = args.find("shape")) {
            if (!v->is_array() || v->size() != 3) return Status::error("shape must be [C, H, W]");
            for (size_t i = 0; i < 3; ++i) {
                if (!(*v)[i].is_int()) return Status::error("shape must be [C, H, W]");
                chw[i] = (*v)[i].as_int();
            }
        }
    }
    out = Json::object();
    out.set("source", Json::string(source));
    out.set("index", Json::number(index));
    out.set("count", Json::number(lib.count(source)));
    out.set("upload_error", str_or_null(lib.upload_error()));
    InputImage img;
    Status st = lib.get(source, index, chw, img);
    out.set("error", st ? Json() : Json::string(st.message()));
    if (!st) return Status::ok();
    Json shape = Json::array();
    for (int d : img.image.shape()) shape.push(Json::number(d));
    double sum = 0.0, wsum = 0.0;
    for (size_t i = 0; i < img.image.numel(); ++i) {
        sum += img.image[i];
        wsum += img.image[i] * double(i % 97 + 1) / 97.0;
    }
    out.set("shape", shape);
    out.set("sum", Json::number(sum));
    out.set("wsum", Json::number(wsum));
    out.set("label", img.label < 0 ? Json() : Json::number(img.label));
    out.set("label_name", str_or_null(img.label_name));
    out.set("name", Json::string(img.source));
    return Status::ok();
}

// ---- Training lab runs ----

// What the workers said, taken between frames: the page draws it in the next one (two when more than
// progress changed, as the lab's own polling does).
void poll_runs(AppState& app) {
    const TrainingRuns::Polled p = app.training.poll(*app.host);
    if (p == TrainingRuns::Polled::More) app.redraw = std::max(app.redraw, 2);
    if (p == TrainingRuns::Polled::Progress) app.progress_undrawn = true;  // drawn at the lab's own pace
}

// train {config}: starts a run (the Training lab's Start) and returns {id}; the config's keys are
// TrainSettings' (omitted: `layerlab train`'s defaults).
Status m_train(AppState& app, const Json& args, Json& out) {
    TrainSettings s;
    LL_TRY(TrainSettings::from_json(args.is_object() ? args : Json::object(), s));
    app.requests.export_network = s.model == "current";
    app.requests.train_start = {s};
    app_apply_requests(app);
    if (!app.train_started) return Status::error(app.train_error);
    out = Json::object();
    out.set("id", Json::number(app.train_started));
    return Status::ok();
}

Status m_runs(AppState& app, const Json&, Json& out) {
    poll_runs(app);
    out = app.training.to_json();
    return Status::ok();
}

// sweep {kind: "train_size" | "width", values: [...], ...train's keys}: starts the Training lab's
// bias-and-variance sweep, one run per value trained one after another; returns sweepState().
Status m_sweep(AppState& app, const Json& args, Json& out) {
    SweepConfig c;
    LL_TRY(SweepConfig::from_json(args.is_object() ? args : Json::object(), c));
    LL_TRY(app.sweep.start(c));
    poll_runs(app);
    if (app.sweep.step(*app.host, app.training, app.current_network)) app.redraw = std::max(app.redraw, 2);
    out = app.sweep.to_json();
    return Status::ok();
}

// sweepState {}: {state, kind, error, config, points: [{value, status, train_error, val_error, test_error,
// epochs, progress}]}; errors are null until measured.
Status m_sweep_state(AppState& app, const Json&, Json& out) {
    poll_runs(app);
    if (app.sweep.step(*app.host, app.training, app.current_network)) app.redraw = std::max(app.redraw, 2);
    out = app.sweep.to_json();
    return Status::ok();
}

Status m_cancel_sweep(AppState& app, const Json&, Json& out) {
    app.sweep.cancel(*app.host, app.training);
    out = app.sweep.to_json();
    return Status::ok();
}

Status run_command(AppState& app, const Json& args, const char* command, Json& out) {
    const Json& v = arg(args, "id");
    if (!v.is_int()) return Status::error("expected a run id");
    LL_TRY(app.training.control(*app.host, v.as_int(), command));
    poll_runs(app);
    const TrainRun* r = app.training.find(v.as_int());
    out = r ? r->to_json() : Json();
    return Status::ok();
}
Status m_stop_run(AppState& app, const Json& args, Json& out) { return run_command(app, args, "stop", out); }
Status m_pause_run(AppState& app, const Json& args, Json& out) { return run_command(app, args, "pause", out); }
Status m_resume_run(AppState& app, const Json& args, Json& out) { return run_command(app, args, "resume", out); }

// copyLink {}: the menu's Copy link; {link, copied}.
Status m_copy_link(AppState& app, const Json&, Json& out) {
    const bool ok = app_copy_link(app);
    out = Json::object();
    out.set("link", Json::string(app.shell.copied_link));
    out.set("copied", Json::boolean(ok));
    return Status::ok();
}

// exportPng {}: the menu's "Export PNG" (the next frame is captured); {serial}. exportPngState {}:
// {serial, state: idle|wanted|encoding|done|failed, width, height, bytes, name, link, error}.
Status m_export_png(AppState& app, const Json&, Json& out) {
    out = Json::object();
    out.set("serial", Json::number(png_export_request(app)));
    return Status::ok();
}

Status m_export_png_state(AppState& app, const Json&, Json& out) {
    const PngExport& e = app.png;
    const char* kPhases[] = {"idle", "wanted", "encoding", "done", "failed"};
    out = Json::object();
    out.set("serial", Json::number(e.serial));
    out.set("state", Json::string(kPhases[int(e.phase)]));
    out.set("width", Json::number(e.width));
    out.set("height", Json::number(e.height));
    out.set("bytes", Json::number(double(e.bytes)));
    out.set("name", str_or_null(e.name));
    out.set("link", str_or_null(e.link));
    out.set("error", str_or_null(e.error));
    return Status::ok();
}

// dataState {}: per test set, {count, starter, full, state: none|loading|done|failed, loaded, total,
// error}: how much of it the page has (a starter is preloaded; the rest is fetched on demand).
Status m_data_state(AppState& app, const Json&, Json& out) {
    InputLibrary& lib = app.inputs;
    const char* kStates[] = {"none", "loading", "done", "failed"};
    out = Json::object();
    for (const char* source : {"fashion-mnist", "mnist"}) {
        const FetchStatus f = lib.fetch_progress(source);
        Json d = Json::object();
        d.set("count", Json::number(lib.count(source)));
        d.set("starter", Json::number(lib.starter_size(source)));
        d.set("full", Json::boolean(!lib.partial(source) && lib.count(source) > 0));
        d.set("state", Json::string(kStates[int(f.state)]));
        d.set("loaded", Json::number(f.loaded));
        d.set("total", Json::number(f.total));
        d.set("error", str_or_null(f.error));
        out.set(source, d);
    }
    return Status::ok();
}

// windows {}: every ImGui window drawn in the last frame, for the layout and scrolling tests: name,
// position and size (CSS pixels), scroll and its maximum, and whether it shows scrollbars.
Status m_windows(AppState&, const Json&, Json& out) {
    out = Json::array();
    ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g) return Status::ok();
    for (ImGuiWindow* w : g->Windows) {
        if (!w->WasActive || w->Hidden) continue;
        Json o = Json::object();
        o.set("name", Json::string(w->Name));
        o.set("x", Json::number(w->Pos.x));
        o.set("y", Json::number(w->Pos.y));
        o.set("w", Json::number(w->Size.x));
        o.set("h", Json::number(w->Size.y));
        o.set("scroll_x", Json::number(w->Scroll.x));
        o.set("scroll_y", Json::number(w->Scroll.y));
        o.set("scroll_max_x", Json::number(w->ScrollMax.x));
        o.set("scroll_max_y", Json::number(w->ScrollMax.y));
        o.set("content_w", Json::number(w->ContentSize.x));
        o.set("content_h", Json::number(w->ContentSize.y));
        o.set("scrollbar_x", Json::boolean(w->ScrollbarX));
        o.set("scrollbar_y", Json::boolean(w->ScrollbarY));
        out.push(o);
    }
    return Status::ok();
}

// drawStrokes {strokes: [[x0, y0, x1, y1, ...], ...], clear?: true}: paints polylines on the drawing
// canvas as the mouse would (points in canvas cells, 28 x 28 unless a model asked for another size),
// then makes the drawing the Network lab's input, as finishing a stroke in the picker does.
Status m_draw_strokes(AppState& app, const Json& args, Json& out) {
    const Json* strokes = args.is_object() ? args.find("strokes") : nullptr;
    if (!strokes || !strokes->is_array()) return Status::error("expected {strokes: [[x0, y0, x1, y1, ...], ...]}");
    for (size_t k = 0; k < strokes->size(); ++k) {
        const Json& pts = (*strokes)[k];
        if (!pts.is_array() || pts.size() < 2 || pts.size() % 2)
            return Status::error("stroke " + std::to_string(k) + " must be a flat list of x, y pairs");
        for (size_t i = 0; i < pts.size(); ++i)
            if (!pts[i].is_number()) return Status::error("stroke " + std::to_string(k) + " holds a non-number");
    }
    DrawCanvas& c = app.inputs.canvas();
    const Json* clear = args.find("clear");
    if (!clear || !clear->is_bool() || clear->as_bool()) c.clear();
    for (size_t k = 0; k < strokes->size(); ++k) {
        const Json& pts = (*strokes)[k];
        ImVec2 last(float(pts[0].as_number()), float(pts[1].as_number()));
        c.dab(last.x, last.y);
        for (size_t i = 2; i + 1 < pts.size(); i += 2) {
            const ImVec2 p(float(pts[i].as_number()), float(pts[i + 1].as_number()));
            c.stroke(last, p);
            last = p;
        }
    }
    InputRequest r;
    r.dataset = "drawing";
    r.index = 0;
    app.requests.set_input = r;
    app.inputs.set_current("drawing", 0);
    app.inputs.keep_drawing();
    app_apply_requests(app);
    out = state_json(app);
    return Status::ok();
}

// setView {zoom?, projector?, reducedMotion?}: the View menu's text size, projector mode and reduced motion.
Status m_set_view(AppState& app, const Json& args, Json& out) {
    if (!args.is_object()) return Status::error("expected {zoom, projector, reducedMotion}");
    if (const Json* z = args.find("zoom")) {
        if (!z->is_number() || z->as_number() < 0.75 || z->as_number() > 2.0) return Status::error("zoom must be from 0.75 to 2");
        app.requests.set_ui_zoom = float(z->as_number());
    }
    if (const Json* p = args.find("projector")) {
        if (!p->is_bool()) return Status::error("projector must be true or false");
        app.requests.set_projector = p->as_bool();
    }
    if (const Json* m = args.find("reducedMotion")) {
        if (!m->is_bool()) return Status::error("reducedMotion must be true or false");
        app.requests.set_reduced_motion = m->as_bool();
    }
    if (const Json* c = args.find("colorblind")) {
        if (!c->is_bool()) return Status::error("colorblind must be true or false");
        app.requests.set_colorblind = c->as_bool();
    }
    app_apply_requests(app);
    out = state_json(app);
    return Status::ok();
}

// loadDetection {gt, dt, gtName?, dtName?}: a COCO annotation file and results list, as text, into the
// Detection lab (as a file picker or a drop would). A bad pair keeps the previous data; the report's
// data.error says why.
Status m_load_detection(AppState& app, const Json& args, Json& out) {
    const Json* gt = args.is_object() ? args.find("gt") : nullptr;
    const Json* dt = args.is_object() ? args.find("dt") : nullptr;
    if (!gt || !dt || !gt->is_string() || !dt->is_string()) return Status::error("expected {gt: text, dt: text}");
    const Json* gn = args.find("gtName");
    const Json* dn = args.find("dtName");
    DetectLab& lab = *detect_lab(app);
    (void)lab.load_coco(gn && gn->is_string() ? gn->as_string() : "gt.json", gt->as_string(),
                        dn && dn->is_string() ? dn->as_string() : "dt.json", dt->as_string());
    out = lab.report();  // data.error holds a refusal
    return Status::ok();
}

// ---- Lessons ----

Status m_lessons(AppState& app, const Json&, Json& out) {
    out = lessons_json(app);
    return Status::ok();
}

// openLesson {id, step?}: step counts from 0, as lessonState() reports it.
Status m_open_lesson(AppState& app, const Json& args, Json& out) {
    const Json& id = arg(args, "id");
    if (!id.is_string()) return Status::error("expected {id, step}");
    int step = 0;
    if (const Json* s = args.is_object() ? args.find("step") : nullptr) {
        if (!s->is_int()) return Status::error("step must be a whole number");
        step = s->as_int();
    }
    LL_TRY(lesson_open(app, id.as_string(), step));
    app_apply_requests(app);
    out = lesson_state_json(app);
    return Status::ok();
}

// loadLesson {text | lesson, step?}: a lesson file's content (a string or the object itself).
Status m_load_lesson(AppState& app, const Json& args, Json& out) {
    if (!args.is_object()) return Status::error("expected {text} or {lesson}");
    if (const Json* e = args.find("error"); e && e->is_string()) {  // the page could not read a lesson link
        app.lessons.error = "lesson link: " + e->as_string();
        out = lesson_state_json(app);
        return Status::ok();
    }
    std::string text;
    if (const Json* t = args.find("text"); t && t->is_string()) text = t->as_string();
    else if (const Json* l = args.find("lesson"); l && l->is_object()) text = l->dump();
    else return Status::error("expected {text} or {lesson}");
    int step = 0;
    if (const Json* s = args.find("step"); s && s->is_int()) step = s->as_int();
    std::string id;
    if (Status st = lesson_add(app, text, step, &id); !st) {
        app.lessons.error = st.message();
        return st;
    }
    app_apply_requests(app);
    out = lesson_state_json(app);
    return Status::ok();
}

Status m_lesson_state(AppState& app, const Json&, Json& out) {
    out = lesson_state_json(app);
    return Status::ok();
}

Status m_answer(AppState& app, const Json& args, Json& out) {
    AnswerResult r;
    LL_TRY(lesson_answer(app, arg(args, "value"), r));
    out = Json::object();
    out.set("correct", Json::boolean(r.correct));
    out.set("pending", Json::boolean(r.pending));
    out.set("hint", r.hint.empty() ? Json() : Json::string(r.hint));
    out.set("expected", r.expected);
    return Status::ok();
}

// lessonStep {step}: moves within the open lesson, as Next and Previous do.
Status m_lesson_step(AppState& app, const Json& args, Json& out) {
    const Json& v = arg(args, "step");
    if (!app.lessons.open()) return Status::error("no lesson is open");
    if (!v.is_int()) return Status::error("step must be a whole number");
    lesson_go(app, v.as_int());
    app_apply_requests(app);
    out = lesson_state_json(app);
    return Status::ok();
}

Status m_close_lesson(AppState& app, const Json&, Json& out) {
    lesson_close(app);
    out = lesson_state_json(app);
    return Status::ok();
}

// recordStep: the view as a new step of the lesson being written; returns that lesson.
Status m_record_step(AppState& app, const Json&, Json& out) {
    lesson_record_step(app);
    out = lesson_to_json(app.lessons.draft);
    return Status::ok();
}

struct Method {
    const char* name;
    Status (*fn)(AppState&, const Json&, Json&);
    // Whether the call wakes the page for a few frames to draw what it changed. The training polls do
    // not: a script polls them while runs train, and each frame costs the runs CPU time where the
    // browser draws on the processor; what they take is drawn at the Training lab's pace (poll_runs).
    bool wakes = true;
};

const Method kMethods[] = {
    {"state", m_state},
    {"setLab", m_set_lab},
    {"setLanguage", m_set_language},
    {"loadPreset", m_load_preset},
    {"setInput", m_set_input},
    {"step", m_step},
    {"labParams", m_lab_params},
    {"labReport", m_lab_report},
    {"inputState", m_input_state},
    {"windows", m_windows},
    {"copyLink", m_copy_link},
    {"train", m_train},
    {"runs", m_runs, false},
    {"sweep", m_sweep},
    {"sweepState", m_sweep_state, false},
    {"cancelSweep", m_cancel_sweep},
    {"stopRun", m_stop_run},
    {"pauseRun", m_pause_run},
    {"resumeRun", m_resume_run},
    {"drawStrokes", m_draw_strokes},
    {"setView", m_set_view},
    {"loadDetection", m_load_detection},
    {"lessons", m_lessons},
    {"openLesson", m_open_lesson},
    {"loadLesson", m_load_lesson},
    {"lessonState", m_lesson_state},
    {"lessonStep", m_lesson_step},
    {"answer", m_answer},
    {"closeLesson", m_close_lesson},
    {"recordStep", m_record_step},
    {"dataState", m_data_state},
    {"exportPng", m_export_png},
    {"exportPngState", m_export_png_state},
};

std::string reply_error(const std::string& msg) {
    Json r = Json::object();
    r.set("ok", Json::boolean(false));
    r.set("error", Json::string(msg));
    return r.dump();
}

}  // namespace

std::string app_call(AppState& app, const std::string& method, const std::string& args_json) {
    Json args;
    if (!args_json.empty()) {
        Status st = parse_json(args_json, args);
        if (!st) return reply_error("arguments: " + st.message());
    }
    for (const Method& m : kMethods) {
        if (method != m.name) continue;
        if (m.wakes) app_wake(app);  // whatever the call changed is drawn
        Json result;
        Status st = m.fn(app, args, result);
        if (!st) return reply_error(method + ": " + st.message());
        Json r = Json::object();
        r.set("ok", Json::boolean(true));
        r.set("result", result);
        return r.dump();
    }
    return reply_error("unknown method \"" + method + "\"");
}

}  // namespace ll::app
