#include "engine/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

namespace ll {

bool Json::is_int() const {
    return kind_ == Kind::Number && std::floor(num_) == num_ && std::fabs(num_) < 2147483647.0;
}

const Json* Json::find(const std::string& key) const {
    for (const auto& m : members_)
        if (m.first == key) return &m.second;
    return nullptr;
}

Json& Json::set(const std::string& key, Json v) {
    for (auto& m : members_)
        if (m.first == key) { m.second = std::move(v); return m.second; }
    members_.emplace_back(key, std::move(v));
    return members_.back().second;
}

Json& Json::add_new(std::string key, Json v) {
    members_.emplace_back(std::move(key), std::move(v));
    return members_.back().second;
}

bool Json::erase(const std::string& key) {
    for (size_t i = 0; i < members_.size(); ++i)
        if (members_[i].first == key) { members_.erase(members_.begin() + long(i)); return true; }
    return false;
}

const char* json_kind_name(Json::Kind k) {
    switch (k) {
        case Json::Kind::Null: return "null";
        case Json::Kind::Bool: return "a boolean";
        case Json::Kind::Number: return "a number";
        case Json::Kind::String: return "a string";
        case Json::Kind::Array: return "a list";
        case Json::Kind::Object: return "an object";
    }
    return "?";
}

// ---- Writer ----

static void dump_string(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += char(c);
                }
        }
    }
    out += '"';
}

static void dump_number(std::string& out, double v, bool exact) {
    char buf[40];
    if (std::floor(v) == v && std::fabs(v) < 1e15) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
    } else if (exact) {
        for (int digits = 15; digits <= 17; ++digits) {  // the shortest that reads back as v
            std::snprintf(buf, sizeof buf, "%.*g", digits, v);
            if (std::strtod(buf, nullptr) == v) break;
        }
    } else {
        std::snprintf(buf, sizeof buf, "%.9g", v);
    }
    out += buf;
}

void Json::dump_to(std::string& out, int indent, int depth) const {
    auto newline = [&](int d) {
        if (indent < 0) return;
        out += '\n';
        out.append(size_t(indent * d), ' ');
    };
    switch (kind_) {
        case Kind::Null: out += "null"; break;
        case Kind::Bool: out += b_ ? "true" : "false"; break;
        case Kind::Number: dump_number(out, num_, exact_); break;
        case Kind::String: dump_string(out, str_); break;
        case Kind::Array: {
            // Arrays of scalars stay on one line: shapes and sizes read best that way.
            bool flat = true;
            for (const Json& it : items_) flat = flat && !it.is_array() && !it.is_object();
            out += '[';
            for (size_t i = 0; i < items_.size(); ++i) {
                if (i) out += flat || indent < 0 ? (indent < 0 ? "," : ", ") : ",";
                if (!flat) newline(depth + 1);
                items_[i].dump_to(out, indent, depth + 1);
            }
            if (!flat && !items_.empty()) newline(depth);
            out += ']';
            break;
        }
        case Kind::Object: {
            out += '{';
            for (size_t i = 0; i < members_.size(); ++i) {
                if (i) out += (indent < 0 || depth == 0) ? "," : ", ";
                if (depth == 0) newline(depth + 1);
                dump_string(out, members_[i].first);
                out += indent < 0 ? ":" : ": ";
                members_[i].second.dump_to(out, indent, depth + 1);
            }
            if (depth == 0 && !members_.empty()) newline(depth);
            out += '}';
            break;
        }
    }
}

std::string Json::dump(int indent) const {
    std::string out;
    dump_to(out, indent, 0);
    return out;
}

// ---- Parser ----

namespace {

struct Parser {
    const std::string& s;
    size_t i = 0;
    std::string error;
    int depth = 0;

    bool fail(const std::string& what) {
        if (error.empty()) {
            int line = 1, col = 1;
            for (size_t k = 0; k < i && k < s.size(); ++k) {
                if (s[k] == '\n') { ++line; col = 1; } else { ++col; }
            }
            error = what + " at line " + std::to_string(line) + ", column " + std::to_string(col);
        }
        return false;
    }
    void skip_ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
    }
    bool literal(const char* word, Json v, Json& out) {
        size_t n = std::strlen(word);
        if (s.compare(i, n, word) != 0) return fail("unexpected text");
        i += n;
        out = std::move(v);
        return true;
    }
    static void put_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) out += char(cp);
        else if (cp < 0x800) { out += char(0xC0 | (cp >> 6)); out += char(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18)); out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
        }
    }
    bool hex4(unsigned& v) {
        if (i + 4 > s.size()) return fail("truncated \\u escape");
        v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s[i++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f') v |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= unsigned(c - 'A' + 10);
            else return fail("bad \\u escape");
        }
        return true;
    }
    bool string(std::string& out) {
        ++i;  // opening quote
        while (true) {
            if (i >= s.size()) return fail("unterminated string");
            char c = s[i++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
            if (c != '\\') { out += c; continue; }
            if (i >= s.size()) return fail("unterminated string");
            char e = s[i++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
                        i += 2;
                        unsigned lo = 0;
                        if (!hex4(lo)) return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    put_utf8(out, cp);
                    break;
                }
                default: --i; return fail("bad escape in string");
            }
        }
    }
    bool digit() const { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }
    // RFC 8259's grammar, -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, checked before strtod (which
    // would also take "1.", "01" or "1e"): a file the page's JSON.parse refuses is refused here too.
    bool number(Json& out) {
        const size_t start = i;
        if (s[i] == '-') ++i;
        if (!digit()) { i = start; return fail("bad number"); }
        if (s[i] == '0') ++i;
        else while (digit()) ++i;
        if (i < s.size() && s[i] == '.') {
            ++i;
            if (!digit()) { i = start; return fail("bad number"); }
            while (digit()) ++i;
        }
        if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
            ++i;
            if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
            if (!digit()) { i = start; return fail("bad number"); }
            while (digit()) ++i;
        }
        std::string tok = s.substr(start, i - start);
        char* end = nullptr;
        double v = std::strtod(tok.c_str(), &end);
        if (end != tok.c_str() + tok.size()) { i = start; return fail("bad number"); }
        out = Json::number(v);
        return true;
    }
    bool value(Json& out) {
        if (++depth > 200) return fail("nesting too deep");
        skip_ws();
        if (i >= s.size()) return fail("unexpected end of file");
        bool ok;
        char c = s[i];
        if (c == '{') ok = object(out);
        else if (c == '[') ok = array(out);
        else if (c == '"') { std::string str; ok = string(str); out = Json::string(std::move(str)); }
        else if (c == 't') ok = literal("true", Json::boolean(true), out);
        else if (c == 'f') ok = literal("false", Json::boolean(false), out);
        else if (c == 'n') ok = literal("null", Json(), out);
        else if (c == '-' || (c >= '0' && c <= '9')) ok = number(out);
        else ok = fail(std::string("unexpected character '") + c + "'");
        --depth;
        return ok;
    }
    bool array(Json& out) {
        ++i;
        out = Json::array();
        skip_ws();
        if (i < s.size() && s[i] == ']') { ++i; return true; }
        while (true) {
            Json item;
            if (!value(item)) return false;
            out.push(std::move(item));
            skip_ws();
            if (i >= s.size()) return fail("unterminated list");
            if (s[i] == ',') { ++i; continue; }
            if (s[i] == ']') { ++i; return true; }
            return fail("expected ',' or ']'");
        }
    }
    bool object(Json& out) {
        ++i;
        out = Json::object();
        skip_ws();
        if (i < s.size() && s[i] == '}') { ++i; return true; }
        std::unordered_set<std::string> seen;  // duplicate keys in linear time
        while (true) {
            skip_ws();
            if (i >= s.size() || s[i] != '"') return fail("expected a quoted key");
            const size_t key_at = i;
            std::string key;
            if (!string(key)) return false;
            skip_ws();
            if (i >= s.size() || s[i] != ':') return fail("expected ':'");
            ++i;
            Json v;
            if (!value(v)) return false;
            if (!seen.insert(key).second) {
                i = key_at;  // the message points at the repeated key, not at the end of its value
                return fail("duplicate key \"" + key + "\"");
            }
            out.add_new(std::move(key), std::move(v));
            skip_ws();
            if (i >= s.size()) return fail("unterminated object");
            if (s[i] == ',') { ++i; continue; }
            if (s[i] == '}') { ++i; return true; }
            return fail("expected ',' or '}'");
        }
    }
};

}  // namespace

Status parse_json(const std::string& text, Json& out) {
    Parser p{text, 0, std::string(), 0};
    if (!p.value(out)) return Status::error("invalid JSON: " + p.error);
    p.skip_ws();
    if (p.i != text.size()) { p.fail("unexpected text after the JSON value"); return Status::error("invalid JSON: " + p.error); }
    return Status::ok();
}

}  // namespace ll
