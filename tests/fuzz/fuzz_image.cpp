// libFuzzer target: pictures as `layerlab input --image` and page uploads read them (the structure
// checks of image_check.cpp, then stb_image, then the conversion to a network input). A picture that
// decodes has width * height RGBA pixels within the size limits.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/data/image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ll::DecodedImage img;
    if (!ll::decode_image(std::string(reinterpret_cast<const char*>(data), size), img)) return 0;
    if (img.width < 1 || img.height < 1 || img.width > ll::kMaxImageSide || img.height > ll::kMaxImageSide ||
        img.rgba.size() != size_t(img.width) * img.height * 4)
        abort();
    ll::Tensor x;
    if (!ll::image_to_input(img, 1, 28, 28, x)) abort();
    if (!ll::image_to_input(img, 3, 9, 40, x)) abort();
    for (size_t i = 0; i < x.numel(); ++i)
        if (!(x.data()[i] >= 0.0f && x.data()[i] <= 1.0f)) abort();
    return 0;
}
