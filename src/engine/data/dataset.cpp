// IDX readers (MNIST / Fashion-MNIST format), Fashion-MNIST from its Debian package, dataset slices.
// IDX (yann.lecun.com/exdb/mnist): magic 00 00 <type> <ndim>, ndim big-endian uint32 sizes, then the
// elements row-major. Only type 0x08 (unsigned byte) is used by these datasets.
#include "engine/data/dataset.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "engine/data/inflate.h"
#include "engine/io.h"

namespace ll {

namespace {

// Decompresses bytes in place when they start with the gzip magic (whatever the file's name says).
Status maybe_gunzip(const std::string& label, std::string& bytes) {
    if (!is_gzip(bytes)) return Status::ok();
    std::string raw;
    raw.swap(bytes);
    return gunzip(raw, bytes).with_context(label + ": ");
}

uint32_t load_be32(const uint8_t* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

// Checks an unsigned-byte IDX file of ndim dimensions and returns its sizes; the elements start at
// byte 4 + 4 * ndim and must fill the rest of the file exactly.
Status parse_idx(const std::string& path, const std::string& bytes, int ndim, std::vector<int>& dims) {
    const uint8_t* p = reinterpret_cast<const uint8_t*>(bytes.data());
    const size_t header = 4 + 4 * size_t(ndim);
    const char* what = ndim == 3 ? "an images file (idx3-ubyte)" : "a labels file (idx1-ubyte)";
    if (bytes.size() < 4 || p[0] != 0 || p[1] != 0) {
        char found[40] = "fewer than 4 bytes";
        if (bytes.size() >= 4) std::snprintf(found, sizeof found, "%02x %02x %02x %02x", p[0], p[1], p[2], p[3]);
        return Status::error(path + ": bad magic: not an IDX file (expected 00 00 08 0" + std::to_string(ndim) +
                             " for " + what + ", found " + found + ")");
    }
    if (p[2] != 0x08)
        return Status::error(path + ": bad magic: IDX element type " + std::to_string(p[2]) +
                             " is not unsigned bytes (8)");
    if (p[3] != ndim)
        return Status::error(path + ": bad magic: the IDX file has " + std::to_string(p[3]) +
                             " dimensions, expected " + std::to_string(ndim) + " for " + what);
    if (bytes.size() < header) return Status::error(path + ": truncated: the file ends inside the IDX header");
    dims.assign(size_t(ndim), 0);
    const size_t available = bytes.size() - header;
    size_t count = 1;
    bool too_big = false;
    for (int i = 0; i < ndim; ++i) {
        const uint32_t d = load_be32(p + 4 + 4 * i);
        if (d > 0x7FFFFFFFu) return Status::error(path + ": dimension " + std::to_string(d) + " is too large");
        dims[size_t(i)] = int(d);
        if (d != 0 && count > available / d) too_big = true;  // more than the file holds (and no overflow)
        else count *= d;
    }
    if (too_big || count > available) {
        std::string sizes;
        for (int d : dims) sizes += (sizes.empty() ? "" : "x") + std::to_string(d);
        return Status::error(path + ": truncated: the header promises " + sizes + " bytes of data but the file holds " +
                             std::to_string(available));
    }
    if (count < available)
        return Status::error(path + ": " + std::to_string(available - count) +
                             " unexpected bytes after the data (count mismatch with the header)");
    return Status::ok();
}

std::vector<std::string> digit_names(int n) {
    std::vector<std::string> names;
    for (int i = 0; i < n; ++i) names.push_back(std::to_string(i));
    return names;
}

bool file_exists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

// The first existing name among the IDX naming styles, for one split ("train" / "t10k") and kind.
Status find_idx_file(const std::string& dir, const std::string& prefix, const std::string& kind, int ndim,
                     std::string& path) {
    const std::string idx = "idx" + std::to_string(ndim) + "-ubyte";
    const std::string names[] = {prefix + "-" + kind + "-" + idx, prefix + "-" + kind + "." + idx};
    for (const std::string& name : names) {
        for (const char* ext : {"", ".gz"}) {
            path = dir + "/" + name + ext;
            if (file_exists(path)) return Status::ok();
        }
    }
    return Status::error(dir + ": no " + kind + " file for this split (looked for " + names[0] + "[.gz] and " +
                         names[1] + "[.gz])");
}

Status split_prefix(const std::string& split, std::string& prefix) {
    if (split == "train") prefix = "train";
    else if (split == "test") prefix = "t10k";
    else return Status::error("unknown dataset split \"" + split + "\": use \"train\" or \"test\"");
    return Status::ok();
}

}  // namespace

// Builds into a fresh Dataset and moves it into out at the end: a failed load leaves out as it was.
Status load_idx_bytes(const std::string& images_label, std::string images, const std::string& labels_label,
                      std::string labels, Dataset& result) {
    Dataset out;
    std::vector<int> idims, ldims;
    LL_TRY(maybe_gunzip(labels_label, labels));
    LL_TRY(parse_idx(labels_label, labels, 1, ldims));
    const uint8_t* lp = reinterpret_cast<const uint8_t*>(labels.data()) + 8;
    out.labels.assign(lp, lp + ldims[0]);
    const int max_label = out.labels.empty() ? -1 : int(*std::max_element(out.labels.begin(), out.labels.end()));

    LL_TRY(maybe_gunzip(images_label, images));
    LL_TRY(parse_idx(images_label, images, 3, idims));
    if (idims[0] != ldims[0])
        return Status::error(images_label + " has " + std::to_string(idims[0]) + " images but " + labels_label +
                             " has " + std::to_string(ldims[0]) + " labels (count mismatch: are they from the same split?)");
    // A 256-entry table: the same float32 division as torchvision's ToTensor, without one per pixel.
    float lut[256];
    for (int b = 0; b < 256; ++b) lut[b] = float(b) / 255.0f;
    out.images.resize({idims[0], 1, idims[1], idims[2]});  // (N, 1, H, W)
    const uint8_t* src = reinterpret_cast<const uint8_t*>(images.data()) + 16;
    float* dst = out.images.data();
    for (size_t i = 0, n = out.images.numel(); i < n; ++i) dst[i] = lut[src[i]];
    out.class_names = digit_names(max_label + 1);
    result = std::move(out);
    return Status::ok();
}

Status load_idx_pair(const std::string& images_path, const std::string& labels_path, Dataset& result) {
    std::string images, labels;
    LL_TRY(read_file(labels_path, labels));
    LL_TRY(read_file(images_path, images));
    return load_idx_bytes(images_path, std::move(images), labels_path, std::move(labels), result);
}

namespace {

// load_idx_dir, with a hint appended to a missing-file error (how to get the data).
Status load_idx_dir_hinted(const std::string& dir, const std::string& split, Dataset& out, const std::string& hint) {
    std::string prefix, images, labels;
    LL_TRY(split_prefix(split, prefix));
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return Status::error(dir + ": the folder does not exist" + hint);
    Status st = find_idx_file(dir, prefix, "images", 3, images);
    if (st) st = find_idx_file(dir, prefix, "labels", 1, labels);
    if (!st) return Status::error(st.message() + hint);
    return load_idx_pair(images, labels, out);
}

}  // namespace

Status load_idx_dir(const std::string& dir, const std::string& split, Dataset& out) {
    return load_idx_dir_hinted(dir, split, out, "");
}

const std::vector<std::string>& fashion_mnist_classes() {
    static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                   "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

Status load_fashion_mnist(const std::string& split, Dataset& result, const std::string& dir) {
    const std::string hint =
        "; install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or pass --data DIR";
    Dataset out;
    LL_TRY(load_idx_dir_hinted(dir, split, out, hint).with_context("Fashion-MNIST: "));
    const auto& names = fashion_mnist_classes();
    for (int64_t y : out.labels)
        if (y >= int64_t(names.size()))
            return Status::error("Fashion-MNIST: " + dir + ": label " + std::to_string(y) +
                                 " is not one of the 10 classes (is this folder Fashion-MNIST?)");
    out.class_names = names;
    result = std::move(out);
    return Status::ok();
}

void dataset_slice(const Dataset& in, int begin, int count, Dataset& out) {
    LL_ASSERT(&in != &out, "dataset_slice: in and out must be different datasets");
    LL_ASSERT(begin >= 0 && count >= 0 && begin + count <= in.size(), "dataset_slice: rows out of range");
    LL_ASSERT(in.images.ndim() >= 1 && in.images.dim(0) == in.size(), "dataset_slice: images and labels disagree");
    Shape shape = in.images.shape();
    shape[0] = count;
    size_t row = 1;  // floats per sample: C * H * W
    for (size_t i = 1; i < shape.size(); ++i) row *= size_t(shape[i]);
    out.images.resize(shape);  // (count, C, H, W)
    if (count > 0) std::memcpy(out.images.data(), in.images.data() + size_t(begin) * row, size_t(count) * row * sizeof(float));
    out.labels.assign(in.labels.begin() + begin, in.labels.begin() + begin + count);
    out.class_names = in.class_names;
}

}  // namespace ll
