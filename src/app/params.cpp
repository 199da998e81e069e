// Params: key=value pairs with percent-encoding, for the URL hash and local storage.
#include "app/params.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ll::app {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += char(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else if (s[i] == '+') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string encode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           c == '-' || c == '_' || c == '.' || c == '~';
        if (plain) {
            out += char(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

}  // namespace

Params Params::parse(const std::string& text) {
    Params p;
    size_t start = (!text.empty() && text[0] == '#') ? 1 : 0;
    while (start < text.size()) {
        size_t end = text.find('&', start);
        if (end == std::string::npos) end = text.size();
        const std::string part = text.substr(start, end - start);
        const size_t eq = part.find('=');
        if (eq != std::string::npos && eq > 0) p.set(decode(part.substr(0, eq)), decode(part.substr(eq + 1)));
        start = end + 1;
    }
    return p;
}

Params Params::from_json(const Json& obj) {
    Params p;
    if (!obj.is_object()) return p;
    for (const auto& m : obj.members()) {
        const Json& v = m.second;
        if (v.is_bool()) {
            p.set_bool(m.first, v.as_bool());
        } else if (v.is_number()) {
            const double d = v.as_number();
            char buf[32];
            if (d == std::floor(d) && std::fabs(d) < 1e9) std::snprintf(buf, sizeof buf, "%d", int(d));
            else std::snprintf(buf, sizeof buf, "%.9g", d);
            p.set(m.first, buf);
        } else if (v.is_string()) {
            p.set(m.first, v.as_string());
        }
    }
    return p;
}

std::string Params::format() const {
    std::string out;
    for (const auto& kv : items_) {
        if (!out.empty()) out += '&';
        out += encode(kv.first) + "=" + encode(kv.second);
    }
    return out;
}

void Params::set(const std::string& key, const std::string& value) {
    for (auto& kv : items_) {
        if (kv.first == key) { kv.second = value; return; }
    }
    items_.emplace_back(key, value);
}

const std::string* Params::find(const std::string& key) const {
    for (const auto& kv : items_) {
        if (kv.first == key) return &kv.second;
    }
    return nullptr;
}

bool Params::get_int(const std::string& key, int& v, int lo, int hi) const {
    const std::string* s = find(key);
    if (!s || s->empty()) return false;
    char* end = nullptr;
    const long x = std::strtol(s->c_str(), &end, 10);
    if (*end != '\0') return false;
    v = int(x < lo ? lo : (x > hi ? hi : x));
    return true;
}

bool Params::get_bool(const std::string& key, bool& v) const {
    const std::string* s = find(key);
    if (!s) return false;
    if (*s == "1" || *s == "true") { v = true; return true; }
    if (*s == "0" || *s == "false") { v = false; return true; }
    return false;
}

bool Params::get_float(const std::string& key, float& v, float lo, float hi) const {
    const std::string* s = find(key);
    if (!s || s->empty()) return false;
    char* end = nullptr;
    const float x = std::strtof(s->c_str(), &end);
    if (*end != '\0' || !std::isfinite(x)) return false;
    v = x < lo ? lo : (x > hi ? hi : x);
    return true;
}

}  // namespace ll::app
