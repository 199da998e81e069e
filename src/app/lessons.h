// The lesson player's state and what it does: open a lesson at a step (applying the step's view
// state to the labs), answer its checkpoint against the labs' live reports, move between steps, and
// record the current view as a new step of a lesson being written. The lessons themselves, their
// checkpoints and the comparison are engine/lesson.h; the panel is panels/lesson_panel.cpp.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/params.h"
#include "engine/lesson.h"

namespace ll::app {

struct AppState;

struct LessonPlayer {
    std::vector<Lesson> lessons;   // the built-in ones (assets/lessons/index.json order), then opened ones
    size_t builtin = 0;
    std::string builtin_error;     // a built-in lesson that failed to load (a packaging bug)
    int current = -1;              // index into lessons; -1: no lesson open
    int step = 0;
    // The checkpoint: the typed number or the chosen option, and the verdict of the last answer.
    char typed[32] = "";
    int chosen = -1;
    bool answered = false, correct = false, pending = false;
    Json expected;
    std::string error;             // why a lesson could not be opened (a link, a file), shown in the panel
    // "Record this view as a step": the lesson being written.
    Lesson draft;
    // The screen-reader narration of the view (web/index.html's live region reads it).
    std::string narration;
    bool show_list = false;        // the lesson list popup

    const Lesson* open() const { return current >= 0 ? &lessons[size_t(current)] : nullptr; }
    const LessonStep* step_shown() const {
        const Lesson* l = open();
        return l && step >= 0 && size_t(step) < l->steps.size() ? &l->steps[size_t(step)] : nullptr;
    }
};

// Reads assets/lessons/index.json and the lessons it lists.
void lessons_load_builtin(AppState& app);
int lesson_index(const AppState& app, const std::string& id);  // -1 when unknown

// Opens lesson id at step (0-based) and applies the step's view. An unknown id or step is an error
// (the view stays as it was).
Status lesson_open(AppState& app, const std::string& id, int step);
void lesson_go(AppState& app, int step);   // within the open lesson; applies the step's view
void lesson_reset_step(AppState& app);     // the step's view again, the answer cleared
void lesson_close(AppState& app);
// A lesson given as JSON text (a file, a link): added to the list (replacing one with the same id) and
// opened at step; errors name the step and key.
Status lesson_add(AppState& app, const std::string& text, int step, std::string* id_out);

struct AnswerResult {
    bool correct = false;
    bool pending = false;          // the lab has no value yet (still computing)
    std::string hint;              // in the current language, when wrong
    Json expected;                 // what the engine says (shown after a right answer)
};
// Checks an answer to the open step's checkpoint.
Status lesson_answer(AppState& app, const Json& value, AnswerResult& out);

// The view keys of the open lesson (lesson, step), for the URL; and their restoring: a lesson/step
// that differs from the one shown opens it before the rest of the view is applied.
void lesson_save_params(const AppState& app, Params& p);
void lesson_restore(AppState& app, const Params& p);

// "Record this view as a step": the whole view as a new step of the draft lesson.
void lesson_record_step(AppState& app);
std::string lesson_draft_text(const AppState& app);

// The automation API's reports (lessons(), lessonState()).
Json lessons_json(const AppState& app);
Json lesson_state_json(const AppState& app);

// The reports a checkpoint reads: {"state": state(), "<lab>": that lab's report}.
Json lesson_reports(const AppState& app, const std::string& lab);

}  // namespace ll::app
