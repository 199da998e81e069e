#include "engine/lesson.h"

#include <cmath>
#include <cstdlib>

namespace ll {

namespace {

Status read_text(const Json& j, const std::string& key, LocalText& out, bool required) {
    const Json* v = j.find(key);
    if (!v) return required ? Status::error(key + " is missing") : Status::ok();
    if (v->is_string()) {
        out.en = v->as_string();
        return Status::ok();
    }
    if (!v->is_object()) return Status::error(key + " must be {\"en\": ..., \"ko\": ...}");
    const Json* en = v->find("en");
    const Json* ko = v->find("ko");
    if (!en || !en->is_string() || en->as_string().empty()) return Status::error(key + ".en is missing");
    if (ko && !ko->is_string()) return Status::error(key + ".ko must be a string");
    out.en = en->as_string();
    out.ko = ko ? ko->as_string() : std::string();
    return Status::ok();
}

Json text_json(const LocalText& t) {
    Json j = Json::object();
    j.set("en", Json::string(t.en));
    if (!t.ko.empty()) j.set("ko", Json::string(t.ko));
    return j;
}

Status read_strings(const Json& j, const std::string& key, std::vector<std::string>& out) {
    const Json* v = j.find(key);
    if (!v) return Status::ok();
    if (!v->is_array()) return Status::error(key + " must be a list of control names");
    for (size_t i = 0; i < v->size(); ++i) {
        if (!(*v)[i].is_string()) return Status::error(key + "[" + std::to_string(i) + "] must be a string");
        out.push_back((*v)[i].as_string());
    }
    return Status::ok();
}

Json strings_json(const std::vector<std::string>& v) {
    Json a = Json::array();
    for (const std::string& s : v) a.push(Json::string(s));
    return a;
}

// A view value as the URL writes it: numbers without a trailing ".0", booleans as 1 / 0.
Status view_value(const Json& v, std::string& out) {
    if (v.is_string()) out = v.as_string();
    else if (v.is_int()) out = std::to_string(static_cast<long long>(v.as_number()));
    else if (v.is_number()) out = Json::number(v.as_number()).dump();
    else if (v.is_bool()) out = v.as_bool() ? "1" : "0";
    else return Status::error("must be a string, a number or true/false");
    return Status::ok();
}

Status read_answer(const Json& j, AnswerSource& a) {
    const Json* lab = j.find("lab");
    if (!lab || !lab->is_string() || lab->as_string().empty()) return Status::error("lab is missing");
    a.lab = lab->as_string();
    int ways = 0;
    if (const Json* p = j.find("path")) {
        if (!p->is_string()) return Status::error("path must be a string");
        a.path = p->as_string();
        ++ways;
    }
    if (const Json* d = j.find("differ")) {
        if (!d->is_array() || d->size() != 2 || !(*d)[0].is_string() || !(*d)[1].is_string())
            return Status::error("differ must be two paths");
        a.differ = {(*d)[0].as_string(), (*d)[1].as_string()};
        ++ways;
    }
    for (const char* key : {"argmin", "argmax"}) {
        const Json* v = j.find(key);
        if (!v) continue;
        if (!v->is_string()) return Status::error(std::string(key) + " must be a path to a list");
        (std::string(key) == "argmin" ? a.argmin : a.argmax) = v->as_string();
        const Json* by = j.find("by");
        const Json* name = j.find("name");
        if (!by || !by->is_string() || !name || !name->is_string())
            return Status::error(std::string(key) + " needs \"by\" and \"name\" fields");
        a.by = by->as_string();
        a.name = name->as_string();
        ++ways;
    }
    if (ways != 1) return Status::error("give exactly one of path, differ, argmin, argmax");
    return Status::ok();
}

Status read_checkpoint(const Json& j, Checkpoint& c) {
    if (!j.is_object()) return Status::error("must be an object");
    const Json* kind = j.find("kind");
    if (!kind || !kind->is_string() || (kind->as_string() != "number" && kind->as_string() != "choice"))
        return Status::error("kind must be \"number\" or \"choice\"");
    c.kind = kind->as_string();
    LL_TRY(read_text(j, "prompt", c.prompt, true));
    LL_TRY(read_text(j, "hint", c.hint, true));
    LL_TRY(read_strings(j, "hint_highlight", c.hint_highlight));
    const Json* ans = j.find("answer");
    if (!ans || !ans->is_object()) return Status::error("answer is missing (where the engine's value is read)");
    LL_TRY(read_answer(*ans, c.answer).with_context("answer: "));
    if (const Json* t = j.find("tolerance")) {
        if (!t->is_number() || !(t->as_number() >= 0.0)) return Status::error("tolerance must be a number >= 0");
        c.tolerance = t->as_number();
    }
    if (const Json* r = j.find("rel")) {
        if (!r->is_number() || !(r->as_number() >= 0.0)) return Status::error("rel must be a number >= 0");
        c.rel = r->as_number();
    }
    if (c.kind == "choice") {
        const Json* opts = j.find("options");
        if (!opts || !opts->is_array() || opts->size() < 2) return Status::error("a choice needs at least two options");
        for (size_t i = 0; i < opts->size(); ++i) {
            const Json& o = (*opts)[i];
            const std::string at = "options[" + std::to_string(i) + "]: ";
            const Json* v = o.is_object() ? o.find("value") : nullptr;
            if (!v || !v->is_string()) return Status::error(at + "value is missing");
            LessonOption opt;
            opt.value = v->as_string();
            LL_TRY(read_text(o, "label", opt.label, true).with_context(at));
            c.options.push_back(std::move(opt));
        }
    }
    return Status::ok();
}

Status read_step(const Json& j, LessonStep& s) {
    if (!j.is_object()) return Status::error("must be an object");
    LL_TRY(read_text(j, "title", s.title, true));
    LL_TRY(read_text(j, "text", s.text, true));
    if (const Json* st = j.find("state")) {
        if (!st->is_object()) return Status::error("state must be an object of view keys");
        for (const auto& kv : st->members()) {
            std::string v;
            LL_TRY(view_value(kv.second, v).with_context("state." + kv.first + ": "));
            if (kv.first == "lab") s.state.insert(s.state.begin(), {kv.first, v});
            else s.state.emplace_back(kv.first, v);
        }
    }
    LL_TRY(read_strings(j, "highlight", s.highlight));
    LL_TRY(read_strings(j, "lock", s.lock));
    LL_TRY(read_strings(j, "hide", s.hide));
    if (const Json* cp = j.find("checkpoint")) {
        s.has_checkpoint = true;
        LL_TRY(read_checkpoint(*cp, s.checkpoint).with_context("checkpoint: "));
    }
    return Status::ok();
}

bool is_index(const std::string& s) {
    if (s.empty() || s.size() > 9) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

const Json* lab_value(const Json& reports, const std::string& lab, const std::string& path) {
    const Json* r = reports.find(lab);
    return r ? json_at(*r, path) : nullptr;
}

Json pick(const AnswerSource& a, const Json& reports, bool smallest) {
    const Json* list = lab_value(reports, a.lab, smallest ? a.argmin : a.argmax);
    if (!list || !list->is_array()) return Json();
    const Json* best = nullptr;
    double best_v = 0.0;
    for (const Json& e : list->items()) {
        const Json* v = json_at(e, a.by);
        if (!v || !v->is_number() || !std::isfinite(v->as_number())) continue;
        const double x = v->as_number();
        if (!best || (smallest ? x < best_v : x > best_v)) {
            best = &e;
            best_v = x;
        }
    }
    if (!best) return Json();
    const Json* name = json_at(*best, a.name);
    return name ? *name : Json();
}

bool number_of(const Json& v, double& out) {
    if (v.is_number()) {
        out = v.as_number();
        return std::isfinite(out);
    }
    if (!v.is_string() || v.as_string().empty()) return false;
    const char* s = v.as_string().c_str();
    char* end = nullptr;
    out = std::strtod(s, &end);
    while (end && (*end == ' ' || *end == '\t')) ++end;
    return end && *end == '\0' && std::isfinite(out);
}

}  // namespace

Status parse_lesson(const Json& j, Lesson& out) {
    out = Lesson();
    if (!j.is_object()) return Status::error("a lesson is a JSON object with id, title and steps");
    const Json* id = j.find("id");
    if (!id || !id->is_string() || id->as_string().empty()) return Status::error("id is missing");
    for (char c : id->as_string()) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return Status::error("id \"" + id->as_string() + "\" may hold only a-z, 0-9, - and _");
    }
    out.id = id->as_string();
    LL_TRY(read_text(j, "title", out.title, true));
    LL_TRY(read_text(j, "summary", out.summary, false));
    if (const Json* n = j.find("note"); n && n->is_string()) out.note = n->as_string();
    const Json* steps = j.find("steps");
    if (!steps || !steps->is_array() || steps->size() == 0) return Status::error("steps is missing or empty");
    for (size_t i = 0; i < steps->size(); ++i) {
        LessonStep s;
        LL_TRY(read_step((*steps)[i], s).with_context("step " + std::to_string(i + 1) + ": "));
        out.steps.push_back(std::move(s));
    }
    return Status::ok();
}

Json lesson_to_json(const Lesson& lesson) {
    Json j = Json::object();
    j.set("id", Json::string(lesson.id));
    j.set("title", text_json(lesson.title));
    if (!lesson.summary.en.empty()) j.set("summary", text_json(lesson.summary));
    if (!lesson.note.empty()) j.set("note", Json::string(lesson.note));
    Json steps = Json::array();
    for (const LessonStep& s : lesson.steps) {
        Json step = Json::object();
        step.set("title", text_json(s.title));
        step.set("text", text_json(s.text));
        Json state = Json::object();
        for (const auto& kv : s.state) state.set(kv.first, Json::string(kv.second));
        step.set("state", state);
        if (!s.highlight.empty()) step.set("highlight", strings_json(s.highlight));
        if (!s.lock.empty()) step.set("lock", strings_json(s.lock));
        if (!s.hide.empty()) step.set("hide", strings_json(s.hide));
        if (s.has_checkpoint) {
            const Checkpoint& c = s.checkpoint;
            Json cp = Json::object();
            cp.set("kind", Json::string(c.kind));
            cp.set("prompt", text_json(c.prompt));
            Json a = Json::object();
            a.set("lab", Json::string(c.answer.lab));
            if (!c.answer.path.empty()) a.set("path", Json::string(c.answer.path));
            if (!c.answer.differ.empty()) a.set("differ", strings_json(c.answer.differ));
            if (!c.answer.argmin.empty()) a.set("argmin", Json::string(c.answer.argmin));
            if (!c.answer.argmax.empty()) a.set("argmax", Json::string(c.answer.argmax));
            if (!c.answer.by.empty()) a.set("by", Json::string(c.answer.by));
            if (!c.answer.name.empty()) a.set("name", Json::string(c.answer.name));
            cp.set("answer", a);
            cp.set("tolerance", Json::number(c.tolerance));
            if (c.rel > 0.0) cp.set("rel", Json::number(c.rel));
            if (!c.options.empty()) {
                Json opts = Json::array();
                for (const LessonOption& o : c.options) {
                    Json oj = Json::object();
                    oj.set("value", Json::string(o.value));
                    oj.set("label", text_json(o.label));
                    opts.push(oj);
                }
                cp.set("options", opts);
            }
            cp.set("hint", text_json(c.hint));
            if (!c.hint_highlight.empty()) cp.set("hint_highlight", strings_json(c.hint_highlight));
            step.set("checkpoint", cp);
        }
        steps.push(step);
    }
    j.set("steps", steps);
    return j;
}

const Json* json_at(const Json& j, const std::string& path) {
    const Json* cur = &j;
    size_t start = 0;
    while (cur && start <= path.size()) {
        const size_t dot = path.find('.', start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (part.empty()) return path.empty() ? cur : nullptr;
        if (cur->is_array() && is_index(part)) {
            const size_t i = size_t(std::atol(part.c_str()));
            cur = i < cur->size() ? &(*cur)[i] : nullptr;
        } else if (cur->is_object()) {
            cur = cur->find(part);
        } else {
            return nullptr;
        }
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return cur;
}

Json expected_answer(const AnswerSource& a, const Json& reports) {
    if (!a.path.empty()) {
        const Json* v = lab_value(reports, a.lab, a.path);
        return v ? *v : Json();
    }
    if (a.differ.size() == 2) {
        const Json* x = lab_value(reports, a.lab, a.differ[0]);
        const Json* y = lab_value(reports, a.lab, a.differ[1]);
        if (!x || !y || !x->is_number() || !y->is_number()) return Json();
        // Written as "more than a millionth of their size apart", so float noise reads as "no".
        const double scale = std::fmax(1.0, std::fmax(std::fabs(x->as_number()), std::fabs(y->as_number())));
        return Json::string(std::fabs(x->as_number() - y->as_number()) > 1e-6 * scale ? "yes" : "no");
    }
    if (!a.argmin.empty()) return pick(a, reports, true);
    if (!a.argmax.empty()) return pick(a, reports, false);
    return Json();
}

Verdict check_answer(const Checkpoint& cp, const Json& given, const Json& reports) {
    Verdict v;
    v.expected = expected_answer(cp.answer, reports);
    if (v.expected.is_null()) {
        v.pending = true;
        return v;
    }
    if (cp.kind == "number") {
        double want = 0.0, got = 0.0;
        if (!number_of(v.expected, want)) {
            v.pending = true;
            return v;
        }
        v.correct = number_of(given, got) && std::fabs(got - want) <= cp.tolerance + cp.rel * std::fabs(want);
        return v;
    }
    std::string want;
    if (v.expected.is_string()) want = v.expected.as_string();
    else if (!view_value(v.expected, want)) return v;
    std::string got;
    if (given.is_string()) got = given.as_string();
    else if (!view_value(given, got)) return v;
    v.correct = got == want;
    return v;
}

}  // namespace ll
