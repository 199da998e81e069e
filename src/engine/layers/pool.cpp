// Pooling layers: torch's argument defaults and shape rules (pool2d_shape_check: padding at most half
// the kernel, output at least 1; ceil_mode per pooling_output_shape), the kernels in
// kernels/pool_kernels.h, and LPPool2d's forward and autograd backward as torch 1.13 computes them.
#include "engine/layers/pool.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>

#include "engine/layers/layers.h"

namespace ll {

namespace {

// x^e with torch's special cases for a scalar exponent (pow_tensor_scalar: 2 and 3 by products,
// +-0.5 by square roots, -1 and -2 by reciprocals), so the results round as torch's do.
float pow_torch(float x, float e) {
    if (e == 1.0f) return x;
    if (e == 2.0f) return x * x;
    if (e == 3.0f) return x * x * x;
    if (e == 0.5f) return std::sqrt(x);
    if (e == -0.5f) return 1.0f / std::sqrt(x);
    if (e == -1.0f) return 1.0f / x;
    if (e == -2.0f) return 1.0f / (x * x);
    if (e == 0.0f) return 1.0f;
    return std::pow(x, e);
}

// torch's pow_backward factor for x^e: e * x^(e-1), and 0 for e == 0.
float pow_grad_factor(float x, float e) { return e == 0.0f ? 0.0f : e * pow_torch(x, e - 1.0f); }

float sign_of(float v) { return v > 0.0f ? 1.0f : (v < 0.0f ? -1.0f : 0.0f); }

void require_kernel(LayerArgs& a, PoolOptions& o) {
    if (!a.has("kernel_size")) a.error("missing argument 'kernel_size'");
    a.get_pair("kernel_size", 1, o.kernel, 1);
    a.get_pair("stride", o.kernel, o.stride, 1);  // torch: stride=None means kernel_size
}

}  // namespace

// ---- Shared window pooling ----

Status WindowPool::configure(const Shape& in) {
    LL_TRY(expect_image(in, type()));
    if (opt_.padding[0] > opt_.kernel[0] / 2 || opt_.padding[1] > opt_.kernel[1] / 2) {
        const int half[2] = {opt_.kernel[0] / 2, opt_.kernel[1] / 2};
        return Status::error("padding " + pair_str(opt_.padding, true) + " is more than half the kernel " +
                             pair_str(opt_.kernel) + "; use padding at most " + pair_str(half, true));
    }
    int out[2];
    for (int a = 0; a < 2; ++a) {
        out[a] = pool_output_size(in[1 + a], opt_.kernel[a], opt_.padding[a], opt_.stride[a], opt_.dilation[a],
                                  opt_.ceil_mode);
    }
    if (out[0] < 1 || out[1] < 1) {
        const int hw[2] = {in[1], in[2]};
        // 64 bits: 65536 * 65535 does not fit an int.
        const int64_t keff[2] = {int64_t(opt_.dilation[0]) * (opt_.kernel[0] - 1) + 1,
                                 int64_t(opt_.dilation[1]) * (opt_.kernel[1] - 1) + 1};
        const bool dilated = opt_.dilation[0] > 1 || opt_.dilation[1] > 1;
        const std::string keff_str = std::to_string(keff[0]) + "x" + std::to_string(keff[1]);
        return Status::error("kernel " + pair_str(opt_.kernel) + (dilated ? " (dilated " + keff_str + ")" : "") +
                             " does not fit the input " + pair_str(hw) + " + 2*padding " +
                             pair_str(opt_.padding, true) + ": the output would be " + std::to_string(out[0]) + "x" +
                             std::to_string(out[1]) + "; use a smaller kernel or a larger input");
    }
    dims_ = PoolDims{1, in[1], in[2], out[0], out[1], opt_.kernel[0], opt_.kernel[1], opt_.stride[0],
                     opt_.stride[1], opt_.padding[0], opt_.padding[1], opt_.dilation[0], opt_.dilation[1]};
    in_shape_ = in;
    out_shape_ = {in[0], out[0], out[1]};
    return Status::ok();
}

Geometry WindowPool::geometry() const {
    return Geometry::window(opt_.kernel, opt_.stride, opt_.padding, opt_.dilation);
}

// ---- MaxPool2d ----

const Tensor& MaxPool2d::forward(const Tensor& x, Mode) {
    LL_ASSERT(x.ndim() == 4 && x.dim(1) == in_shape_[0] && x.dim(2) == dims_.H && x.dim(3) == dims_.W,
              "MaxPool2d: input does not match the configured shape");
    dims_.P = x.dim(0) * x.dim(1);
    resize_to(y_, {x.dim(0), x.dim(1), dims_.OH, dims_.OW});
    argmax_.resize(y_.numel());
    max_pool2d_forward(y_.data(), argmax_.data(), x.data(), dims_);
    return y_;
}

const Tensor& MaxPool2d::backward(const Tensor& dy) {
    LL_ASSERT(dy.shape() == y_.shape(), "MaxPool2d: backward needs the gradient of the last forward's output");
    resize_to(dx_, {dy.dim(0), dy.dim(1), dims_.H, dims_.W});
    max_pool2d_backward(dx_.data(), dy.data(), argmax_.data(), dims_);
    return dx_;
}

// ---- AvgPool2d ----

const Tensor& AvgPool2d::forward(const Tensor& x, Mode) {
    LL_ASSERT(x.ndim() == 4 && x.dim(1) == in_shape_[0] && x.dim(2) == dims_.H && x.dim(3) == dims_.W,
              "AvgPool2d: input does not match the configured shape");
    dims_.P = x.dim(0) * x.dim(1);
    resize_to(y_, {x.dim(0), x.dim(1), dims_.OH, dims_.OW});
    avg_pool2d_forward(y_.data(), x.data(), dims_, opt_.count_include_pad, opt_.divisor_override);
    return y_;
}

const Tensor& AvgPool2d::backward(const Tensor& dy) {
    LL_ASSERT(dy.shape() == y_.shape(), "AvgPool2d: backward needs the gradient of the last forward's output");
    resize_to(dx_, {dy.dim(0), dy.dim(1), dims_.H, dims_.W});
    avg_pool2d_backward(dx_.data(), dy.data(), dims_, opt_.count_include_pad, opt_.divisor_override);
    return dx_;
}

// ---- LPPool2d ----

// Forward: xp = x^p; s = avg_pool(xp); u = sign(s) * relu(|s|) * KH*KW; y = u^(1/p).
const Tensor& LPPool2d::forward(const Tensor& x, Mode) {
    LL_ASSERT(x.ndim() == 4 && x.dim(1) == in_shape_[0] && x.dim(2) == dims_.H && x.dim(3) == dims_.W,
              "LPPool2d: input does not match the configured shape");
    x_ = &x;
    dims_.P = x.dim(0) * x.dim(1);
    xp_.resize(x.shape());
    for (size_t i = 0; i < x.numel(); ++i) xp_[i] = pow_torch(x[i], p_);
    resize_to(s_, {x.dim(0), x.dim(1), dims_.OH, dims_.OW});
    avg_pool2d_forward(s_.data(), xp_.data(), dims_, true, 0);
    y_.resize(s_.shape());
    const float area = float(int64_t(opt_.kernel[0]) * opt_.kernel[1]);
    for (size_t i = 0; i < s_.numel(); ++i) {
        const float s = s_[i];
        const float u = sign_of(s) * std::max(std::fabs(s), 0.0f) * area;
        y_[i] = pow_torch(u, 1.0f / p_);
    }
    return y_;
}

// Backward through the same graph, as torch's autograd does it:
//   du = dy * (1/p) * u^(1/p - 1)                       (pow)
//   ds = relu'(|s|) * (du * area) * sign(s) * sgn(s)      (mul, relu passes where |s| > 0, abs; sign
//                                                          has zero gradient)
//   dxp = avg_pool backward of ds;  dx = dxp * p * x^(p-1)
// |s| = 0 gives ds = 0 even where du is infinite (relu's backward selects, it does not multiply).
const Tensor& LPPool2d::backward(const Tensor& dy) {
    LL_ASSERT(x_ && dy.shape() == y_.shape(), "LPPool2d: backward needs the gradient of the last forward's output");
    const float area = float(int64_t(opt_.kernel[0]) * opt_.kernel[1]);
    const float inv_p = 1.0f / p_;
    ds_.resize(s_.shape());
    for (size_t i = 0; i < s_.numel(); ++i) {
        const float s = s_[i];
        if (!(std::fabs(s) > 0.0f)) {
            ds_[i] = 0.0f;
            continue;
        }
        const float u = sign_of(s) * std::fabs(s) * area;
        const float du = dy[i] * pow_grad_factor(u, inv_p);
        ds_[i] = du * area * sign_of(s) * sign_of(s);
    }
    dx_.resize(x_->shape());
    avg_pool2d_backward(dx_.data(), ds_.data(), dims_, true, 0);
    const Tensor& x = *x_;
    for (size_t i = 0; i < x.numel(); ++i) dx_[i] = dx_[i] * pow_grad_factor(x[i], p_);
    return dx_;
}

// ---- AdaptiveAvgPool2d ----

Status AdaptiveAvgPool2d::configure(const Shape& in) {
    LL_TRY(expect_image(in, "AdaptiveAvgPool2d"));
    dims_ = PoolDims{1, in[1], in[2], out_[0], out_[1]};
    in_shape_ = in;
    out_shape_ = {in[0], out_[0], out_[1]};
    return Status::ok();
}

const Tensor& AdaptiveAvgPool2d::forward(const Tensor& x, Mode) {
    LL_ASSERT(x.ndim() == 4 && x.dim(1) == in_shape_[0] && x.dim(2) == dims_.H && x.dim(3) == dims_.W,
              "AdaptiveAvgPool2d: input does not match the configured shape");
    dims_.P = x.dim(0) * x.dim(1);
    resize_to(y_, {x.dim(0), x.dim(1), dims_.OH, dims_.OW});
    adaptive_avg_pool2d_forward(y_.data(), x.data(), dims_);
    return y_;
}

const Tensor& AdaptiveAvgPool2d::backward(const Tensor& dy) {
    LL_ASSERT(dy.shape() == y_.shape(), "AdaptiveAvgPool2d: backward needs the gradient of the last forward's output");
    resize_to(dx_, {dy.dim(0), dy.dim(1), dims_.H, dims_.W});
    adaptive_avg_pool2d_backward(dx_.data(), dy.data(), dims_);
    return dx_;
}

Geometry AdaptiveAvgPool2d::geometry() const {
    Geometry g;
    if (out_[0] == 1 && out_[1] == 1) {
        g.global = true;
        return g;
    }
    const int in[2] = {dims_.H, dims_.W};
    for (int a = 0; a < 2; ++a) {
        g.stride[a] = std::max(1, in[a] / out_[a]);
        int widest = 1;
        for (int i = 0; i < out_[a]; ++i) {
            const int start = int((int64_t(i) * in[a]) / out_[a]);
            const int end = int((int64_t(i + 1) * in[a] + out_[a] - 1) / out_[a]);
            widest = std::max(widest, end - start);
        }
        g.kernel[a] = widest;
    }
    return g;
}

// ---- Factories (arguments in torch's constructor order) ----

LayerPtr make_max_pool2d(LayerArgs& a) {
    PoolOptions o;
    require_kernel(a, o);
    a.get_pair("padding", 0, o.padding, 0);
    a.get_pair("dilation", 1, o.dilation, 1);
    o.ceil_mode = a.get_bool("ceil_mode", false);
    return std::make_unique<MaxPool2d>(o);
}

LayerPtr make_avg_pool2d(LayerArgs& a) {
    PoolOptions o;
    require_kernel(a, o);
    a.get_pair("padding", 0, o.padding, 0);
    o.ceil_mode = a.get_bool("ceil_mode", false);
    o.count_include_pad = a.get_bool("count_include_pad", true);
    // torch's None is the absence of the key; only a given value appears in the canonical form.
    if (a.has("divisor_override")) o.divisor_override = a.get_int("divisor_override", 1, 1);
    return std::make_unique<AvgPool2d>(o);
}

LayerPtr make_lp_pool2d(LayerArgs& a) {
    if (!a.has("norm_type")) a.error("missing argument 'norm_type'");
    const float p = a.get_float("norm_type", 2.0f);
    if (p == 0.0f) a.error("argument 'norm_type' must not be 0 (the output is a 1/norm_type power); use e.g. 2");
    PoolOptions o;
    require_kernel(a, o);
    o.ceil_mode = a.get_bool("ceil_mode", false);
    return std::make_unique<LPPool2d>(p, o);
}

LayerPtr make_adaptive_avg_pool2d(LayerArgs& a) {
    int out[2] = {1, 1};
    if (!a.has("output_size")) a.error("missing argument 'output_size'");
    a.get_pair("output_size", 1, out, 1);
    return std::make_unique<AdaptiveAvgPool2d>(out);
}

}  // namespace ll
