// Pooling layers, torch.nn's twins: MaxPool2d, AvgPool2d, LPPool2d, AdaptiveAvgPool2d. No parameters.
// The classes are public so the UI can read the arguments in use, the max-pool argmax indices and the
// LP-pool intermediates. macs() is 0 for every pooling layer: MACs count multiply-adds with learned
// weights (as torchinfo's tables do); pooling only compares or sums.
#pragma once
#include <cstdint>
#include <vector>

#include "engine/kernels/pool_kernels.h"
#include "engine/layers/layer.h"

namespace ll {

// Constructor arguments per axis [h, w]. stride defaults to kernel_size (torch's stride=None).
struct PoolOptions {
    int kernel[2] = {1, 1};
    int stride[2] = {1, 1};
    int padding[2] = {0, 0};
    int dilation[2] = {1, 1};          // MaxPool2d only
    bool ceil_mode = false;
    bool count_include_pad = true;     // AvgPool2d only
    int divisor_override = 0;          // AvgPool2d only; 0 = none (torch's None)
};

// Shared by the windowed pools: options, the shape check and output size, buffers.
class WindowPool : public Layer {
public:
    explicit WindowPool(const PoolOptions& o) : opt_(o) {}
    const PoolOptions& options() const { return opt_; }
    const PoolDims& dims() const { return dims_; }  // P is N*C of the last batch
    Status configure(const Shape& in) override;
    Geometry geometry() const override;

protected:
    PoolOptions opt_;
    PoolDims dims_;
    Tensor y_, dx_;
};

class MaxPool2d final : public WindowPool {
public:
    explicit MaxPool2d(const PoolOptions& o) : WindowPool(o) {}
    const char* type() const override { return "MaxPool2d"; }
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    // (N, C, OH, OW): the index ih*W + iw of each output's maximum within its plane, as torch's
    // return_indices. A window whose dilated taps all fall in the padding (e.g. kernel 2, padding 1,
    // dilation 3 on a width-2 input) outputs -inf as in torch but has index -1 and passes no
    // gradient; torch reports an index outside the window there and writes its gradient to it.
    const std::vector<int32_t>& indices() const { return argmax_; }

private:
    std::vector<int32_t> argmax_;
};

class AvgPool2d final : public WindowPool {
public:
    explicit AvgPool2d(const PoolOptions& o) : WindowPool(o) {}
    const char* type() const override { return "AvgPool2d"; }
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
};

// torch 1.13's lp_pool2d: s = avg_pool2d(x^p, K, S, padding 0, ceil_mode) (count_include_pad),
// y = (sign(s) * relu(|s|) * KH*KW)^(1/p). For a full window y = (sum x^p)^(1/p); a window cut by
// ceil_mode is scaled by KH*KW / (its size), as in torch.
class LPPool2d final : public WindowPool {
public:
    LPPool2d(float norm_type, const PoolOptions& o) : WindowPool(o), p_(norm_type) {}
    const char* type() const override { return "LPPool2d"; }
    float norm_type() const { return p_; }
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    const Tensor& powered() const { return xp_; }   // (N, C, H, W): x^p
    const Tensor& averaged() const { return s_; }   // (N, C, OH, OW): s

private:
    float p_;
    const Tensor* x_ = nullptr;
    Tensor xp_, s_, ds_;
};

class AdaptiveAvgPool2d final : public Layer {
public:
    explicit AdaptiveAvgPool2d(const int output_size[2]) : out_{output_size[0], output_size[1]} {}
    const char* type() const override { return "AdaptiveAvgPool2d"; }
    const int* output_size() const { return out_; }
    Status configure(const Shape& in) override;
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    // Global for a 1x1 output. Otherwise per axis: stride floor(H/OH) (at least 1) and kernel the
    // largest window, max_i ceil((i+1)H/OH) - floor(iH/OH); exact when OH divides H, and otherwise
    // an approximation whose kernel still covers every window.
    Geometry geometry() const override;

private:
    int out_[2];
    PoolDims dims_;
    Tensor y_, dx_;
};

}  // namespace ll
