// libFuzzer target: dataset files, gzipped or not (gunzip, then the IDX reader). The input's first byte
// splits the rest into a labels file and an images file, so one input can reach the count checks
// between the two; a gzip stream that inflates must also inflate from its raw DEFLATE body.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/data/dataset.h"
#include "engine/data/inflate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    const size_t cut = rest.size() * data[0] / 255;
    const std::string labels = rest.substr(0, cut), images = rest.substr(cut);
    std::string out;
    const size_t kMaxOut = size_t(16) << 20;  // a bomb is refused at this size, not at the default 1 GiB
    (void)ll::gunzip(images, out, kMaxOut);
    out.clear();
    size_t consumed = 0;
    if (ll::inflate_raw(reinterpret_cast<const uint8_t*>(rest.data()), rest.size(), consumed, out, kMaxOut) &&
        consumed > rest.size())
        abort();
    ll::Dataset ds;
    if (ll::load_idx_bytes("images", images, "labels", labels, ds)) {
        if (ds.images.numel() != size_t(ds.size()) * ds.images.dim(2) * ds.images.dim(3)) abort();
    }
    return 0;
}
