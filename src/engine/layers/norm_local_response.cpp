// LocalResponseNorm (torch.nn.LocalResponseNorm): across channels, no parameters. Maths:
// kernels/norm_kernels.h (lrn_forward, lrn_backward).
#include "engine/kernels/norm_kernels.h"
#include "engine/layers/norm.h"

namespace ll {

// ---- LocalResponseNorm ----

Status LocalResponseNorm::configure(const Shape& in) {
    if (in.size() != 2 && in.size() != 3) {
        return Status::error("LocalResponseNorm normalises across channels and needs a C x H x W or C x L input, "
                             "got " + shape_str(in) + (in.size() == 1 ? "; move it before the Flatten or Linear" : ""));
    }
    in_shape_ = out_shape_ = in;
    C_ = in[0];
    S_ = int(shape_numel(in) / size_t(C_));
    return Status::ok();
}

const Tensor& LocalResponseNorm::forward(const Tensor& x, Mode) {
    LL_ASSERT(x.ndim() == int(in_shape_.size()) + 1 && x.dim(1) == C_, "LRN: input is not (N, in_shape...)");
    x_ = &x;
    y_.resize(x.shape());
    scale_.resize(x.shape());
    lrn_forward(y_.data(), scale_.data(), x.data(), x.dim(0), C_, S_, size_, alpha_, beta_, k_);
    return y_;
}

const Tensor& LocalResponseNorm::backward(const Tensor& dy) {
    LL_ASSERT(x_ && dy.shape() == y_.shape(), "LRN: dy does not match the last forward");
    dx_.resize(dy.shape());
    work_.resize({C_, S_});
    lrn_backward(dx_.data(), work_.data(), dy.data(), x_->data(), y_.data(), scale_.data(), dy.dim(0), C_, S_, size_,
                 alpha_, beta_);
    return dx_;
}

// ---- Factory ----

LayerPtr make_local_response_norm(LayerArgs& a) {
    const int size = a.require_int("size", 1, kMaxChannelArg);
    const float alpha = a.get_float("alpha", 1e-4f);
    const float beta = a.get_float("beta", 0.75f);
    const float k = a.get_float("k", 1.0f);
    return std::make_unique<LocalResponseNorm>(size, alpha, beta, k);
}

}  // namespace ll
