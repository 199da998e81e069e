#include "engine/bn_fold.h"

#include <algorithm>
#include <cmath>

namespace ll {

Status fold_batchnorm(const Conv2d& conv, const BatchNorm& bn, FoldedConv& out) {
    if (std::string(bn.type()) != "BatchNorm2d") return Status::error("only a BatchNorm2d folds into a Conv2d");
    const Tensor& w = conv.weight();
    if (w.shape().size() != 4) return Status::error("the conv is not configured yet");
    const int oc = w.shape()[0];
    const Tensor& mean = bn.running_mean();
    const Tensor& var = bn.running_var();
    if (mean.numel() == 0) return Status::error("BatchNorm2d without running statistics (track_running_stats=false) uses each batch's, so it cannot fold");
    if (int(mean.numel()) != oc)
        return Status::error("BatchNorm2d has " + std::to_string(mean.numel()) + " channels, the conv " + std::to_string(oc) + " outputs");
    const Tensor& gamma = bn.gamma();
    const Tensor& beta = bn.beta();
    const size_t per = w.numel() / size_t(oc);
    out.weight = Tensor(w.shape());
    out.bias = Tensor({oc});
    out.scale = Tensor({oc});
    for (int o = 0; o < oc; ++o) {
        const double g = gamma.numel() ? double(gamma[size_t(o)]) : 1.0;
        const double b = beta.numel() ? double(beta[size_t(o)]) : 0.0;
        const double s = g / std::sqrt(double(var[size_t(o)]) + double(bn.eps()));
        const double cb = conv.has_bias() ? double(conv.bias()[size_t(o)]) : 0.0;
        out.scale[size_t(o)] = float(s);
        out.bias[size_t(o)] = float((cb - double(mean[size_t(o)])) * s + b);
        for (size_t k = 0; k < per; ++k) out.weight[size_t(o) * per + k] = float(double(w[size_t(o) * per + k]) * s);
    }
    return Status::ok();
}

Status folded_forward(const Conv2d& conv, const FoldedConv& folded, const Tensor& x, Tensor& y) {
    ConvOptions o = conv.options();
    o.bias = true;
    Conv2d merged(o);
    if (x.shape().size() != 4) return Status::error("expected an input (N, C, H, W)");
    LL_TRY(merged.configure({x.shape()[1], x.shape()[2], x.shape()[3]}));
    for (ParamRef& p : merged.params()) {
        if (p.name == "weight") *p.value = folded.weight;
        else if (p.name == "bias") *p.value = folded.bias;
    }
    y = merged.forward(x, Mode::Eval);
    return Status::ok();
}

Status folded_difference(const Conv2d& conv, const FoldedConv& folded, const Tensor& x, const Tensor& reference,
                         double& max_diff) {
    Tensor y;
    LL_TRY(folded_forward(conv, folded, x, y));
    if (y.shape() != reference.shape()) return Status::error("the folded conv's output and the reference differ in shape");
    max_diff = 0.0;
    for (size_t i = 0; i < y.numel(); ++i) max_diff = std::max(max_diff, std::fabs(double(y[i]) - double(reference[i])));
    return Status::ok();
}

}  // namespace ll
