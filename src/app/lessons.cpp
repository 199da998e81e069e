#include "app/lessons.h"

#include <cstdio>
#include <cstring>

#include "app/app.h"
#include "app/lesson_controls.h"
#include "engine/model.h"  // read_file

#ifndef LAYERLAB_LESSONS_DIR
#define LAYERLAB_LESSONS_DIR "assets/lessons"
#endif

namespace ll::app {

namespace {

// A lesson file is small text; anything larger is not one.
constexpr uint64_t kMaxLessonBytes = 4u << 20;
// Lessons opened from a file or a link, kept so a reload (whose address names only the id) finds them.
const char* kStoreCustom = "layerlab.lessons";

void store_custom(AppState& app) {
    Json list = Json::array();
    const LessonPlayer& l = app.lessons;
    for (size_t i = l.builtin; i < l.lessons.size(); ++i) list.push(lesson_to_json(l.lessons[i]));
    app.host->storage_set(kStoreCustom, list.dump());
}

void clear_answer(LessonPlayer& l) {
    l.typed[0] = '\0';
    l.chosen = -1;
    l.answered = l.correct = l.pending = false;
    l.expected = Json();
}

// The view a step sets: its lab first, then that lab's keys (only those given change, so a step
// names every key its point depends on).
void apply_step_view(AppState& app, const LessonStep& s) {
    Params p;
    for (const auto& kv : s.state) p.set(kv.first, kv.second);
    LabId id = app.lab;
    if (const std::string* name = p.find("lab")) parse_lab(*name, id);
    if (id != app.lab) app.requests.set_lab = id;
    app.lab_at(id).load_params(p);
}

void narrate_step(AppState& app) {
    const LessonPlayer& l = app.lessons;
    const Lesson* lesson = l.open();
    const LessonStep* s = l.step_shown();
    if (!lesson || !s) return;
    const bool ko = app.lang == Lang::Ko;
    char head[128];
    std::snprintf(head, sizeof head, app.tr("lesson.step_fmt"), l.step + 1, int(lesson->steps.size()));
    app.lessons.narration = std::string(head) + ": " + s->title.in(ko) + ". " + s->text.in(ko);
}

}  // namespace

void lessons_load_builtin(AppState& app) {
    LessonPlayer& l = app.lessons;
    const std::string dir = LAYERLAB_LESSONS_DIR;
    std::string text;
    Json index;
    Status st = read_file(dir + "/index.json", text, kMaxLessonBytes);
    if (st) st = parse_json(text, index);
    if (!st || !index.is_array()) {
        l.builtin_error = "lessons/index.json: " + (st ? std::string("expected a list of file names") : st.message());
        return;
    }
    std::vector<Lesson> loaded;
    for (const Json& name : index.items()) {
        if (!name.is_string()) continue;
        Json j;
        Lesson lesson;
        st = read_file(dir + "/" + name.as_string(), text, kMaxLessonBytes);
        if (st) st = parse_json(text, j);
        if (st) st = parse_lesson(j, lesson);
        if (!st) {
            l.builtin_error = name.as_string() + ": " + st.message();
            continue;
        }
        loaded.push_back(std::move(lesson));
    }
    l.builtin = loaded.size();
    Json stored;
    if (app.host && parse_json(app.host->storage_get(kStoreCustom), stored) && stored.is_array()) {
        for (const Json& j : stored.items()) {
            Lesson lesson;
            if (parse_lesson(j, lesson)) loaded.push_back(std::move(lesson));
        }
    }
    l.lessons = std::move(loaded);
}

int lesson_index(const AppState& app, const std::string& id) {
    const std::vector<Lesson>& v = app.lessons.lessons;
    for (size_t i = 0; i < v.size(); ++i)
        if (v[i].id == id) return int(i);
    return -1;
}

Status lesson_open(AppState& app, const std::string& id, int step) {
    const int i = lesson_index(app, id);
    if (i < 0) return Status::error("no lesson \"" + id + "\"");
    const int n = int(app.lessons.lessons[size_t(i)].steps.size());
    if (step < 0 || step >= n) return Status::error("lesson \"" + id + "\" has steps 0 to " + std::to_string(n - 1));
    app.lessons.current = i;
    app.lessons.error.clear();
    lesson_go(app, step);
    return Status::ok();
}

void lesson_go(AppState& app, int step) {
    LessonPlayer& l = app.lessons;
    const Lesson* lesson = l.open();
    if (!lesson) return;
    l.step = step < 0 ? 0 : (step >= int(lesson->steps.size()) ? int(lesson->steps.size()) - 1 : step);
    clear_answer(l);
    apply_step_view(app, lesson->steps[size_t(l.step)]);
    narrate_step(app);
}

void lesson_reset_step(AppState& app) { lesson_go(app, app.lessons.step); }

void lesson_close(AppState& app) {
    app.lessons.current = -1;
    app.lessons.step = 0;
    clear_answer(app.lessons);
}

Status lesson_add(AppState& app, const std::string& text, int step, std::string* id_out) {
    if (text.size() > kMaxLessonBytes) return Status::error("the lesson is larger than 4 MB");
    Json j;
    LL_TRY(parse_json(text, j));
    Lesson lesson;
    LL_TRY(parse_lesson(j, lesson));
    LessonPlayer& l = app.lessons;
    const int existing = lesson_index(app, lesson.id);
    if (existing >= 0 && size_t(existing) < l.builtin)
        return Status::error("the id \"" + lesson.id + "\" belongs to a built-in lesson; give yours another id");
    const std::string id = lesson.id;
    if (existing >= 0) l.lessons[size_t(existing)] = std::move(lesson);
    else l.lessons.push_back(std::move(lesson));
    store_custom(app);
    if (id_out) *id_out = id;
    return lesson_open(app, id, step);
}

Status lesson_answer(AppState& app, const Json& value, AnswerResult& out) {
    LessonPlayer& l = app.lessons;
    const LessonStep* s = l.step_shown();
    if (!s) return Status::error("no lesson is open");
    if (!s->has_checkpoint) return Status::error("this step has no checkpoint");
    const Checkpoint& cp = s->checkpoint;
    const Verdict v = check_answer(cp, value, lesson_reports(app, cp.answer.lab));
    out = AnswerResult();
    out.correct = v.correct;
    out.pending = v.pending;
    out.expected = v.correct ? v.expected : Json();
    if (!v.correct && !v.pending) out.hint = cp.hint.in(app.lang == Lang::Ko);
    l.answered = true;
    l.correct = v.correct;
    l.pending = v.pending;
    l.expected = out.expected;
    const bool ko = app.lang == Lang::Ko;
    if (v.pending) l.narration = app.tr("lesson.pending");
    else if (v.correct) l.narration = std::string(app.tr("lesson.right")) + " " + v.expected.dump();
    else l.narration = std::string(app.tr("lesson.wrong")) + " " + cp.hint.in(ko);
    return Status::ok();
}

void lesson_save_params(const AppState& app, Params& p) {
    const Lesson* lesson = app.lessons.open();
    if (!lesson) return;
    p.set("lesson", lesson->id);
    p.set_int("step", app.lessons.step + 1);  // 1-based in the address, as people count
}

void lesson_restore(AppState& app, const Params& p) {
    const std::string* id = p.find("lesson");
    if (!id) {
        if (app.lessons.open()) lesson_close(app);
        return;
    }
    int step = 1;
    p.get_int("step", step, 1, 100000);
    const Lesson* open = app.lessons.open();
    if (open && open->id == *id && app.lessons.step == step - 1) return;
    if (Status st = lesson_open(app, *id, step - 1); !st) {
        // A link to a lesson this page lacks (a custom one not yet loaded, a typo): say so, keep the view.
        if (lesson_index(app, *id) < 0) app.lessons.error = st.message();
        else if (Status first = lesson_open(app, *id, 0); !first) app.lessons.error = first.message();
    }
}

void lesson_record_step(AppState& app) {
    Lesson& d = app.lessons.draft;
    if (d.id.empty()) {
        d.id = "my-lesson";
        d.title.en = "My lesson";
        d.title.ko = "나의 수업";
    }
    LessonStep s;
    char title[64];
    std::snprintf(title, sizeof title, "Step %d", int(d.steps.size()) + 1);
    s.title.en = title;
    std::snprintf(title, sizeof title, "%d단계", int(d.steps.size()) + 1);
    s.title.ko = title;
    s.text.en = "Describe what the student should look at here.";
    s.text.ko = "학생이 여기서 무엇을 보아야 하는지 적으세요.";
    const Params view = Params::parse(app_view_state(app));
    for (const auto& kv : view.items()) {
        if (kv.first == "lang" || kv.first == "lesson" || kv.first == "step") continue;
        if (kv.first == "lab") s.state.insert(s.state.begin(), kv);
        else s.state.push_back(kv);
    }
    d.steps.push_back(std::move(s));
}

std::string lesson_draft_text(const AppState& app) { return lesson_to_json(app.lessons.draft).dump(2) + "\n"; }

Json lessons_json(const AppState& app) {
    Json list = Json::array();
    const LessonPlayer& l = app.lessons;
    for (size_t i = 0; i < l.lessons.size(); ++i) {
        const Lesson& lesson = l.lessons[i];
        Json j = Json::object();
        j.set("id", Json::string(lesson.id));
        Json title = Json::object();
        title.set("en", Json::string(lesson.title.en));
        title.set("ko", Json::string(lesson.title.in(true)));
        j.set("title", title);
        j.set("steps", Json::number(double(lesson.steps.size())));
        int checkpoints = 0;
        for (const LessonStep& s : lesson.steps) checkpoints += s.has_checkpoint ? 1 : 0;
        j.set("checkpoints", Json::number(checkpoints));
        j.set("builtin", Json::boolean(i < l.builtin));
        if (!lesson.note.empty()) j.set("note", Json::string(lesson.note));
        list.push(j);
    }
    return list;
}

Json lesson_state_json(const AppState& app) {
    const LessonPlayer& l = app.lessons;
    const Lesson* lesson = l.open();
    Json j = Json::object();
    j.set("id", lesson ? Json::string(lesson->id) : Json());
    j.set("step", lesson ? Json::number(l.step) : Json());
    j.set("steps", Json::number(lesson ? double(lesson->steps.size()) : 0.0));
    j.set("error", l.error.empty() ? Json() : Json::string(l.error));
    const LessonStep* s = l.step_shown();
    const bool ko = app.lang == Lang::Ko;
    j.set("title", s ? Json::string(s->title.in(ko)) : Json());
    if (s && s->has_checkpoint) {
        Json cp = Json::object();
        cp.set("kind", Json::string(s->checkpoint.kind));
        cp.set("prompt", Json::string(s->checkpoint.prompt.in(ko)));
        Json opts = Json::array();
        for (const LessonOption& o : s->checkpoint.options) opts.push(Json::string(o.value));
        cp.set("options", opts);
        cp.set("answered", Json::boolean(l.answered));
        cp.set("correct", Json::boolean(l.correct));
        j.set("checkpoint", cp);
    } else {
        j.set("checkpoint", Json());
    }
    Json marks = Json::array();
    for (const controls::Seen& m : controls::seen_last_frame()) {
        Json c = Json::object();
        c.set("key", Json::string(m.key));
        c.set("x", Json::number(m.min.x));
        c.set("y", Json::number(m.min.y));
        c.set("w", Json::number(m.max.x - m.min.x));
        c.set("h", Json::number(m.max.y - m.min.y));
        c.set("highlighted", Json::boolean(m.highlighted));
        c.set("locked", Json::boolean(m.locked));
        c.set("hidden", Json::boolean(m.hidden));
        marks.push(c);
    }
    j.set("controls", marks);
    j.set("narration", Json::string(l.narration));
    j.set("draft_steps", Json::number(double(l.draft.steps.size())));
    return j;
}

Json lesson_reports(const AppState& app, const std::string& lab) {
    Json r = Json::object();
    r.set("state", app_state_report(app));
    LabId id;
    if (parse_lab(lab, id)) r.set(lab, app.labs[size_t(id)]->report());
    return r;
}

}  // namespace ll::app
