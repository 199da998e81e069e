// Image decoding (stb_image v2.27 from Debian's libstb-dev, PNG/JPEG/BMP/GIF only, from memory) and the
// picture -> (1, C, H, W) conversion documented in image.h. Both builds run this same code, so the
// page and `layerlab input` give the same numbers (sums in double; the last bits may differ where the
// compilers contract multiply-adds differently, far below 1e-6).
#include "engine/data/image.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>

#include "engine/data/dataset.h"
#include "engine/data/image_check.h"

// stb_image's declarations; its code is compiled in stb_image_impl.cpp, with the flags CMakeLists.txt
// gives that file.
#include "stb_image.h"

namespace ll {

namespace {

std::string hex_start(const std::string& bytes) {
    std::string s;
    char buf[8];
    for (size_t i = 0; i < bytes.size() && i < 4; ++i) {
        std::snprintf(buf, sizeof buf, "%s%02x", i ? " " : "", unsigned(uint8_t(bytes[i])));
        s += buf;
    }
    return s;
}

// "PNG", "JPEG", "BMP", "GIF" from the magic bytes, or "" when none matches.
const char* sniff_format(const std::string& b) {
    auto at = [&](size_t i) { return i < b.size() ? uint8_t(b[i]) : 0; };
    if (at(0) == 0x89 && at(1) == 'P' && at(2) == 'N' && at(3) == 'G') return "PNG";
    if (at(0) == 0xFF && at(1) == 0xD8) return "JPEG";
    if (at(0) == 'B' && at(1) == 'M') return "BMP";
    if (at(0) == 'G' && at(1) == 'I' && at(2) == 'F' && at(3) == '8') return "GIF";
    return "";
}

uint32_t be32(const std::string& b, size_t i) {
    return uint32_t(uint8_t(b[i])) << 24 | uint32_t(uint8_t(b[i + 1])) << 16 | uint32_t(uint8_t(b[i + 2])) << 8 |
           uint32_t(uint8_t(b[i + 3]));
}
uint32_t le(const std::string& b, size_t i, int n) {
    uint32_t v = 0;
    for (int k = n - 1; k >= 0; --k) v = v << 8 | uint8_t(b[i + size_t(k)]);
    return v;
}

// Width and height from a PNG (IHDR), GIF (logical screen) or BMP (info header) header; false when
// the header is too short or the format is JPEG (stb_image reads that). Sizes are capped to int.
bool header_size(const std::string& b, const char* format, int& w, int& h) {
    auto cap = [](uint64_t v) { return int(std::min<uint64_t>(v, uint64_t(INT_MAX))); };
    const std::string f = format;
    if (f == "PNG" && b.size() >= 24 && b.compare(12, 4, "IHDR") == 0) {
        w = cap(be32(b, 16));
        h = cap(be32(b, 20));
        return true;
    }
    if (f == "GIF" && b.size() >= 10) {
        w = cap(le(b, 6, 2));
        h = cap(le(b, 8, 2));
        return true;
    }
    if (f == "BMP" && b.size() >= 26 && le(b, 14, 4) >= 40) {
        w = cap(uint64_t(std::abs(int64_t(int32_t(le(b, 18, 4))))));
        h = cap(uint64_t(std::abs(int64_t(int32_t(le(b, 22, 4))))));
        return true;
    }
    return false;
}

}  // namespace

Status decode_image(const std::string& bytes, DecodedImage& out, int64_t max_pixels) {
    const std::string limits = "LayerLab reads at most " + std::to_string(kMaxImageSide) + " pixels per side and " +
                               (max_pixels % 1000000 == 0 ? std::to_string(max_pixels / 1000000) + " million"
                                                          : std::to_string(max_pixels)) + " in all";
    out = DecodedImage();
    if (bytes.empty()) return Status::error("the file is empty (0 bytes)");
    const char* format = sniff_format(bytes);
    if (!*format)
        return Status::error("not a PNG, JPEG, BMP or GIF file (it starts with " + hex_start(bytes) + ")");
    if (bytes.size() > size_t(INT_MAX)) return Status::error("the file is larger than 2 GB");
    // Structure first: stb_image 2.27 trusts fields that a crafted file can set (image_check.h).
    const std::string f = format;
    if (f == "JPEG") LL_TRY(check_jpeg_structure(bytes));
    else if (f == "BMP") LL_TRY(check_bmp_structure(bytes));
    else if (f == "GIF") LL_TRY(check_gif_structure(bytes));
    else if (f == "PNG") LL_TRY(check_png_structure(bytes));
    std::string without_empty;
    const std::string& src = f == "PNG" && png_without_empty_idat(bytes, without_empty) ? without_empty : bytes;
    const auto* p = reinterpret_cast<const stbi_uc*>(src.data());
    const int n = int(src.size());
    int w = 0, h = 0, comp = 0;
    // The header first: a huge size is refused before anything is allocated. (stb_image's info call
    // reports only "unknown type" when a format's header fails, so PNG, GIF and BMP sizes are read
    // here; a failing header is then decoded to get stb's own reason.)
    if (!header_size(bytes, format, w, h) && !stbi_info_from_memory(p, n, &w, &h, &comp)) w = h = -1;
    if (w > kMaxImageSide || h > kMaxImageSide || int64_t(w) * h > max_pixels)
        return Status::error("the image is " + std::to_string(w) + " x " + std::to_string(h) + " pixels; " + limits);
    if (w == 0 || h == 0) return Status::error(std::string("the ") + format + " header gives no pixels");
    int dw = 0, dh = 0, dcomp = 0;
    stbi_uc* px = stbi_load_from_memory(p, n, &dw, &dh, &dcomp, 4);
    if (!px) {
        const std::string why = stbi_failure_reason();
        if (why.find("large") != std::string::npos)  // stb's own limits
            return Status::error("the image's dimensions are too large; " + limits);
        return Status::error(std::string("corrupt or truncated ") + format + " data (" + why + ")");
    }
    if (int64_t(dw) * dh > max_pixels || dw > kMaxImageSide || dh > kMaxImageSide) {
        stbi_image_free(px);
        return Status::error("the image is " + std::to_string(dw) + " x " + std::to_string(dh) + " pixels; too large");
    }
    out.width = dw;
    out.height = dh;
    out.channels_in_file = dcomp;
    out.rgba.assign(px, px + size_t(dw) * size_t(dh) * 4);
    stbi_image_free(px);
    return Status::ok();
}

// ---- Resampling ----

void resample_axis(const float* src, int n_in, int src_stride, float* dst, int n_out, int dst_stride) {
    if (n_in == n_out) {
        for (int j = 0; j < n_out; ++j) dst[size_t(j) * dst_stride] = src[size_t(j) * src_stride];
        return;
    }
    const double scale = double(n_in) / double(n_out);
    if (n_in > n_out) {
        // Area: output j averages the source over [j * scale, (j + 1) * scale).
        for (int j = 0; j < n_out; ++j) {
            const double lo = j * scale, hi = (j + 1) * scale;
            const int i_lo = int(std::floor(lo));
            const int i_hi = std::min(n_in, int(std::ceil(hi)));
            double acc = 0.0;
            for (int i = i_lo; i < i_hi; ++i) {
                const double overlap = std::min(hi, double(i + 1)) - std::max(lo, double(i));
                if (overlap > 0.0) acc += overlap * double(src[size_t(i) * src_stride]);
            }
            dst[size_t(j) * dst_stride] = float(acc / scale);
        }
        return;
    }
    // Bilinear, half-pixel centres, clamped at the borders.
    for (int j = 0; j < n_out; ++j) {
        double x = (j + 0.5) * scale - 0.5;
        x = std::min(std::max(x, 0.0), double(n_in - 1));
        const int i0 = int(std::floor(x));
        const int i1 = std::min(i0 + 1, n_in - 1);
        const double f = x - i0;
        dst[size_t(j) * dst_stride] =
            float((1.0 - f) * double(src[size_t(i0) * src_stride]) + f * double(src[size_t(i1) * src_stride]));
    }
}

Status planes_to_input(const float* src, int Cs, int h, int w, int C, int H, int W, Tensor& out) {
    if (Cs != 1 && Cs != 3) return Status::error("a picture has 1 (grey) or 3 (RGB) channels, not " + std::to_string(Cs));
    if (C != 1 && C != 3)
        return Status::error("the model's input has " + std::to_string(C) +
                             " channels; pictures become 1 (grey) or 3 (RGB) channels");
    if (h <= 0 || w <= 0) return Status::error("the picture is empty");
    if (H <= 0 || W <= 0 || int64_t(H) * W > kMaxImagePixels)
        return Status::error("the model's input size " + std::to_string(H) + " x " + std::to_string(W) + " is not usable");
    const size_t hw = size_t(h) * size_t(w);
    // Step 2: channels at the source size.
    std::vector<float> planes(size_t(C) * hw);
    for (int c = 0; c < C; ++c) {
        float* d = planes.data() + size_t(c) * hw;
        if (Cs == C) {
            std::copy(src + size_t(c) * hw, src + size_t(c + 1) * hw, d);
        } else if (Cs == 1) {  // grey -> RGB
            std::copy(src, src + hw, d);
        } else {  // RGB -> luma
            const float *r = src, *g = src + hw, *b = src + 2 * hw;
            for (size_t i = 0; i < hw; ++i)
                d[i] = float(0.299 * double(r[i]) + 0.587 * double(g[i]) + 0.114 * double(b[i]));
        }
    }
    // Step 3: width, then height.
    out = Tensor({1, C, H, W});  // (1, C, H, W)
    std::vector<float> rows(size_t(h) * size_t(W));
    for (int c = 0; c < C; ++c) {
        const float* p = planes.data() + size_t(c) * hw;
        for (int y = 0; y < h; ++y) resample_axis(p + size_t(y) * w, w, 1, rows.data() + size_t(y) * W, W, 1);
        float* o = out.data() + size_t(c) * size_t(H) * size_t(W);
        for (int x = 0; x < W; ++x) resample_axis(rows.data() + x, h, W, o + x, H, W);
    }
    return Status::ok();
}

Status image_to_input(const DecodedImage& img, int C, int H, int W, Tensor& out) {
    if (img.width <= 0 || img.height <= 0 || img.rgba.size() != size_t(img.width) * size_t(img.height) * 4)
        return Status::error("the picture is empty");
    const size_t hw = size_t(img.width) * size_t(img.height);
    const int Cs = img.grey() ? 1 : 3;
    // Step 1: [0, 1], alpha over white.
    std::vector<float> planes(size_t(Cs) * hw);
    for (size_t i = 0; i < hw; ++i) {
        const uint8_t* px = &img.rgba[i * 4];
        const double a = px[3] / 255.0;
        for (int c = 0; c < Cs; ++c) planes[size_t(c) * hw + i] = float(px[c] / 255.0 * a + (1.0 - a));
    }
    return planes_to_input(planes.data(), Cs, img.height, img.width, C, H, W, out);
}

Status image_bytes_to_input(const std::string& bytes, int C, int H, int W, Tensor& out) {
    DecodedImage img;
    LL_TRY(decode_image(bytes, img));
    return image_to_input(img, C, H, W, out);
}

// ---- Datasets ----

Status dataset_input(const Dataset& ds, int index, int C, int H, int W, Tensor& out) {
    if (ds.size() == 0 || ds.images.ndim() != 4) return Status::error("the dataset is empty");
    if (index < 0 || index >= ds.size())
        return Status::error("index " + std::to_string(index) + " is out of range (0 to " +
                             std::to_string(ds.size() - 1) + ")");
    const int Cs = ds.images.dim(1), h = ds.images.dim(2), w = ds.images.dim(3);
    const float* p = ds.images.data() + size_t(index) * size_t(Cs) * size_t(h) * size_t(w);
    return planes_to_input(p, Cs, h, w, C, H, W, out);
}

void quantize_8bit(Tensor& t) {
    for (float& v : t.values()) {
        const float c = std::min(std::max(v, 0.0f), 1.0f);
        v = float(int(std::lround(double(c) * 255.0))) / 255.0f;
    }
}

Status input_chw(const Shape& s, int& C, int& H, int& W) {
    Shape chw = s;
    if (chw.size() == 4 && chw[0] == 1) chw.erase(chw.begin());
    if (chw.size() != 3)
        return Status::error("the model's input " + shape_str(s) + " is not a picture (C, H, W)");
    C = chw[0];
    H = chw[1];
    W = chw[2];
    if (C != 1 && C != 3)
        return Status::error("the model's input has " + std::to_string(C) +
                             " channels; pictures become 1 (grey) or 3 (RGB) channels");
    if (H <= 0 || W <= 0 || int64_t(H) * W > kMaxImagePixels)
        return Status::error("the model's input size " + shape_str(s) + " is not usable");
    return Status::ok();
}

}  // namespace ll
