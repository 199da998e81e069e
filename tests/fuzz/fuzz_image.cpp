// libFuzzer target: pictures as `layerlab input --image` and page uploads read them (the structure
// checks of image_check.cpp, then stb_image, then the conversion to a network input). A picture that
// decodes has width * height RGBA pixels within the size limits. Pictures are capped at 65,536 pixels
// here (the page reads up to 40 million): an 8 KB PNG can inflate to 160 MB of RGBA, and a run would
// then spend its time filling memory instead of trying the parsers, whose code paths (chunks, scans,
// interlacing, progressive passes) a 256 x 256 picture already takes. The cap itself is tested in
// test_image.cpp, the size checks near the real limits there too.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/data/image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ll::DecodedImage img;
    constexpr int64_t kFuzzMaxPixels = 256 * 256, kConvertMaxPixels = 64 * 64;
    if (!ll::decode_image(std::string(reinterpret_cast<const char*>(data), size), img, kFuzzMaxPixels)) return 0;
    if (img.width < 1 || img.height < 1 || int64_t(img.width) * img.height > kFuzzMaxPixels ||
        img.rgba.size() != size_t(img.width) * img.height * 4)
        abort();
    // The conversion's cost grows with the picture, its paths (grey or RGB, shrink or grow, alpha) do
    // not: a picture of up to 64 x 64 pixels takes them all, a larger one only slows the run down.
    if (int64_t(img.width) * img.height > kConvertMaxPixels) return 0;
    ll::Tensor x;
    if (!ll::image_to_input(img, 1, 28, 28, x)) abort();
    if (!ll::image_to_input(img, 3, 9, 40, x)) abort();
    for (size_t i = 0; i < x.numel(); ++i)
        if (!(x.data()[i] >= 0.0f && x.data()[i] <= 1.0f)) abort();
    return 0;
}
