// Lessons: guided tours through the labs, read from plain JSON files (the README documents the format).
// A step sets the app's view state (the same keys the URL uses), points at controls, and may ask a
// checkpoint question. A checkpoint stores no answer: it names where the answer is read from the
// labs' live reports (which the engine computes), so a lesson stays right when its network or
// settings change. Parsing, the answer lookup and the comparison live here, with no UI, so they are
// tested natively; the app only gathers the reports and draws the player.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "engine/json.h"
#include "engine/status.h"

namespace ll {

struct LocalText {
    std::string en, ko;
    const std::string& in(bool korean) const { return korean && !ko.empty() ? ko : en; }
};

// Where a checkpoint's answer comes from, in the reports object {"state": ..., "<lab>": report}:
//   path     the value at "<lab>.<path>" (dots separate keys and array indices: "racers.0.reached")
//   differ   two paths: "yes" when their numbers differ by more than `tolerance`, else "no"
//   argmin / argmax   an array path: the `name` field of the element whose `by` field is smallest /
//            largest (elements whose `by` is not a number are skipped)
struct AnswerSource {
    std::string lab;
    std::string path;
    std::vector<std::string> differ;
    std::string argmin, argmax, by, name;
};

struct LessonOption {
    std::string value;
    LocalText label;
};

struct Checkpoint {
    std::string kind;            // "number" or "choice"
    LocalText prompt;
    std::vector<LessonOption> options;  // choice only
    AnswerSource answer;
    double tolerance = 1e-6;     // number: |given - expected| <= tolerance + rel * |expected|
    double rel = 0.0;
    LocalText hint;              // shown after a wrong answer
    std::vector<std::string> hint_highlight;  // controls the hint points at
};

struct LessonStep {
    LocalText title, text;
    std::vector<std::pair<std::string, std::string>> state;  // view keys, "lab" first when given
    std::vector<std::string> highlight, lock, hide;          // control keys (the UI's label keys)
    bool has_checkpoint = false;
    Checkpoint checkpoint;
};

struct Lesson {
    std::string id;
    LocalText title, summary;
    std::string note;            // the study note it follows, if any
    std::vector<LessonStep> steps;
};

// Reads a lesson; an error names the step and the key ("step 3: checkpoint.answer: lab is missing").
Status parse_lesson(const Json& j, Lesson& out);
Json lesson_to_json(const Lesson& lesson);

// The value at a dotted path ("a.b.2.c") of j, or nullptr.
const Json* json_at(const Json& j, const std::string& path);

// The expected answer as the reports give it now: a number, a string, or null while the lab has not
// computed it yet (a race still running, a batch not drawn).
Json expected_answer(const AnswerSource& src, const Json& reports);

struct Verdict {
    bool correct = false;
    bool pending = false;        // no expected value yet: ask again in a moment
    Json expected;
};
// Compares a student's answer (a number, or a string that holds one, for "number"; an option's value for
// "choice") with the expected value read from the reports.
Verdict check_answer(const Checkpoint& cp, const Json& given, const Json& reports);

}  // namespace ll
