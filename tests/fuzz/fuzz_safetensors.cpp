// libFuzzer target: safetensors files as weights, inputs and datasets arrive (TensorFile::parse). A
// file of dtypes the engine reads must serialize and parse back to the same names and shapes (tensors
// of other dtypes, BF16 say, are kept by name only, without data, so they cannot be written back).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ll::TensorFile f;
    if (!ll::TensorFile::parse(std::string(reinterpret_cast<const char*>(data), size), f, "fuzz")) return 0;
    for (const ll::StoredTensor& t : f.tensors())
        if (t.dtype == ll::DType::Other) return 0;
    ll::TensorFile back;
    if (!ll::TensorFile::parse(f.serialize(), back, "round trip")) abort();
    if (back.tensors().size() != f.tensors().size()) abort();
    for (size_t i = 0; i < f.tensors().size(); ++i) {
        if (back.tensors()[i].name != f.tensors()[i].name || back.tensors()[i].shape != f.tensors()[i].shape) abort();
        // A float tensor reads back, unless it holds NaN or infinity (parse keeps them; get refuses them).
        ll::Tensor t;
        if (f.tensors()[i].dtype != ll::DType::F32) continue;
        const ll::Status st = f.get(f.tensors()[i].name, t);
        if (!st && st.message().find("must be finite numbers") == std::string::npos) abort();
    }
    return 0;
}
