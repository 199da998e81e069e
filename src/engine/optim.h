// Optimizers: SGD (momentum, dampening, Nesterov), Adagrad, RMSprop, Adam and AdamW, with exactly the
// update rules of torch.optim 1.13 (single-tensor path, maximize = False, amsgrad = False), including the
// order of the float32 operations (see optim.cpp). An optimizer owns its per-parameter state (moments,
// momentum buffers), created lazily on the first step; layers never update themselves.
//
// Usage: OptimConfig c; c.name = "adam"; LL_TRY(check_optim_config(c)); auto opt = make_optimizer(c);
// then per batch: model.zero_grad(); forward; backward; opt->step(model.params()).
#pragma once
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/layers/layer.h"
#include "engine/status.h"
#include "engine/tensor.h"

namespace ll {

struct OptimConfig {
    std::string name = "sgd";   // sgd | adagrad | rmsprop | adam | adamw
    float lr = 0.01f;
    float momentum = 0.0f, dampening = 0.0f; bool nesterov = false;   // sgd; rmsprop uses momentum too
    float weight_decay = NAN;   // NAN = torch's default for that optimizer (0, AdamW 0.01)
    float beta1 = 0.9f, beta2 = 0.999f;
    float eps = NAN;            // NAN = torch's default (1e-8; Adagrad 1e-10)
    float alpha = 0.99f; bool centered = false;   // rmsprop
    float lr_decay = 0.0f, initial_accumulator_value = 0.0f;   // adagrad
};

// The checks torch's constructors make (unknown name, lr < 0, momentum < 0, Nesterov without momentum or
// with dampening, betas outside [0, 1), negative eps / weight_decay / alpha / lr_decay /
// initial_accumulator_value), plus non-finite values. The message names the field and the fix.
Status check_optim_config(const OptimConfig& cfg);

// cfg with the NAN defaults replaced by torch's value for cfg.name.
OptimConfig resolve_optim_defaults(const OptimConfig& cfg);

class Optimizer {
public:
    explicit Optimizer(const OptimConfig& cfg) : cfg_(resolve_optim_defaults(cfg)) {}
    virtual ~Optimizer() = default;
    // Applies one step to every parameter using p.grad; state is created lazily on the first step, keyed by
    // position in the list (later steps must pass the same parameters, in the same order and shapes).
    virtual void step(const std::vector<ParamRef>& params) = 0;
    virtual const char* name() const = 0;
    int64_t steps() const { return t_; }
    // Named per-parameter state for the labs to display: {"momentum_buffer"} for SGD with momentum,
    // {"exp_avg","exp_avg_sq"} Adam/AdamW, {"sum"} Adagrad, {"square_avg"} RMSprop plus
    // "momentum_buffer" (momentum > 0) and "grad_avg" (centered). Names as in torch's optimizer.state;
    // empty before the first step.
    virtual std::vector<std::pair<std::string, const Tensor*>> state(size_t param_index) const = 0;
    void set_lr(float lr) { cfg_.lr = lr; }
    float lr() const { return cfg_.lr; }
    // The configuration in use, defaults resolved (no NAN).
    const OptimConfig& config() const { return cfg_; }

protected:
    // On the first step, sizes every tensor of `slots` (one per parameter) filled with `fill`; later,
    // checks that the parameter list still matches. Returns true on the first step.
    bool lazy_state(const std::vector<ParamRef>& params, std::vector<Tensor>& slots, float fill = 0.0f);

    int64_t t_ = 0;
    OptimConfig cfg_;
};

// Call check_optim_config first: an invalid config is a programmer error here.
std::unique_ptr<Optimizer> make_optimizer(const OptimConfig& cfg);

// L1 regularisation: grad += l1 * sign(w) (sign(0) = 0) for every parameter.
void add_l1(const std::vector<ParamRef>& params, float l1);

}  // namespace ll
