// Status: the result of anything a user's input can make fail (a model file, a tensor file, a layer's
// arguments). The engine never prints or exits; it returns a Status whose message names the file, layer
// or key at fault, and the caller (CLI, app) decides how to show it.
// LL_ASSERT is for programmer errors only (a broken invariant), never for user input.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

namespace ll {

class [[nodiscard]] Status {
public:
    static Status ok() { return Status(); }
    static Status error(std::string message) { return Status(std::move(message)); }
    bool is_ok() const { return !failed_; }
    explicit operator bool() const { return !failed_; }
    const std::string& message() const { return message_; }
    // Prefixes context ("model.json: layer 3 (Conv2d): ") to an error; ok passes through.
    Status with_context(const std::string& prefix) const {
        return failed_ ? Status(prefix + message_) : *this;
    }

private:
    Status() = default;
    explicit Status(std::string m) : failed_(true), message_(std::move(m)) {}
    bool failed_ = false;
    std::string message_;
};

[[noreturn]] void assert_fail(const char* cond, const char* msg, const char* file, int line);

}  // namespace ll

#define LL_ASSERT(cond, msg) \
    do { if (!(cond)) ::ll::assert_fail(#cond, (msg), __FILE__, __LINE__); } while (0)

// Returns early from a function returning Status when a call fails.
#define LL_TRY(expr) \
    do { ::ll::Status ll_try_status_ = (expr); if (!ll_try_status_) return ll_try_status_; } while (0)
