// Conv2d and ConvTranspose2d, torch.nn's twins (cross-correlation, zero padding, groups, dilation).
// in_channels comes from the input shape. Parameters "weight" and "bias" with torch's shapes:
//   Conv2d           weight (OC, C/G, KH, KW)   bias (OC)
//   ConvTranspose2d  weight (C, OC/G, KH, KW)   bias (OC)
// The classes are public so the UI can read weights, gradients and the arguments in use.
#pragma once
#include <vector>

#include "engine/kernels/conv_kernels.h"
#include "engine/layers/layer.h"

namespace ll {

// The constructor arguments, per axis [h, w]. output_padding only matters to ConvTranspose2d.
struct ConvOptions {
    int out_channels = 1;
    int kernel[2] = {1, 1};
    int stride[2] = {1, 1};
    int padding[2] = {0, 0};
    int output_padding[2] = {0, 0};
    int dilation[2] = {1, 1};
    int groups = 1;
    bool bias = true;
};

// What Conv2d and ConvTranspose2d share: options, parameters, their gradients, buffers, torch's init.
class ConvBase : public Layer {
public:
    explicit ConvBase(const ConvOptions& o) : opt_(o) {}

    const ConvOptions& options() const { return opt_; }
    int in_channels() const { return in_shape_.empty() ? 0 : in_shape_[0]; }
    bool has_bias() const { return opt_.bias; }
    const Tensor& weight() const { return weight_; }        // see the shapes above
    const Tensor& bias() const { return bias_; }            // (OC); empty without bias
    const Tensor& weight_grad() const { return dweight_; }
    const Tensor& bias_grad() const { return dbias_; }
    // The geometry the kernels run with (N is the last batch's).
    const ConvDims& dims() const { return dims_; }
    // The last forward's input, (N, C, H, W) (null before the first): valid while its owner keeps it
    // alive, as for backward. CrossIterationBatchNorm2d reads it for d mu / d W.
    const Tensor* last_input() const { return x_; }

    // weight, bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = weight.size(1) * KH * KW: torch's
    // kaiming_uniform_(a = sqrt(5)) and its bias rule.
    void init(Rng& rng) override;
    std::vector<ParamRef> params() override;

protected:
    // Sizes weight (w0, w1, KH, KW), bias (OC) and their gradients, after reserving them and a
    // workspace of cols floats in the memory budget.
    Status size_params(int w0, int w1, int64_t cols);

    ConvOptions opt_;
    ConvDims dims_;
    Tensor weight_, bias_, dweight_, dbias_;
    Tensor y_, dx_;
    std::vector<float> cols_;     // im2col workspace, grown once and reused
    const Tensor* x_ = nullptr;   // last forward's input (kept alive by the caller)
};

class Conv2d final : public ConvBase {
public:
    explicit Conv2d(const ConvOptions& o) : ConvBase(o) {}
    const char* type() const override { return "Conv2d"; }
    Status configure(const Shape& in) override;
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    Geometry geometry() const override;
    int64_t macs() const override;  // OH*OW * OC * (C/G) * KH*KW
};

class ConvTranspose2d final : public ConvBase {
public:
    explicit ConvTranspose2d(const ConvOptions& o) : ConvBase(o) {}
    const char* type() const override { return "ConvTranspose2d"; }
    Status configure(const Shape& in) override;
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    Geometry geometry() const override;
    int64_t macs() const override;  // H*W * C * (OC/G) * KH*KW: every input pixel meets every tap
};

}  // namespace ll
