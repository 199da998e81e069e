// Whole-file reads and writes: the only place the engine touches the file system for a caller (who
// always names the path). Reads refuse what is not a regular file and what passes a size limit, before
// reading, so a folder, /dev/zero or a 40 GB file is an error naming the path, not an abort.
#include "engine/io.h"

#include <cstdio>

#include <sys/stat.h>

namespace ll {

Status read_file(const std::string& path, std::string& out, uint64_t max_bytes) {
    out.clear();
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return Status::error(path + ": cannot open the file (does it exist?)");
    // Only regular files: a folder "opens" on Linux and then fails to read, and /dev/zero or a pipe
    // never ends (reading them grew the string until std::length_error). fstat on the open file, so
    // what is checked is what is read.
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        const bool dir = fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode);
        std::fclose(f);
        return Status::error(path + (dir ? ": is a folder, not a file" : ": is not a regular file (a device, pipe or socket)"));
    }
    const uint64_t size = uint64_t(sb.st_size);
    if (size > max_bytes) {
        std::fclose(f);
        return Status::error(path + ": the file is " + std::to_string(size) + " bytes; at most " +
                             std::to_string(max_bytes) + " are read for this kind of file");
    }
    // Sized up front: a 26 MB dataset is one read, not four hundred appends.
    out.reserve(size_t(size));
    char buf[1 << 16];
    size_t n;
    // The limit holds while reading too, in case the file grows under us.
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && out.size() <= max_bytes) out.append(buf, n);
    const bool bad = std::ferror(f) != 0;
    std::fclose(f);
    if (bad) return Status::error(path + ": read error");
    if (out.size() > max_bytes) return Status::error(path + ": the file grew past " + std::to_string(max_bytes) + " bytes while it was read");
    return Status::ok();
}

Status write_file(const std::string& path, const std::string& data) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return Status::error(path + ": cannot create the file (does the folder exist?)");
    const size_t n = std::fwrite(data.data(), 1, data.size(), f);
    const bool bad = std::fclose(f) != 0 || n != data.size();
    if (bad) return Status::error(path + ": write error (disk full?)");
    return Status::ok();
}

}  // namespace ll
