// Params: a lab's view state as flat key=value pairs, the form it takes in the URL hash
// ("lab=arithmetic&k=5&s=1&p=2"), in local storage and in the automation API's arguments.
// Keys keep their insertion order, so the hash reads the same way every time.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "engine/json.h"

namespace ll::app {

class Params {
public:
    // "a=1&b=x" (percent-decoding values); unknown syntax is skipped, never an error.
    static Params parse(const std::string& text);
    // Numbers, booleans and strings of a flat JSON object; nested values are skipped.
    static Params from_json(const Json& obj);
    std::string format() const;  // "a=1&b=x" (percent-encoding values)

    void set(const std::string& key, const std::string& value);
    void set_int(const std::string& key, int v) { set(key, std::to_string(v)); }
    void set_bool(const std::string& key, bool v) { set(key, v ? "1" : "0"); }
    const std::string* find(const std::string& key) const;
    bool has(const std::string& key) const { return find(key) != nullptr; }

    // Reads key into v when present and a valid whole number, clamped to [lo, hi]; returns whether read.
    bool get_int(const std::string& key, int& v, int lo, int hi) const;
    bool get_bool(const std::string& key, bool& v) const;  // 1/0, true/false
    bool get_float(const std::string& key, float& v, float lo, float hi) const;

    const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
    bool empty() const { return items_.empty(); }

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace ll::app
