// SurfaceRun: one optimizer descending a 2-D loss surface, step by step, for the Optimizers lab and
// `layerlab optimize`. It drives the engine's own optimizers (make_optimizer, the code that trains
// networks) on a single float32 parameter tensor of shape (2) holding (u, v), as torch.optim would
// drive an nn.Parameter of shape (2,). Each step:
//   grad = float(surface.param_gradient(double(u), double(v)))   (exact gradient at the float32 point)
//   grad += l1*sign(p)  (add_l1, as `fit --l1`);  grad += l2*p  (the gradient of 0.5*l2*|p|^2)
//   optimizer.step()    (its own weight decay, if any, comes after these)
// Positions are reported in the surface's plotted coordinates (x, y) = from_params(u, v).
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/optim.h"
#include "engine/surfaces.h"

namespace ll {

class SurfaceRun {
public:
    // Starts over at the plotted point (x, y), converted to the optimizer's float32 parameters, with a
    // fresh optimizer. The surface must outlive the run. Errors: the optimizer config
    // (check_optim_config), a negative or non-finite l1 / l2, a non-finite start.
    Status reset(const Surface& surface, double x, double y, const OptimConfig& cfg, float l1 = 0.0f, float l2 = 0.0f);

    // One step on the full gradient.
    void step();
    // One step on the mini-batch gradient of the samples idx (surfaces with samples() > 0).
    void step_batch(const std::vector<int>& idx);
    // One step on the next mini-batch of `batch` samples, taken in order and wrapping to the start after
    // the last sample (a last short batch is used as it is), as `layerlab optimize --batch-size` and the
    // Optimizers lab step. reset() starts again from the first sample.
    void step_next_batch(int batch);

    // The current point in plotted coordinates, from the float32 parameters (in double).
    double x() const;
    double y() const;
    // The surface's value at (x(), y()): the data loss only, without the l1 / l2 terms.
    double loss() const;
    // Not a number or infinite: the run has diverged (e.g. a learning rate too large for rosenbrock).
    bool diverged() const;

    int64_t steps() const { return opt_ ? opt_->steps() : 0; }
    const Tensor& params() const { return p_; }     // (2) (u, v), what the optimizer updates
    const Tensor& last_grad() const { return g_; }  // (2) the gradient given to the last step, l1 / l2 included
    const Optimizer& optimizer() const { return *opt_; }
    Optimizer& optimizer() { return *opt_; }
    // The optimizer's state for the point ("exp_avg", "momentum_buffer", ...); empty before the first step.
    std::vector<std::pair<std::string, const Tensor*>> state() const;
    const Surface& surface() const { return *surface_; }

private:
    void apply(double gu, double gv);

    const Surface* surface_ = nullptr;
    std::unique_ptr<Optimizer> opt_;
    Tensor p_{Shape{2}}, g_{Shape{2}};  // (2) parameter (u, v) and its gradient
    float l1_ = 0.0f, l2_ = 0.0f;
    int batch_pos_ = 0;     // the next mini-batch's first sample
    std::vector<int> idx_;  // its samples (kept, so a step allocates nothing)
};

// The L1/L2 penalty whose gradient SurfaceRun::step adds, at optimizer coordinates (u, v):
// l1 * (|u| + |v|) + 0.5 * l2 * (u^2 + v^2). The Optimizers lab's heat map adds it to the loss;
// shaders/surface_frag.glsl computes the same in float (tests/test_surfaces.cpp holds them together).
double surface_penalty(double u, double v, float l1, float l2);

}  // namespace ll
