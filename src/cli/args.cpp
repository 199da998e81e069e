#include "cli/args.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace llcli {

bool parse_float(const std::string& s, float& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || errno != 0 || !std::isfinite(v)) return false;
    out = float(v);
    return true;
}

Args::Args(int argc, char** argv, int first, const std::set<std::string>& bool_flags) {
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
            std::string name = a.substr(2), value;
            const size_t eq = name.find('=');
            if (eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            } else if (bool_flags.count(name)) {
                value = "1";
            } else if (i + 1 < argc && std::strncmp(argv[i + 1], "--", 2) != 0) {
                value = argv[++i];
            } else {
                // Never swallow the next flag as this one's value: "--bogus --out x" must report
                // --bogus, not a missing --out. Whether the flag exists is known only in finish().
                no_value_.insert(name);
                continue;
            }
            if (values_.count(name)) fail("--" + name + " is given twice");
            values_[name] = value;
        } else {
            positional_.push_back(a);
        }
    }
}

bool Args::flag(const std::string& name) {
    used_.insert(name);
    return values_.count(name) != 0;
}

std::string Args::str(const std::string& name, const std::string& def) {
    used_.insert(name);
    auto it = values_.find(name);
    return it == values_.end() ? def : it->second;
}

int Args::integer(const std::string& name, int def, int min_value) {
    used_.insert(name);
    auto it = values_.find(name);
    if (it == values_.end()) return def;
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(it->second.c_str(), &end, 10);
    if (it->second.empty() || end != it->second.c_str() + it->second.size() || errno != 0 || v < min_value ||
        v > 1000000000L) {
        fail("--" + name + " must be a whole number of at least " + std::to_string(min_value) + ", got '" + it->second + "'");
        return def;
    }
    return int(v);
}

float Args::number(const std::string& name, float def) {
    used_.insert(name);
    auto it = values_.find(name);
    if (it == values_.end()) return def;
    float v;
    if (!parse_float(it->second, v)) {
        fail("--" + name + " must be a number, got '" + it->second + "'");
        return def;
    }
    return v;
}

std::vector<float> Args::numbers(const std::string& name, size_t count) {
    used_.insert(name);
    std::vector<float> out;
    auto it = values_.find(name);
    if (it == values_.end()) return out;
    size_t start = 0;
    const std::string& s = it->second;
    while (start <= s.size()) {
        size_t comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        float v;
        if (!parse_float(s.substr(start, comma - start), v)) break;
        out.push_back(v);
        start = comma + 1;
    }
    if (out.size() != count) {
        fail("--" + name + " must be " + std::to_string(count) + " numbers separated by commas, got '" + s + "'");
        out.clear();
    }
    return out;
}

void Args::require(const std::string& name) {
    used_.insert(name);
    if (!values_.count(name)) fail("--" + name + " is required");
}

ll::Status Args::finish() const {
    // An unknown flag first: a typo (--ot for --out) explains the "--out is required" that follows it.
    for (const auto& kv : values_)
        if (!used_.count(kv.first)) return ll::Status::error("unknown option --" + kv.first);
    for (const std::string& name : no_value_) {
        if (!used_.count(name)) return ll::Status::error("unknown option --" + name);
        return ll::Status::error("--" + name + " needs a value");
    }
    if (!error_.empty()) return ll::Status::error(error_);
    return ll::Status::ok();
}

}  // namespace llcli
