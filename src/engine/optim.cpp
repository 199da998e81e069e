// Optimizers, transcribed from torch/optim/{sgd,adagrad,rmsprop,adam,adamw}.py (1.13, _single_tensor_*).
// Matching torch to float32 rounding means copying its arithmetic, not just its algebra:
//  - Python scalars (1 - beta1, lr / bias_correction1, ...) are computed in double and cast to float when
//    they meet a tensor, as ATen does with a Scalar;
//  - tensor ops round after each op: a.mul_(s) then .add_(g, alpha) is (a*s) + alpha*g; addcmul_(t1, t2,
//    value) is self + (value*t1)*t2; addcdiv_(t1, t2, value) is self + (value*t1)/t2;
//  - weight decay makes a new gradient (grad.add(p, alpha=wd)) and never touches p.grad.
// (ATen's vectorised add may fuse alpha*b + a into one FMA; the difference is one rounding, far below
// the golden tests' tolerance.)
#include "engine/optim.h"

#include <cstdio>

namespace ll {

namespace {

std::string num(float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", double(v));
    return buf;
}

Status field_error(const char* field, float v, const char* rule) {
    return Status::error(std::string("optimizer ") + field + " " + rule + ", got " + num(v));
}

// ---- SGD ----
// g = grad + wd*p;  buf = g (first step) or momentum*buf + (1-dampening)*g;
// g = g + momentum*buf (Nesterov) or buf;  p = p - lr*g.
class Sgd final : public Optimizer {
public:
    using Optimizer::Optimizer;
    const char* name() const override { return "SGD"; }
    void step(const std::vector<ParamRef>& params) override {
        ++t_;
        const bool use_mom = cfg_.momentum != 0.0f;
        const bool first = use_mom && lazy_state(params, buf_);
        const float wd = cfg_.weight_decay, mom = cfg_.momentum, neg_lr = -cfg_.lr;
        const float keep = float(1.0 - double(cfg_.dampening));
        for (size_t k = 0; k < params.size(); ++k) {
            float* p = params[k].value->data();
            const float* grad = params[k].grad->data();
            float* b = use_mom ? buf_[k].data() : nullptr;
            for (size_t i = 0, n = params[k].value->numel(); i < n; ++i) {
                float g = grad[i];
                if (wd != 0.0f) g = g + wd * p[i];
                if (use_mom) {
                    b[i] = first ? g : b[i] * mom + keep * g;
                    g = cfg_.nesterov ? g + mom * b[i] : b[i];
                }
                p[i] = p[i] + neg_lr * g;
            }
        }
    }
    std::vector<std::pair<std::string, const Tensor*>> state(size_t i) const override {
        if (i >= buf_.size()) return {};
        return {{"momentum_buffer", &buf_[i]}};
    }

private:
    std::vector<Tensor> buf_;
};

// ---- Adagrad ----
// g = grad + wd*p;  clr = lr / (1 + (step-1)*lr_decay);  sum += g*g;  p -= clr * g / (sqrt(sum) + eps).
class Adagrad final : public Optimizer {
public:
    using Optimizer::Optimizer;
    const char* name() const override { return "Adagrad"; }
    void step(const std::vector<ParamRef>& params) override {
        ++t_;
        lazy_state(params, sum_, cfg_.initial_accumulator_value);
        const double clr = double(cfg_.lr) / (1.0 + double(t_ - 1) * double(cfg_.lr_decay));
        const float neg_clr = float(-clr), wd = cfg_.weight_decay, eps = cfg_.eps;
        for (size_t k = 0; k < params.size(); ++k) {
            float* p = params[k].value->data();
            const float* grad = params[k].grad->data();
            float* s = sum_[k].data();
            for (size_t i = 0, n = params[k].value->numel(); i < n; ++i) {
                float g = grad[i];
                if (wd != 0.0f) g = g + wd * p[i];
                s[i] = s[i] + g * g;
                const float std_ = std::sqrt(s[i]) + eps;
                p[i] = p[i] + (neg_clr * g) / std_;
            }
        }
    }
    std::vector<std::pair<std::string, const Tensor*>> state(size_t i) const override {
        if (i >= sum_.size()) return {};
        return {{"sum", &sum_[i]}};
    }

private:
    std::vector<Tensor> sum_;
};

// ---- RMSprop ----
// g = grad + wd*p;  sq = alpha*sq + (1-alpha)*g^2;  centered: ga = alpha*ga + (1-alpha)*g,
// avg = sqrt(sq - ga^2) + eps, else avg = sqrt(sq) + eps;
// momentum > 0: buf = momentum*buf + g/avg, p -= lr*buf;  else p -= lr*g/avg.
class RmsProp final : public Optimizer {
public:
    using Optimizer::Optimizer;
    const char* name() const override { return "RMSprop"; }
    void step(const std::vector<ParamRef>& params) override {
        ++t_;
        const bool use_mom = cfg_.momentum > 0.0f;
        lazy_state(params, sq_);
        if (use_mom) lazy_state(params, buf_);
        if (cfg_.centered) lazy_state(params, gavg_);
        const float alpha = cfg_.alpha, a1 = float(1.0 - double(cfg_.alpha)), eps = cfg_.eps;
        const float wd = cfg_.weight_decay, mom = cfg_.momentum, neg_lr = -cfg_.lr;
        for (size_t k = 0; k < params.size(); ++k) {
            float* p = params[k].value->data();
            const float* grad = params[k].grad->data();
            float* sq = sq_[k].data();
            float* ga = cfg_.centered ? gavg_[k].data() : nullptr;
            float* b = use_mom ? buf_[k].data() : nullptr;
            for (size_t i = 0, n = params[k].value->numel(); i < n; ++i) {
                float g = grad[i];
                if (wd != 0.0f) g = g + wd * p[i];
                sq[i] = sq[i] * alpha + (a1 * g) * g;
                float avg;
                if (ga) {
                    ga[i] = ga[i] * alpha + a1 * g;
                    avg = std::sqrt(sq[i] + (-ga[i]) * ga[i]);
                } else {
                    avg = std::sqrt(sq[i]);
                }
                avg = avg + eps;
                if (b) {
                    b[i] = b[i] * mom + g / avg;
                    p[i] = p[i] + neg_lr * b[i];
                } else {
                    p[i] = p[i] + (neg_lr * g) / avg;
                }
            }
        }
    }
    std::vector<std::pair<std::string, const Tensor*>> state(size_t i) const override {
        std::vector<std::pair<std::string, const Tensor*>> s;
        if (i >= sq_.size()) return s;
        s.push_back({"square_avg", &sq_[i]});
        if (i < buf_.size()) s.push_back({"momentum_buffer", &buf_[i]});
        if (i < gavg_.size()) s.push_back({"grad_avg", &gavg_[i]});
        return s;
    }

private:
    std::vector<Tensor> sq_, buf_, gavg_;
};

// ---- Adam, AdamW ----
// Adam: g = grad + wd*p.  AdamW (decoupled): p *= 1 - lr*wd, g = grad.  Then
// m = beta1*m + (1-beta1)*g;  v = beta2*v + (1-beta2)*g^2;  bc_i = 1 - beta_i^step;
// p -= (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps)   (torch 1.13 puts eps outside the bias correction).
class Adam final : public Optimizer {
public:
    Adam(const OptimConfig& cfg, bool decoupled) : Optimizer(cfg), decoupled_(decoupled) {}
    const char* name() const override { return decoupled_ ? "AdamW" : "Adam"; }
    void step(const std::vector<ParamRef>& params) override {
        ++t_;
        lazy_state(params, m_);
        lazy_state(params, v_);
        const double lr = cfg_.lr, b1 = cfg_.beta1, b2 = cfg_.beta2, step = double(t_);
        const double bc1 = 1.0 - std::pow(b1, step), bc2 = 1.0 - std::pow(b2, step);
        const float neg_step_size = float(-(lr / bc1)), bc2_sqrt = float(std::sqrt(bc2));
        const float beta1 = cfg_.beta1, beta2 = cfg_.beta2, eps = cfg_.eps;
        const float a1 = float(1.0 - b1), a2 = float(1.0 - b2);
        const float wd = cfg_.weight_decay, shrink = float(1.0 - lr * double(cfg_.weight_decay));
        for (size_t k = 0; k < params.size(); ++k) {
            float* p = params[k].value->data();
            const float* grad = params[k].grad->data();
            float* m = m_[k].data();
            float* v = v_[k].data();
            for (size_t i = 0, n = params[k].value->numel(); i < n; ++i) {
                float g = grad[i];
                if (decoupled_) p[i] = p[i] * shrink;
                else if (wd != 0.0f) g = g + wd * p[i];
                m[i] = m[i] * beta1 + a1 * g;
                v[i] = v[i] * beta2 + (a2 * g) * g;
                const float denom = std::sqrt(v[i]) / bc2_sqrt + eps;
                p[i] = p[i] + (neg_step_size * m[i]) / denom;
            }
        }
    }
    std::vector<std::pair<std::string, const Tensor*>> state(size_t i) const override {
        if (i >= m_.size()) return {};
        return {{"exp_avg", &m_[i]}, {"exp_avg_sq", &v_[i]}};
    }

private:
    bool decoupled_;
    std::vector<Tensor> m_, v_;
};

}  // namespace

bool Optimizer::lazy_state(const std::vector<ParamRef>& params, std::vector<Tensor>& slots, float fill) {
    if (slots.empty()) {
        slots.reserve(params.size());
        for (const ParamRef& p : params) slots.emplace_back(p.value->shape(), fill);
        return true;
    }
    LL_ASSERT(slots.size() == params.size(), "optimizer: the parameter list changed between steps");
    for (size_t k = 0; k < params.size(); ++k)
        LL_ASSERT(slots[k].shape() == params[k].value->shape(), "optimizer: a parameter changed shape between steps");
    return false;
}

OptimConfig resolve_optim_defaults(const OptimConfig& cfg) {
    OptimConfig c = cfg;
    if (std::isnan(c.weight_decay)) c.weight_decay = c.name == "adamw" ? 0.01f : 0.0f;
    if (std::isnan(c.eps)) c.eps = c.name == "adagrad" ? 1e-10f : 1e-8f;
    return c;
}

Status check_optim_config(const OptimConfig& c) {
    const char* kNames[] = {"sgd", "adagrad", "rmsprop", "adam", "adamw"};
    bool known = false;
    for (const char* n : kNames) known = known || c.name == n;
    if (!known)
        return Status::error("unknown optimizer \"" + c.name + "\" (known: sgd, adagrad, rmsprop, adam, adamw)");
    // Written as !(v >= 0) so NAN fails too; NAN is only a "use the default" marker for wd and eps.
    auto non_negative = [](float v) { return v >= 0.0f && std::isfinite(v); };
    if (!non_negative(c.lr)) return field_error("lr", c.lr, "(learning rate) must be a finite number >= 0");
    if (!std::isnan(c.weight_decay) && !non_negative(c.weight_decay))
        return field_error("weight_decay", c.weight_decay, "must be >= 0");
    if (!std::isnan(c.eps) && !non_negative(c.eps)) return field_error("eps", c.eps, "must be >= 0");
    if (c.name == "sgd" || c.name == "rmsprop") {
        if (!non_negative(c.momentum)) return field_error("momentum", c.momentum, "must be >= 0");
    }
    if (c.name == "sgd") {
        if (!std::isfinite(c.dampening)) return field_error("dampening", c.dampening, "must be a finite number");
        if (c.nesterov && (c.momentum <= 0.0f || c.dampening != 0.0f))
            return Status::error("Nesterov momentum requires a momentum > 0 and zero dampening (got momentum " +
                                 num(c.momentum) + ", dampening " + num(c.dampening) +
                                 "); set a momentum such as 0.9 and dampening 0, or turn nesterov off");
    }
    if (c.name == "rmsprop" && !non_negative(c.alpha))
        return field_error("alpha", c.alpha, "(smoothing constant) must be >= 0");
    if (c.name == "adam" || c.name == "adamw") {
        if (!(c.beta1 >= 0.0f && c.beta1 < 1.0f)) return field_error("beta1", c.beta1, "must be in [0, 1)");
        if (!(c.beta2 >= 0.0f && c.beta2 < 1.0f)) return field_error("beta2", c.beta2, "must be in [0, 1)");
    }
    if (c.name == "adagrad") {
        if (!non_negative(c.lr_decay)) return field_error("lr_decay", c.lr_decay, "must be >= 0");
        if (!non_negative(c.initial_accumulator_value))
            return field_error("initial_accumulator_value", c.initial_accumulator_value, "must be >= 0");
    }
    return Status::ok();
}

std::unique_ptr<Optimizer> make_optimizer(const OptimConfig& cfg) {
    LL_ASSERT(check_optim_config(cfg).is_ok(), "make_optimizer: invalid config (call check_optim_config first)");
    if (cfg.name == "sgd") return std::make_unique<Sgd>(cfg);
    if (cfg.name == "adagrad") return std::make_unique<Adagrad>(cfg);
    if (cfg.name == "rmsprop") return std::make_unique<RmsProp>(cfg);
    return std::make_unique<Adam>(cfg, cfg.name == "adamw");
}

// d/dw l1*|w| = l1*sign(w), with sign(0) = 0 (torch's sign, and the subgradient that leaves 0 alone).
void add_l1(const std::vector<ParamRef>& params, float l1) {
    if (l1 == 0.0f) return;
    for (const ParamRef& p : params) {
        const float* w = p.value->data();
        float* g = p.grad->data();
        for (size_t i = 0, n = p.value->numel(); i < n; ++i)
            g[i] += w[i] > 0.0f ? l1 : (w[i] < 0.0f ? -l1 : 0.0f);
    }
}

}  // namespace ll
