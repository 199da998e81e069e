#include "engine/tensor.h"

#include <algorithm>

#include "engine/status.h"

namespace ll {

void assert_fail(const char* cond, const char* msg, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: internal error: %s (%s)\n", file, line, msg, cond);
    std::abort();
}

size_t shape_numel(const Shape& s) {
    size_t n = 1;
    for (int d : s) n *= size_t(d < 0 ? 0 : d);
    return n;
}

std::string shape_str(const Shape& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (i) out += "x";
        out += std::to_string(s[i]);
    }
    return out.empty() ? "scalar" : out;
}

Tensor::Tensor(Shape shape, float fill) : shape_(std::move(shape)) {
    numel_ = shape_numel(shape_);
    data_.assign(numel_, fill);
}

Tensor::Tensor(Shape shape, std::vector<float> values) : shape_(std::move(shape)), data_(std::move(values)) {
    numel_ = shape_numel(shape_);
    LL_ASSERT(data_.size() == numel_, "Tensor values do not match the shape");
}

void Tensor::resize(const Shape& shape) {
    shape_ = shape;
    numel_ = shape_numel(shape_);
    if (data_.size() < numel_) data_.resize(numel_);
}

void Tensor::resize(std::initializer_list<int> dims) {
    shape_.assign(dims);  // reuses the shape's storage
    numel_ = shape_numel(shape_);
    if (data_.size() < numel_) data_.resize(numel_);
}

void Tensor::resize_rows(const Tensor& like, int rows) {
    LL_ASSERT(like.ndim() >= 1 && rows >= 0, "resize_rows needs a shape with a batch dimension");
    shape_ = like.shape_;  // vector assignment reuses this tensor's shape storage
    shape_[0] = rows;
    numel_ = shape_numel(shape_);
    if (data_.size() < numel_) data_.resize(numel_);
}

void Tensor::reshape(const Shape& shape) {
    LL_ASSERT(shape_numel(shape) == numel_, "reshape must keep the element count");
    shape_ = shape;
}

void Tensor::fill(float v) { std::fill(data_.begin(), data_.begin() + long(numel_), v); }

}  // namespace ll
