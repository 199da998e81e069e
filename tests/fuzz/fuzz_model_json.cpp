// libFuzzer target: model JSON as `layerlab info/run` and the page read it. A description that builds
// must survive a round trip through to_json() and one train-mode forward and backward pass of two
// samples; anything else must come back as an error Status, never a crash or a sanitizer report.
// Models are capped at 4 MiB so that a run stays fast; larger ones are refused before allocation.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/json.h"
#include "engine/model.h"
#include "engine/rng.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ll::Json desc;
    if (!ll::parse_json(std::string(reinterpret_cast<const char*>(data), size), desc)) return 0;
    ll::MemoryLimit limit;
    limit.bytes = int64_t(4) << 20;
    ll::Model m;
    if (!ll::Model::from_json(desc, m, limit)) return 0;
    // What to_json() writes is what the app saves and shares in links: it must build the same model.
    ll::Model again;
    if (!ll::Model::from_json(m.to_json(), again, limit)) abort();

    const int n = 2;
    if (!m.check_batch(n, ll::Mode::Train)) return 0;
    int64_t macs = 0;
    for (const ll::LayerInfo& info : m.info()) macs += info.macs;
    if (macs > 2000000) return 0;  // a legal model, just too slow for thousands of runs a second
    ll::Rng rng(1);
    m.init(rng);
    m.set_rng(&rng);
    ll::Shape shape{n};
    shape.insert(shape.end(), m.input_shape().begin(), m.input_shape().end());
    ll::Tensor x(shape);
    for (size_t i = 0; i < x.numel(); ++i) x.data()[i] = rng.normal();
    const ll::Tensor& y = m.forward(x, ll::Mode::Train);
    ll::Tensor dy(y.shape(), 1.0f);
    m.zero_grad();
    m.backward(dy);
    return 0;
}
