// safetensors I/O: an 8-byte little-endian header length, a JSON header
// {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}},
// then the raw little-endian bytes. The engine reads F32 and I64 (I32 and F64 are converted when a
// caller asks for them that way); anything malformed, truncated or oversized is an error naming the key.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/tensor.h"

namespace ll {

enum class DType { F32, F64, I64, I32, Other };

struct StoredTensor {
    std::string name;
    DType dtype = DType::F32;
    std::string dtype_name;  // as written in the file ("F32", "BF16"...)
    Shape shape;
    std::vector<float> f32;    // F32 (and F64, converted)
    std::vector<int64_t> i64;  // I64 (and I32, widened)
};

class TensorFile {
public:
    void put(const std::string& name, const Tensor& t);
    void put_i64(const std::string& name, const Shape& shape, std::vector<int64_t> values);
    const StoredTensor* find(const std::string& name) const;
    const std::vector<StoredTensor>& tensors() const { return tensors_; }

    // A float tensor by name, checked: missing, wrong dtype and (when expect is non-empty) wrong
    // shape are errors that name the key.
    Status get(const std::string& name, Tensor& out, const Shape& expect = {}) const;
    Status get_i64(const std::string& name, std::vector<int64_t>& out, Shape* shape = nullptr) const;

    std::string serialize() const;
    // label names the source in errors ("weights.safetensors: ...").
    static Status parse(const std::string& bytes, TensorFile& out, const std::string& label);

private:
    std::vector<StoredTensor> tensors_;
};

Status read_tensor_file(const std::string& path, TensorFile& out);
Status write_tensor_file(const std::string& path, const TensorFile& f);

// The model's state_dict: every parameter and buffer under its torch name.
void save_state(Model& m, TensorFile& f);
// strict: every parameter and buffer must be present with its shape, and no other key of the form
// "{i}.name" may be present (torch's load_state_dict(strict=True)). Keys without a layer index
// ("loss", "input") are ignored.
Status load_state(Model& m, const TensorFile& f, const std::string& label);

}  // namespace ll
