#include "engine/gradcheck.h"

#include <cmath>
#include <cstdio>

namespace ll {

namespace {

double loss_of(Layer& layer, const Tensor& x, const Tensor& r, Mode mode, Rng& rng, const Rng& start) {
    rng = start;
    const Tensor& y = layer.forward(x, mode);
    double s = 0.0;
    for (size_t i = 0; i < y.numel(); ++i) s += double(y[i]) * double(r[i]);
    return s;
}

void compare(GradcheckResult& res, const std::string& name, size_t i, double a, double n, double tol) {
    const double err = std::fabs(a - n) / std::max(1.0, std::max(std::fabs(a), std::fabs(n)));
    ++res.checked;
    if (err > res.max_error) {
        res.max_error = err;
        char buf[160];
        std::snprintf(buf, sizeof buf, "%s[%zu]: analytic %.6g, numeric %.6g", name.c_str(), i, a, n);
        res.worst = buf;
    }
    if (err > tol) res.ok = false;
}

}  // namespace

GradcheckResult gradcheck(Layer& layer, const Tensor& x_in, Rng& rng, const GradcheckOptions& opt) {
    GradcheckResult res;
    layer.set_rng(&rng);
    const Rng start = rng;
    Tensor x = x_in;
    const Tensor& y0 = layer.forward(x, opt.mode);
    Rng rr(1234);
    Tensor r(y0.shape());
    for (size_t i = 0; i < r.numel(); ++i) r[i] = rr.uniform(-1.0f, 1.0f);

    // Analytic gradients, copied out before the numeric passes overwrite the layer's buffers.
    rng = start;
    layer.forward(x, opt.mode);
    layer.zero_grad();
    const Tensor dx = layer.backward(r);
    std::vector<Tensor> dparams;
    for (const ParamRef& p : layer.params()) dparams.push_back(*p.grad);

    auto check_tensor = [&](Tensor& v, const Tensor& analytic, const std::string& name) {
        const size_t n = v.numel();
        const size_t step = std::max<size_t>(1, n / size_t(opt.max_checks));
        for (size_t i = 0; i < n; i += step) {
            const float old = v[i];
            v[i] = old + opt.eps;
            const double lp = loss_of(layer, x, r, opt.mode, rng, start);
            v[i] = old - opt.eps;
            const double lm = loss_of(layer, x, r, opt.mode, rng, start);
            v[i] = old;
            compare(res, name, i, double(analytic[i]), (lp - lm) / (2.0 * double(opt.eps)), opt.tol);
        }
    };
    check_tensor(x, dx, "input");
    std::vector<ParamRef> ps = layer.params();
    for (size_t k = 0; k < ps.size(); ++k) check_tensor(*ps[k].value, dparams[k], ps[k].name);
    layer.set_rng(nullptr);
    return res;
}

}  // namespace ll
