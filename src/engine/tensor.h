// Tensor: float32, contiguous, row-major; image tensors are NCHW.
// Dimension letters used across the engine: N batch, C channels, H W height width, K kernel, S stride,
// P padding, D dilation, G groups, OH OW output height/width. Gradients are named d<name> (dx, dW).
// A Tensor owns its storage; resize() keeps the allocation when the element count does not grow, so
// layers can reuse their buffers batch after batch without allocating in the training loop.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace ll {

using Shape = std::vector<int>;

size_t shape_numel(const Shape& s);
std::string shape_str(const Shape& s);  // "8x28x28"

class Tensor {
public:
    Tensor() = default;
    explicit Tensor(Shape shape, float fill = 0.0f);
    Tensor(Shape shape, std::vector<float> values);  // values.size() must equal numel

    const Shape& shape() const { return shape_; }
    int ndim() const { return int(shape_.size()); }
    int dim(int i) const { return shape_[size_t(i < 0 ? i + ndim() : i)]; }
    size_t numel() const { return numel_; }
    bool empty() const { return numel_ == 0; }

    float* data() { return data_.data(); }
    const float* data() const { return data_.data(); }
    float& operator[](size_t i) { return data_[i]; }
    float operator[](size_t i) const { return data_[i]; }
    std::vector<float>& values() { return data_; }
    const std::vector<float>& values() const { return data_; }

    // Sets the shape; storage grows only when needed and is left uninitialised-by-contract (old values).
    void resize(const Shape& shape);
    // resize({N, C}): the braces would otherwise build a temporary Shape, one allocation per call.
    void resize(std::initializer_list<int> dims);
    // resize to like's shape with dim 0 set to rows (a batch of like's samples), without a temporary Shape.
    void resize_rows(const Tensor& like, int rows);
    // Same element count, new shape (Flatten).
    void reshape(const Shape& shape);
    void fill(float v);
    void zero() { fill(0.0f); }

private:
    Shape shape_;
    size_t numel_ = 0;
    std::vector<float> data_;
};

}  // namespace ll
