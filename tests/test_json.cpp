// The JSON parser's error paths (engine/json.h): each malformed input is refused with what is wrong
// and where (line and column, counted from 1), and the edges that are valid parse as they should.
#include <string>

#include "engine/json.h"
#include "tests/test_util.h"

namespace {

std::string error_of(const std::string& text) {
    ll::Json j;
    const ll::Status st = ll::parse_json(text, j);
    return st ? std::string("(no error)") : st.message();
}

}  // namespace

TEST_CASE("json: each malformed input names what is wrong, with its line and column") {
    CHECK(error_of("") == "invalid JSON: unexpected end of file at line 1, column 1");
    CHECK(error_of("{\n  \"a\": tru\n}") == "invalid JSON: unexpected text at line 2, column 8");
    CHECK(error_of("[1, 2") == "invalid JSON: unterminated list at line 1, column 6");
    CHECK(error_of("[1 2]") == "invalid JSON: expected ',' or ']' at line 1, column 4");
    CHECK(error_of("{\"a\": 1") == "invalid JSON: unterminated object at line 1, column 8");
    CHECK(error_of("{\"a\": 1 \"b\": 2}") == "invalid JSON: expected ',' or '}' at line 1, column 9");
    CHECK(error_of("{a: 1}") == "invalid JSON: expected a quoted key at line 1, column 2");
    CHECK(error_of("{\"a\" 1}") == "invalid JSON: expected ':' at line 1, column 6");
    CHECK(error_of("{\"a\": 1, \"a\": 2}") == "invalid JSON: duplicate key \"a\" at line 1, column 10");
    CHECK(error_of("@") == "invalid JSON: unexpected character '@' at line 1, column 1");
    CHECK(error_of("1 2") == "invalid JSON: unexpected text after the JSON value at line 1, column 3");
}

TEST_CASE("json: strings: escapes, control characters and unterminated text are checked") {
    CHECK(lltest::contains(error_of("\"abc"), "unterminated string"));
    CHECK(lltest::contains(error_of("\"abc\\"), "unterminated string"));
    CHECK(lltest::contains(error_of("\"a\tb\""), "control character in string"));
    CHECK(lltest::contains(error_of("\"\\q\""), "bad escape in string"));
    CHECK(lltest::contains(error_of("\"\\u12\""), "\\u escape"));
    CHECK(lltest::contains(error_of("\"\\u12G4\""), "bad \\u escape"));
    ll::Json j;
    REQUIRE(ll::parse_json(R"("a\n\"\\\/\u00e9\u20ac")", j).is_ok());
    CHECK(j.as_string() == "a\n\"\\/\xC3\xA9\xE2\x82\xAC");  // é and € as UTF-8
}

TEST_CASE("json: numbers: malformed ones are refused, exponents and negatives parse") {
    CHECK(lltest::contains(error_of("-"), "bad number"));
    CHECK(lltest::contains(error_of("[-x]"), "bad number"));
    CHECK(error_of("[1.]") == "invalid JSON: bad number at line 1, column 2");  // strtod alone takes these
    CHECK(lltest::contains(error_of("[01]"), "expected ',' or ']'"));
    CHECK(lltest::contains(error_of("[1e]"), "bad number"));
    CHECK(lltest::contains(error_of("[1e+]"), "bad number"));
    CHECK(lltest::contains(error_of("[.5]"), "unexpected character '.'"));
    ll::Json j;
    REQUIRE(ll::parse_json("[-0.5, 2e3, 1E-2, 0, 1e+2]", j).is_ok());
    CHECK(j[0].as_number() == -0.5);
    CHECK(j[1].as_number() == 2000.0);
    CHECK(j[2].as_number() == 0.01);
    CHECK(j[3].is_int());
    CHECK(j[4].as_number() == 100.0);
    CHECK_FALSE(j[0].is_int());
}

TEST_CASE("json: nesting deeper than 200 levels is refused, 200 parse") {
    CHECK(error_of(std::string(200, '[') + std::string(200, ']')) == "(no error)");
    CHECK(lltest::contains(error_of(std::string(201, '[') + std::string(201, ']')), "nesting too deep"));
    CHECK(lltest::contains(error_of(std::string(100000, '[')), "nesting too deep"));  // no stack overflow
}

TEST_CASE("json: dump and parse round-trip, keys in file order") {
    ll::Json j;
    REQUIRE(ll::parse_json(R"({"z": [true, false, null], "a": {"s": "x\"y"}, "n": -1.25})", j).is_ok());
    ll::Json back;
    REQUIRE(ll::parse_json(j.dump(), back).is_ok());
    CHECK(back.dump() == j.dump());
    CHECK(j.members()[0].first == "z");
    CHECK(j.dump() == R"({"z":[true,false,null],"a":{"s":"x\"y"},"n":-1.25})");
}
