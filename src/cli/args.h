// Command-line flags: `--name value`, `--name=value` and boolean `--name`. Every flag a command does
// not read is reported as unknown, so a typo never silently falls back to a default.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/status.h"

namespace llcli {

class Args {
public:
    // bool_flags: flags that take no value (e.g. "nesterov", "no-shuffle", "json").
    Args(int argc, char** argv, int first, const std::set<std::string>& bool_flags);

    const std::vector<std::string>& positional() const { return positional_; }
    bool flag(const std::string& name);
    bool has(const std::string& name) const { return values_.count(name) != 0; }
    std::string str(const std::string& name, const std::string& def = "");
    // Numbers are validated; a malformed one records an error returned by finish().
    int integer(const std::string& name, int def, int min_value = 0);
    float number(const std::string& name, float def);
    std::vector<float> numbers(const std::string& name, size_t count);  // "0.9,0.999"
    void require(const std::string& name);
    // First error: a malformed value, a missing required flag or an unknown flag.
    ll::Status finish() const;

private:
    void fail(const std::string& msg) { if (error_.empty()) error_ = msg; }
    std::vector<std::string> positional_;
    std::map<std::string, std::string> values_;
    std::set<std::string> used_;
    std::set<std::string> no_value_;  // given without a value (last, or followed by another flag)
    std::string error_;
};

// Parses a whole float ("0.01", "1e-3"); false if anything else.
bool parse_float(const std::string& s, float& out);

}  // namespace llcli
