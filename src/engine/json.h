// A small JSON value, parser and writer: enough for model descriptions and safetensors headers.
// Objects keep their keys in file order (a model file written back reads the same as it was written).
// Numbers are doubles; 64-bit offsets in safetensors headers stay exact below 2^53.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/status.h"

namespace ll {

class Json {
public:
    enum class Kind { Null, Bool, Number, String, Array, Object };

    Json() = default;
    static Json boolean(bool b) { Json j; j.kind_ = Kind::Bool; j.b_ = b; return j; }
    static Json number(double v) { Json j; j.kind_ = Kind::Number; j.num_ = v; return j; }
    // A number written with the digits that read back as the same double (number() writes 9 significant
    // digits, enough for a float): for figures compared to the bit, e.g. the Detection lab's APs.
    static Json exact(double v) { Json j = number(v); j.exact_ = true; return j; }
    static Json string(std::string s) { Json j; j.kind_ = Kind::String; j.str_ = std::move(s); return j; }
    static Json array() { Json j; j.kind_ = Kind::Array; return j; }
    static Json object() { Json j; j.kind_ = Kind::Object; return j; }

    Kind kind() const { return kind_; }
    bool is_null() const { return kind_ == Kind::Null; }
    bool is_bool() const { return kind_ == Kind::Bool; }
    bool is_number() const { return kind_ == Kind::Number; }
    bool is_string() const { return kind_ == Kind::String; }
    bool is_array() const { return kind_ == Kind::Array; }
    bool is_object() const { return kind_ == Kind::Object; }
    // True for numbers with no fractional part that fit an int.
    bool is_int() const;

    bool as_bool() const { return b_; }
    double as_number() const { return num_; }
    int as_int() const { return int(num_); }
    const std::string& as_string() const { return str_; }

    // Arrays
    size_t size() const { return kind_ == Kind::Object ? members_.size() : items_.size(); }
    const Json& operator[](size_t i) const { return items_[i]; }
    const std::vector<Json>& items() const { return items_; }
    Json& push(Json v) { items_.push_back(std::move(v)); return items_.back(); }

    // Objects
    const Json* find(const std::string& key) const;
    Json& set(const std::string& key, Json v);  // replaces an existing key in place
    // Appends without looking for the key, for callers that know it is new (the parser, which checks
    // duplicates with a hash set: set() would make a 200,000-key object quadratic).
    Json& add_new(std::string key, Json v);
    bool erase(const std::string& key);
    const std::vector<std::pair<std::string, Json>>& members() const { return members_; }

    std::string dump(int indent = -1) const;  // indent < 0: compact

private:
    void dump_to(std::string& out, int indent, int depth) const;
    Kind kind_ = Kind::Null;
    bool b_ = false;
    double num_ = 0.0;
    bool exact_ = false;
    std::string str_;
    std::vector<Json> items_;
    std::vector<std::pair<std::string, Json>> members_;
};

// Parses text; on failure the message gives the line and column.
Status parse_json(const std::string& text, Json& out);

const char* json_kind_name(Json::Kind k);

}  // namespace ll
