// Lessons (engine/lesson.h): parsing with errors that name the step and key, the JSON round trip the
// "record a step" download relies on, and checkpoints whose expected value is read from live reports
// (so the same question gets a different answer when the lab's state changes).
#include <string>

#include "engine/lesson.h"
#include "tests/test_util.h"

namespace {

ll::Json parse(const std::string& text) {
    ll::Json j;
    const ll::Status st = ll::parse_json(text, j);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    return j;
}

const char* kLesson = R"({
  "id": "conv-size", "title": {"en": "Output size", "ko": "출력 크기"},
  "steps": [
    {"title": {"en": "Look", "ko": "보기"}, "text": {"en": "A conv.", "ko": "합성곱."},
     "state": {"k": 5, "lab": "arithmetic", "s": 2, "bias": true}, "highlight": ["k"], "lock": ["s"]},
    {"title": "Predict", "text": "What comes out?",
     "checkpoint": {"kind": "number", "prompt": {"en": "Output height?", "ko": "출력 높이?"},
                    "answer": {"lab": "arithmetic", "path": "output.h"},
                    "hint": {"en": "Use the formula.", "ko": "공식을 쓰세요."}, "hint_highlight": ["p"]}},
    {"title": "Race", "text": "Which is first?",
     "checkpoint": {"kind": "choice", "prompt": "First to the minimum?",
                    "options": [{"value": "SGD", "label": "SGD"}, {"value": "Adam", "label": "Adam"}],
                    "answer": {"lab": "optimizers", "argmin": "racers", "by": "reached", "name": "name"},
                    "hint": "Watch the paths."}}
  ]})";

}  // namespace

TEST_CASE("lesson: parses steps, state with the lab first, marks and checkpoints") {
    ll::Lesson l;
    REQUIRE(ll::parse_lesson(parse(kLesson), l).is_ok());
    CHECK(l.id == "conv-size");
    CHECK(l.title.in(true) == "출력 크기");
    REQUIRE(l.steps.size() == 3);
    const ll::LessonStep& s = l.steps[0];
    REQUIRE(s.state.size() == 4);
    CHECK(s.state[0] == std::make_pair(std::string("lab"), std::string("arithmetic")));
    CHECK(s.state[1] == std::make_pair(std::string("k"), std::string("5")));
    CHECK(s.state[3] == std::make_pair(std::string("bias"), std::string("1")));
    CHECK(s.highlight == std::vector<std::string>{"k"});
    CHECK(s.lock == std::vector<std::string>{"s"});
    CHECK_FALSE(s.has_checkpoint);
    // A plain string is the English text, and Korean falls back to it.
    CHECK(l.steps[1].title.in(true) == "Predict");
    CHECK(l.steps[1].checkpoint.hint_highlight == std::vector<std::string>{"p"});
    CHECK(l.steps[2].checkpoint.options.size() == 2);
}

TEST_CASE("lesson: errors name the step and the key") {
    struct Case { const char* text; const char* message; };
    const Case cases[] = {
        {R"({"title": "x", "steps": []})", "id is missing"},
        {R"({"id": "Bad Id", "title": "x", "steps": [{}]})", "may hold only"},
        {R"({"id": "a", "title": "x", "steps": []})", "steps is missing or empty"},
        {R"({"id": "a", "title": "x", "steps": [{"title": "t"}]})", "step 1: text is missing"},
        {R"({"id": "a", "title": "x", "steps": [{"title": "t", "text": "u"}, {"title": "t", "text": "u", "state": {"k": [1]}}]})",
         "step 2: state.k: must be a string"},
        {R"({"id": "a", "title": "x", "steps": [{"title": "t", "text": "u", "checkpoint": {"kind": "guess"}}]})",
         "step 1: checkpoint: kind must be"},
        {R"({"id": "a", "title": "x", "steps": [{"title": "t", "text": "u", "checkpoint": {"kind": "number", "prompt": "p", "hint": "h"}}]})",
         "checkpoint: answer is missing"},
        {R"({"id": "a", "title": "x", "steps": [{"title": "t", "text": "u", "checkpoint": {"kind": "number", "prompt": "p", "hint": "h", "answer": {"lab": "x"}}}]})",
         "answer: give exactly one of"},
        {R"({"id": "a", "title": "x", "steps": [{"title": "t", "text": "u", "checkpoint": {"kind": "choice", "prompt": "p", "hint": "h", "answer": {"lab": "x", "path": "y"}, "options": [{"value": "a", "label": "A"}]}}]})",
         "at least two options"},
        {R"({"id": "a", "title": "x", "steps": [{"title": "t", "text": "u", "checkpoint": {"kind": "number", "prompt": "p", "hint": "h", "answer": {"lab": "x", "argmin": "r"}}}]})",
         "needs \"by\" and \"name\""},
    };
    for (const Case& c : cases) {
        ll::Lesson l;
        const ll::Status st = ll::parse_lesson(parse(c.text), l);
        INFO(c.text);
        REQUIRE_FALSE(st.is_ok());
        CHECK_MESSAGE(st.message().find(c.message) != std::string::npos, st.message());
    }
}

TEST_CASE("lesson: the JSON round trip keeps every field") {
    ll::Lesson a, b;
    REQUIRE(ll::parse_lesson(parse(kLesson), a).is_ok());
    REQUIRE(ll::parse_lesson(ll::lesson_to_json(a), b).is_ok());
    CHECK(ll::lesson_to_json(a).dump() == ll::lesson_to_json(b).dump());
    CHECK(b.steps[0].state == a.steps[0].state);
    CHECK(b.steps[2].checkpoint.answer.argmin == "racers");
    CHECK(b.steps[1].checkpoint.hint.in(true) == "공식을 쓰세요.");
}

TEST_CASE("lesson: json_at follows keys and indices") {
    const ll::Json j = parse(R"({"a": {"b": [10, {"c": "x"}]}})");
    REQUIRE(ll::json_at(j, "a.b.0"));
    CHECK(ll::json_at(j, "a.b.0")->as_number() == 10);
    CHECK(ll::json_at(j, "a.b.1.c")->as_string() == "x");
    CHECK(ll::json_at(j, "a.b.2") == nullptr);
    CHECK(ll::json_at(j, "a.x") == nullptr);
    CHECK(ll::json_at(j, "a.b.0.c") == nullptr);
}

TEST_CASE("lesson: a checkpoint's answer follows the live report") {
    ll::Lesson l;
    REQUIRE(ll::parse_lesson(parse(kLesson), l).is_ok());
    const ll::Checkpoint& size = l.steps[1].checkpoint;
    ll::Json reports = parse(R"({"arithmetic": {"output": {"h": 16}}})");
    CHECK(ll::check_answer(size, ll::Json::number(16), reports).correct);
    CHECK(ll::check_answer(size, ll::Json::string(" 16 "), reports).correct);  // typed with blanks around
    CHECK_FALSE(ll::check_answer(size, ll::Json::string("16px"), reports).correct);
    CHECK_FALSE(ll::check_answer(size, ll::Json::number(32), reports).correct);
    CHECK_FALSE(ll::check_answer(size, ll::Json::string("abc"), reports).correct);
    // The same question once the lab shows another convolution.
    reports = parse(R"({"arithmetic": {"output": {"h": 32}}})");
    CHECK(ll::check_answer(size, ll::Json::number(32), reports).correct);
    CHECK_FALSE(ll::check_answer(size, ll::Json::number(16), reports).correct);
    // No value yet (the lab has not computed it): pending, never "wrong".
    const ll::Verdict pending = ll::check_answer(size, ll::Json::number(32), parse(R"({"arithmetic": {"output": null}})"));
    CHECK(pending.pending);
    CHECK_FALSE(pending.correct);

    const ll::Checkpoint& race = l.steps[2].checkpoint;
    reports = parse(R"({"optimizers": {"racers": [{"name": "SGD", "reached": 120}, {"name": "Adam", "reached": 40},
                                                  {"name": "RMSprop", "reached": null}]}})");
    CHECK(ll::expected_answer(race.answer, reports).as_string() == "Adam");
    CHECK(ll::check_answer(race, ll::Json::string("Adam"), reports).correct);
    CHECK_FALSE(ll::check_answer(race, ll::Json::string("SGD"), reports).correct);
    reports = parse(R"({"optimizers": {"racers": [{"name": "SGD", "reached": 12}, {"name": "Adam", "reached": 40}]}})");
    CHECK(ll::check_answer(race, ll::Json::string("SGD"), reports).correct);
}

TEST_CASE("lesson: differ answers yes or no, with float noise read as no") {
    ll::Checkpoint cp;
    cp.kind = "choice";
    cp.answer.lab = "normalization";
    cp.answer.differ = {"train_eval.train_out", "train_eval.eval_out"};
    ll::Json r = parse(R"({"normalization": {"train_eval": {"train_out": 0.5, "eval_out": 0.25}}})");
    CHECK(ll::expected_answer(cp.answer, r).as_string() == "yes");
    r = parse(R"({"normalization": {"train_eval": {"train_out": 0.5, "eval_out": 0.5000000001}}})");
    CHECK(ll::expected_answer(cp.answer, r).as_string() == "no");
    CHECK(ll::check_answer(cp, ll::Json::string("no"), r).correct);
    CHECK(ll::expected_answer(cp.answer, parse(R"({"normalization": {}})")).is_null());
}

TEST_CASE("lesson: number tolerance, absolute and relative") {
    ll::Checkpoint cp;
    cp.kind = "number";
    cp.answer.lab = "x";
    cp.answer.path = "v";
    cp.tolerance = 0.01;
    const ll::Json r = parse(R"({"x": {"v": 2.345}})");
    CHECK(ll::check_answer(cp, ll::Json::string("2.34"), r).correct);
    CHECK_FALSE(ll::check_answer(cp, ll::Json::string("2.3"), r).correct);
    cp.tolerance = 0.0;
    cp.rel = 0.05;
    CHECK(ll::check_answer(cp, ll::Json::number(2.3), r).correct);
    CHECK_FALSE(ll::check_answer(cp, ll::Json::number(2.0), r).correct);
}
