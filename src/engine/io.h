// Whole files in and out, for model JSON, weights, datasets and pictures. Errors name the path.
#pragma once
#include <cstdint>
#include <string>

#include "engine/status.h"

namespace ll {

// Size limits of read_file: any file (datasets, weights, pictures), and model JSON (a model description
// is a few kilobytes; megabytes of JSON are a mistake or an attack on the parser).
constexpr uint64_t kMaxFileBytes = uint64_t(2) << 30;
constexpr uint64_t kMaxModelFileBytes = uint64_t(16) << 20;

// Reads a whole regular file of at most max_bytes; folders, devices (/dev/zero), pipes and larger files
// are errors. The error names the path.
Status read_file(const std::string& path, std::string& out, uint64_t max_bytes = kMaxFileBytes);
Status write_file(const std::string& path, const std::string& data);

}  // namespace ll
