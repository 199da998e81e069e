#include "app/panels/lesson_panel.h"

#include <cstdio>
#include <cstdlib>

#include "app/app.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

void draw_progress(const AppState& app, int step, int steps) {
    char buf[64];
    std::snprintf(buf, sizeof buf, app.tr("lesson.step_fmt"), step + 1, steps);
    ImGui::ProgressBar(float(step + 1) / float(steps), ImVec2(-1.0f, 0.0f), buf);
}

void draw_checkpoint(AppState& app, const Checkpoint& cp) {
    LessonPlayer& l = app.lessons;
    const bool ko = app.lang == Lang::Ko;
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kAccent));
    ImGui::TextUnformatted(app.tr("lesson.checkpoint"));
    ImGui::PopStyleColor();
    widgets::text_wrapped(cp.prompt.in(ko).c_str());
    Json given;
    bool submit = false;
    if (cp.kind == "number") {
        ImGui::SetNextItemWidth(em() * 8.0f);
        if (ImGui::InputText(app.label("lesson.your_answer"), l.typed, sizeof l.typed,
                             ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsScientific))
            submit = true;
        given = Json::string(l.typed);
    } else {
        for (size_t i = 0; i < cp.options.size(); ++i) {
            ImGui::PushID(int(i));
            if (ImGui::RadioButton(cp.options[i].label.in(ko).c_str(), l.chosen == int(i))) l.chosen = int(i);
            ImGui::PopID();
        }
        if (l.chosen >= 0) given = Json::string(cp.options[size_t(l.chosen)].value);
    }
    ImGui::BeginDisabled(given.is_null() || (given.is_string() && given.as_string().empty()));
    if (ImGui::Button(app.label("lesson.check"))) submit = true;
    ImGui::EndDisabled();
    if (submit && !given.is_null()) {
        AnswerResult r;
        if (!lesson_answer(app, given, r)) l.answered = false;
    }
    if (!l.answered) return;
    if (l.pending) {
        widgets::muted_text_wrapped(app.tr("lesson.pending"));
    } else if (l.correct) {
        const std::string msg = std::string(app.tr("lesson.right")) + " " + l.expected.dump();
        widgets::colored_text_wrapped(colors::kGood, msg.c_str());
    } else {
        widgets::colored_text_wrapped(colors::kError, app.tr("lesson.wrong"));
        widgets::text_wrapped(cp.hint.in(ko).c_str());
    }
}

}  // namespace

float lesson_panel_width(const AppState& app) {
    if (!app.lessons.open()) return 0.0f;
    const float w = ImGui::GetMainViewport()->WorkSize.x;
    return ImClamp(w * 0.3f, em() * 15.0f, em() * 26.0f);
}

void draw_lesson_panel(AppState& app, ImVec2 pos, ImVec2 size) {
    LessonPlayer& l = app.lessons;
    const Lesson* lesson = l.open();
    const LessonStep* s = l.step_shown();
    if (!lesson || !s) return;
    const bool ko = app.lang == Lang::Ko;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleColor(ImGuiCol_WindowBg, col4(0xF4F6FA));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em() * 0.9f, em() * 0.7f));
    ImGui::Begin("##lesson", nullptr, flags);
    ImGui::PopStyleVar();
    widgets::muted_text_wrapped(lesson->title.in(ko).c_str());
    draw_progress(app, l.step, int(lesson->steps.size()));
    ImGui::Spacing();
    if (app.fonts.heading) ImGui::PushFont(app.fonts.heading);
    widgets::text_wrapped(s->title.in(ko).c_str());  // a long title wraps, even at projector sizes
    if (app.fonts.heading) ImGui::PopFont();
    widgets::text_wrapped(s->text.in(ko).c_str());
    ImGui::Spacing();
    if (s->has_checkpoint) draw_checkpoint(app, s->checkpoint);
    ImGui::Separator();
    const int steps = int(lesson->steps.size());
    ImGui::BeginDisabled(l.step <= 0);
    if (ImGui::Button(app.label("lesson.prev"))) lesson_go(app, l.step - 1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(l.step + 1 >= steps);
    if (ImGui::Button(app.label("lesson.next"))) lesson_go(app, l.step + 1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(app.label("lesson.reset"))) lesson_reset_step(app);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("lesson.reset_help"));
    widgets::muted_text_wrapped(app.tr("lesson.keys"));
    if (ImGui::Button(app.label("lesson.close"))) lesson_close(app);
    ImGui::End();
    ImGui::PopStyleColor();
}

void draw_lesson_notice(AppState& app) {
    LessonPlayer& l = app.lessons;
    if (l.error.empty() || l.open()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = ImMin(em() * 24.0f, vp->WorkSize.x - em() * 2.0f);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - w - em(), vp->WorkPos.y + em() * 3.0f));
    ImGui::SetNextWindowSize(ImVec2(w, 0.0f));
    ImGui::Begin("##lesson_notice", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                                 ImGuiWindowFlags_AlwaysAutoResize);
    widgets::colored_text_wrapped(colors::kError, app.tr("lesson.cannot_open"));
    widgets::engine_error(app, l.error);
    if (ImGui::Button(app.label("lesson.dismiss"))) l.error.clear();
    ImGui::End();
}

void draw_lesson_menu(AppState& app) {
    if (!ImGui::BeginMenu(app.label("lesson.menu"))) return;
    const bool ko = app.lang == Lang::Ko;
    LessonPlayer& l = app.lessons;
    for (size_t i = 0; i < l.lessons.size(); ++i) {
        if (i == l.builtin && i > 0) ImGui::Separator();
        ImGui::PushID(int(i));
        if (ImGui::MenuItem(l.lessons[i].title.in(ko).c_str(), nullptr, l.current == int(i))) {
            if (Status st = lesson_open(app, l.lessons[i].id, 0); !st) l.error = st.message();
        }
        ImGui::PopID();
    }
    if (!l.builtin_error.empty()) ImGui::TextDisabled("%s", l.builtin_error.c_str());
    ImGui::Separator();
    if (app.host->can_open_file_picker() && ImGui::MenuItem(app.label("lesson.open_file"))) app.host->open_file_picker();
    if (ImGui::MenuItem(app.label("lesson.record"))) lesson_record_step(app);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("lesson.record_help"));
    char buf[128];
    std::snprintf(buf, sizeof buf, app.tr("lesson.download_fmt"), int(l.draft.steps.size()));
    if (ImGui::MenuItem(buf, nullptr, false, !l.draft.steps.empty()))
        app.host->save_file(l.draft.id + ".json", lesson_draft_text(app));
    ImGui::EndMenu();
}

void lesson_keys(AppState& app) {
    LessonPlayer& l = app.lessons;
    const Lesson* lesson = l.open();
    if (!lesson) return;
    const ImGuiIO& io = ImGui::GetIO();
    const bool typing = io.WantTextInput;
    // ImGui 1.86 indexes keys by the backend's codes: GLFW's are ASCII for letters.
    const bool next = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown)) || (!typing && ImGui::IsKeyPressed('N'));
    const bool prev = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp)) || (!typing && ImGui::IsKeyPressed('P'));
    if (next && l.step + 1 < int(lesson->steps.size())) lesson_go(app, l.step + 1);
    else if (prev && l.step > 0) lesson_go(app, l.step - 1);
}

}  // namespace ll::app
