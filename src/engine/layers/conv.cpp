// Conv2d and ConvTranspose2d layers: argument reading with torch's defaults, shape checks with
// messages that say how to fix the model, and the kernel calls (kernels/conv_kernels.h).
// Output size per axis (torch):
//   Conv2d           O = floor((I + 2P - D*(K-1) - 1) / S) + 1
//   ConvTranspose2d  O = (I - 1)*S - 2P + D*(K-1) + output_padding + 1
#include "engine/layers/conv.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <initializer_list>
#include <string>

#include "engine/layers/layers.h"

namespace ll {

namespace {

// Arguments in torch's constructor order, so the canonical JSON reads like the torch call.
ConvOptions read_conv_args(LayerArgs& a, bool transposed) {
    ConvOptions o;
    o.out_channels = a.require_int("out_channels", 1);
    if (!a.has("kernel_size")) a.error("missing argument 'kernel_size'");
    a.get_pair("kernel_size", 1, o.kernel, 1);
    a.get_pair("stride", 1, o.stride, 1);
    a.get_pair("padding", 0, o.padding, 0);
    if (transposed) {
        a.get_pair("output_padding", 0, o.output_padding, 0);
        o.groups = a.get_int("groups", 1, 1);
        o.bias = a.get_bool("bias", true);
        a.get_pair("dilation", 1, o.dilation, 1);
    } else {
        a.get_pair("dilation", 1, o.dilation, 1);
        o.groups = a.get_int("groups", 1, 1);
        o.bias = a.get_bool("bias", true);
    }
    return o;
}

// Both channel counts must split evenly into the groups.
Status check_groups(int C, const ConvOptions& o) {
    const int G = o.groups;
    if (C % G != 0) {
        return Status::error("in_channels " + std::to_string(C) + " (from the input shape) is not divisible by groups " +
                             std::to_string(G) + "; use a groups value that divides both channel counts");
    }
    if (o.out_channels % G != 0) {
        return Status::error("out_channels " + std::to_string(o.out_channels) + " is not divisible by groups " +
                             std::to_string(G) + "; use a multiple of groups");
    }
    return Status::ok();
}

// The im2col workspace of one sample in floats, in 64 bits (the kernels' own size functions multiply
// in size_t after int products that a huge kernel would overflow). Only an estimate of which path runs
// (implicit, direct or im2col) decides the real size, so this is the im2col one, an upper bound.
int64_t cols_floats(const ConvDims& d, bool transposed) {
    const int64_t taps = int64_t(transposed ? d.OC : d.C) / d.G * d.KH * d.KW;
    return taps * (transposed ? int64_t(d.H) * d.W : int64_t(d.OH) * d.OW);
}

}  // namespace

// ---- Shared ----

Status ConvBase::size_params(int w0, int w1, int64_t cols) {
    // Counted before anything is allocated: 10^9 output channels or a 16 GiB weight are refused here.
    LL_TRY(reserve("weight", {w0, w1, opt_.kernel[0], opt_.kernel[1]}, 2));
    if (opt_.bias) LL_TRY(reserve("bias", {opt_.out_channels}, 2));
    LL_TRY(reserve("im2col workspace", {cols}));
    weight_ = Tensor({w0, w1, opt_.kernel[0], opt_.kernel[1]});
    dweight_ = Tensor(weight_.shape());
    if (opt_.bias) {
        bias_ = Tensor({opt_.out_channels});
        dbias_ = Tensor({opt_.out_channels});
    } else {
        bias_ = Tensor();
        dbias_ = Tensor();
    }
    return Status::ok();
}

void ConvBase::init(Rng& rng) {
    const int fan_in = weight_.dim(1) * weight_.dim(2) * weight_.dim(3);
    const float bound = fan_in > 0 ? 1.0f / std::sqrt(float(fan_in)) : 0.0f;
    for (size_t i = 0; i < weight_.numel(); ++i) weight_[i] = rng.uniform(-bound, bound);
    for (size_t i = 0; i < bias_.numel(); ++i) bias_[i] = rng.uniform(-bound, bound);
}

std::vector<ParamRef> ConvBase::params() {
    std::vector<ParamRef> p{{"weight", &weight_, &dweight_}};
    if (opt_.bias) p.push_back({"bias", &bias_, &dbias_});
    return p;
}

// ---- Conv2d ----

Status Conv2d::configure(const Shape& in) {
    LL_TRY(expect_image(in, "Conv2d"));
    LL_TRY(check_groups(in[0], opt_));
    // In 64 bits: a padding of 1.5e9 or a kernel of INT_MAX used to wrap around int ("padded input
    // -1294967288x..."). The arguments are at most kMaxSpatialArg, so these products stay exact.
    int64_t keff[2], padded[2];
    int out[2];
    for (int a = 0; a < 2; ++a) {
        keff[a] = int64_t(opt_.dilation[a]) * (opt_.kernel[a] - 1) + 1;
        padded[a] = int64_t(in[1 + a]) + 2 * int64_t(opt_.padding[a]);
    }
    if (padded[0] < keff[0] || padded[1] < keff[1]) {
        const bool dilated = opt_.dilation[0] > 1 || opt_.dilation[1] > 1;
        auto pair64 = [](const int64_t v[2]) { return std::to_string(v[0]) + "x" + std::to_string(v[1]); };
        return Status::error(
            (dilated ? "dilated kernel " + pair64(keff) + " (kernel " + pair_str(opt_.kernel) + ", dilation " +
                           pair_str(opt_.dilation, true) + ")"
                     : "kernel " + pair_str(opt_.kernel)) +
            " is larger than the padded input " + pair64(padded) + " (input " + std::to_string(in[1]) + "x" +
            std::to_string(in[2]) + " + 2*padding " + pair_str(opt_.padding, true) +
            "); use a smaller kernel or more padding");
    }
    // At most the padded side, 3 * 65536: an int.
    for (int a = 0; a < 2; ++a) out[a] = int((padded[a] - keff[a]) / opt_.stride[a] + 1);
    if (int64_t(opt_.out_channels) * out[0] * out[1] > kMaxChannelArg)
        return Status::error("the output " + std::to_string(opt_.out_channels) + "x" + std::to_string(out[0]) + "x" +
                             std::to_string(out[1]) + " is too large (at most 2^26 values per sample)");

    dims_ = ConvDims{1, in[0], in[1], in[2], opt_.out_channels, out[0], out[1], opt_.kernel[0], opt_.kernel[1],
                     opt_.stride[0], opt_.stride[1], opt_.padding[0], opt_.padding[1], opt_.dilation[0],
                     opt_.dilation[1], opt_.groups};
    LL_TRY(size_params(opt_.out_channels, in[0] / opt_.groups, cols_floats(dims_, false)));
    in_shape_ = in;
    out_shape_ = {opt_.out_channels, out[0], out[1]};
    cols_.resize(conv2d_cols_size(dims_));
    return Status::ok();
}

const Tensor& Conv2d::forward(const Tensor& x, Mode) {
    LL_ASSERT(x.ndim() == 4 && x.dim(1) == dims_.C && x.dim(2) == dims_.H && x.dim(3) == dims_.W,
              "Conv2d: input does not match the configured shape");
    dims_.N = x.dim(0);
    x_ = &x;
    resize_to(y_, {dims_.N, dims_.OC, dims_.OH, dims_.OW});
    cols_.resize(conv2d_cols_size(dims_));  // depends on the batch and thread count; keeps its capacity
    conv2d_forward(y_.data(), x.data(), weight_.data(), opt_.bias ? bias_.data() : nullptr, cols_.data(), dims_);
    return y_;
}

const Tensor& Conv2d::backward(const Tensor& dy) {
    LL_ASSERT(x_ && dy.shape() == y_.shape(), "Conv2d: backward needs the gradient of the last forward's output");
    dx_.resize(x_->shape());
    cols_.resize(conv2d_cols_size(dims_));
    conv2d_backward(dx_.data(), dweight_.data(), opt_.bias ? dbias_.data() : nullptr, dy.data(), x_->data(),
                    weight_.data(), cols_.data(), dims_);
    return dx_;
}

Geometry Conv2d::geometry() const {
    return Geometry::window(opt_.kernel, opt_.stride, opt_.padding, opt_.dilation);
}

int64_t Conv2d::macs() const {
    return int64_t(dims_.OH) * dims_.OW * dims_.OC * (dims_.C / dims_.G) * dims_.KH * dims_.KW;
}

// ---- ConvTranspose2d ----

Status ConvTranspose2d::configure(const Shape& in) {
    LL_TRY(expect_image(in, "ConvTranspose2d"));
    LL_TRY(check_groups(in[0], opt_));
    // In 64 bits, as Conv2d: (I - 1) * S alone reaches 2^32 with the largest arguments.
    int64_t out[2];
    for (int a = 0; a < 2; ++a) {
        const int op = opt_.output_padding[a];
        if (op >= opt_.stride[a] && op >= opt_.dilation[a]) {
            return Status::error("output_padding " + pair_str(opt_.output_padding, true) +
                                 " must be smaller than either stride " + pair_str(opt_.stride, true) +
                                 " or dilation " + pair_str(opt_.dilation, true) + "; lower output_padding");
        }
        out[a] = int64_t(in[1 + a] - 1) * opt_.stride[a] - 2 * int64_t(opt_.padding[a]) +
                 int64_t(opt_.dilation[a]) * (opt_.kernel[a] - 1) + op + 1;
    }
    if (out[0] < 1 || out[1] < 1) {
        const int hw[2] = {in[1], in[2]};
        return Status::error("the output would be " + std::to_string(out[0]) + "x" + std::to_string(out[1]) +
                             " for input " + pair_str(hw) + " with padding " + pair_str(opt_.padding, true) +
                             "; use less padding or a larger kernel or stride");
    }
    if (out[0] > kMaxChannelArg || out[1] > kMaxChannelArg ||
        int64_t(opt_.out_channels) * out[0] * out[1] > kMaxChannelArg)
        return Status::error("the output " + std::to_string(opt_.out_channels) + "x" + std::to_string(out[0]) + "x" +
                             std::to_string(out[1]) + " is too large (at most 2^26 values per sample)");
    dims_ = ConvDims{1, in[0], in[1], in[2], opt_.out_channels, int(out[0]), int(out[1]), opt_.kernel[0],
                     opt_.kernel[1], opt_.stride[0], opt_.stride[1], opt_.padding[0], opt_.padding[1],
                     opt_.dilation[0], opt_.dilation[1], opt_.groups};
    LL_TRY(size_params(in[0], opt_.out_channels / opt_.groups, cols_floats(dims_, true)));
    in_shape_ = in;
    out_shape_ = {opt_.out_channels, int(out[0]), int(out[1])};
    cols_.resize(conv_transpose2d_cols_size(dims_));
    return Status::ok();
}

const Tensor& ConvTranspose2d::forward(const Tensor& x, Mode) {
    LL_ASSERT(x.ndim() == 4 && x.dim(1) == dims_.C && x.dim(2) == dims_.H && x.dim(3) == dims_.W,
              "ConvTranspose2d: input does not match the configured shape");
    dims_.N = x.dim(0);
    x_ = &x;
    resize_to(y_, {dims_.N, dims_.OC, dims_.OH, dims_.OW});
    conv_transpose2d_forward(y_.data(), x.data(), weight_.data(), opt_.bias ? bias_.data() : nullptr,
                             cols_.data(), dims_);
    return y_;
}

const Tensor& ConvTranspose2d::backward(const Tensor& dy) {
    LL_ASSERT(x_ && dy.shape() == y_.shape(),
              "ConvTranspose2d: backward needs the gradient of the last forward's output");
    dx_.resize(x_->shape());
    conv_transpose2d_backward(dx_.data(), dweight_.data(), opt_.bias ? dbias_.data() : nullptr, dy.data(),
                              x_->data(), weight_.data(), cols_.data(), dims_);
    return dx_;
}

// An output pixel o gathers the inputs i with i*S = o + P - k*D, so it reads at most
// ceil(((K-1)*D + 1) / S) consecutive inputs and moves 1/S input pixels per output pixel. Geometry
// holds integers only: with S == 1 this is exact (kernel K, dilation D, padding (K-1)*D - P);
// with S > 1 it reports those ceil(...) inputs as an undilated kernel with stride 1, which keeps the
// receptive field of this layer exact and overstates the jump of later layers by the factor S.
Geometry ConvTranspose2d::geometry() const {
    Geometry g;
    for (int a = 0; a < 2; ++a) {
        const int S = opt_.stride[a], D = opt_.dilation[a], K = opt_.kernel[a], P = opt_.padding[a];
        if (S == 1) {
            g.kernel[a] = K;
            g.dilation[a] = D;
            g.padding[a] = int(std::min<int64_t>(int64_t(K - 1) * D - P, INT32_MAX));
        } else {
            g.kernel[a] = int(std::min<int64_t>((int64_t(K - 1) * D + S) / S, INT32_MAX));
            g.padding[a] = g.kernel[a] - 1 - P / S;
        }
    }
    return g;
}

int64_t ConvTranspose2d::macs() const {
    return int64_t(dims_.H) * dims_.W * dims_.C * (dims_.OC / dims_.G) * dims_.KH * dims_.KW;
}

// ---- Factories ----

LayerPtr make_conv2d(LayerArgs& a) { return std::make_unique<Conv2d>(read_conv_args(a, false)); }
LayerPtr make_conv_transpose2d(LayerArgs& a) { return std::make_unique<ConvTranspose2d>(read_conv_args(a, true)); }

}  // namespace ll
