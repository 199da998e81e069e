// Layer: the interface every layer family implements, forward and backward side by side.
//
// Life of a layer: made from its JSON arguments by a make_<type>() factory (layers.h), then
// configure(in_shape) checks the arguments against the shape flowing in and sizes the parameters,
// init(rng) sets PyTorch's default initialisation, and forward/backward run batch after batch.
// Ownership: a layer owns its parameters, their gradients, its buffers and its caches; it keeps them
// while the shapes stay the same (no allocation in the training loop). forward() may keep a pointer to
// its input x: the caller keeps x alive and unchanged until backward(). Optimizers, never layers,
// update parameters. Mode is an argument, never a global.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "engine/json.h"
#include "engine/rng.h"
#include "engine/status.h"
#include "engine/tensor.h"

namespace ll {

enum class Mode { Train, Eval };

// A learnable tensor with its gradient: the state_dict name ("weight", "bias") and the two tensors.
struct ParamRef {
    std::string name;
    Tensor* value;
    Tensor* grad;
};

// A non-learnable tensor in the state_dict (running_mean, running_var) or the I64 counter
// num_batches_tracked (then value is null and count points at it).
struct BufferRef {
    std::string name;
    Tensor* value = nullptr;
    int64_t* count = nullptr;
};

// What a layer does to positions, for receptive fields and the conv arithmetic: an output position o
// reads input positions [o*stride - padding, o*stride - padding + (kernel-1)*dilation] per axis.
// Layers that mix every position (Linear, Flatten of a spatial map, LayerNorm...) set global.
struct Geometry {
    int kernel[2] = {1, 1};
    int stride[2] = {1, 1};
    int padding[2] = {0, 0};
    int dilation[2] = {1, 1};
    bool global = false;   // output depends on the whole spatial input
    bool spatial = true;   // false once the tensor has no H, W (after Flatten)

    static Geometry window(const int kernel[2], const int stride[2], const int padding[2], const int dilation[2]) {
        Geometry g;
        for (int a = 0; a < 2; ++a) {
            g.kernel[a] = kernel[a];
            g.stride[a] = stride[a];
            g.padding[a] = padding[a];
            g.dilation[a] = dilation[a];
        }
        return g;
    }
};

// Largest kernel, stride, padding or dilation (the largest input side), and the largest channel or
// feature count (the largest tensor a layer may output per sample, Model's 2^26 values).
constexpr int kMaxSpatialArg = 65536;
constexpr int kMaxChannelArg = 1 << 26;

// What a model may allocate, counted in 64 bits before anything is allocated: parameters with their
// gradients, buffers, workspaces and the activations of one sample. hint says how the caller's front
// end raises the limit ("--max-memory MB raises it"); it ends the refusal's message.
struct MemoryLimit {
    int64_t bytes = int64_t(1) << 30;
    std::string hint;
};

// "2.5 GiB", "768 KiB", "12 bytes".
std::string bytes_str(int64_t bytes);
// "; the model may use at most 1.0 GiB and already holds 3.2 MiB (hint)": the end of a refusal.
std::string memory_limit_note(const MemoryLimit& limit, int64_t used);

// Reads a layer's JSON arguments with PyTorch's defaults, checks their kinds and ranges, and records
// the value used for every argument (the canonical form written back by Model::to_json). Arguments
// never read are reported as unknown by finish().
class LayerArgs {
public:
    explicit LayerArgs(const Json& obj) : obj_(obj), canonical_(Json::object()) {}

    int get_int(const char* key, int def, int min_value = INT32_MIN, int max_value = INT32_MAX);
    // int or [h, w]; records an error when malformed or outside [min_value, max_value]. The default
    // maximum is the largest input side: a larger kernel, stride, padding or dilation can never fit,
    // and refusing it here keeps the shape arithmetic far from overflow.
    void get_pair(const char* key, int def, int out[2], int min_value = 0, int max_value = kMaxSpatialArg);
    void get_pair(const char* key, const int def[2], int out[2], int min_value = 0, int max_value = kMaxSpatialArg);
    // A finite number: 1e400 parses to inf and NaN cannot be written in JSON but may arrive from a
    // program; either is refused naming the argument.
    float get_float(const char* key, float def);
    // For arguments where torch accepts None (BatchNorm's momentum): true when the JSON holds null
    // (recorded as null in the canonical form); otherwise reads the number like get_float.
    bool get_null_or_float(const char* key, float def, float& out);
    bool get_bool(const char* key, bool def);
    bool has(const char* key) const { return obj_.find(key) != nullptr; }
    // For arguments the layer must have (e.g. out_channels).
    int require_int(const char* key, int min_value = 1, int max_value = kMaxChannelArg);
    void error(const std::string& msg) { if (status_) status_ = Status::error(msg); }

    // Error if any argument was malformed or never read ("unknown argument 'strid'").
    Status finish();
    const Json& canonical() const { return canonical_; }

private:
    const Json* lookup(const char* key);
    const Json& obj_;
    Json canonical_;
    std::vector<std::string> used_{"type"};
    Status status_ = Status::ok();
};

class Layer {
public:
    virtual ~Layer() = default;
    virtual const char* type() const = 0;

    // Checks the arguments against the input shape (without batch dimension, e.g. {C, H, W} or {F})
    // and sizes parameters and buffers. The error says what is impossible and how to fix it.
    virtual Status configure(const Shape& in_shape) = 0;
    // Called by the Model after configure() with the layer right before this one (nullptr for the
    // first), for layers that follow another's parameters (CrossIterationBatchNorm2d reads the
    // preceding Conv2d's weights). The pointer stays valid while the Model lives. An error is a
    // refused memory reservation.
    virtual Status link_previous(Layer* prev) { return Status::ok(); }
    // PyTorch's default initialisation of parameters and buffers.
    virtual void init(Rng&) {}

    // x: (N, in_shape...). Returns (N, out_shape...), owned by the layer, valid until the next call.
    virtual const Tensor& forward(const Tensor& x, Mode mode) = 0;
    // dy: gradient w.r.t. the last forward's output. Overwrites and returns dx; accumulates into
    // parameter gradients (call zero_grad between steps).
    virtual const Tensor& backward(const Tensor& dy) = 0;

    // Whether a batch of this shape can run in this mode (BatchNorm cannot train on one value per
    // channel, as in torch). forward() never fails: callers ask first and show the message.
    virtual Status check_batch(const Shape& x_shape, Mode mode) const { return Status::ok(); }

    virtual std::vector<ParamRef> params() { return {}; }
    virtual std::vector<BufferRef> buffers() { return {}; }
    // Layers with randomness in train mode (Dropout) draw from this generator.
    virtual void set_rng(Rng*) {}

    // Bytes that a batch of n samples adds while it runs: the output, dx and a cache the size of the
    // output by default (an estimate: BatchNorm's x_hat, MaxPool's argmax); layers with larger
    // workspaces (Conv2d's im2col columns) say so.
    virtual int64_t batch_bytes(int n) const;

    // Memory accounting. The Model sets the budget left before configure(); configure() calls
    // reserve() for each tensor before allocating it, so a layer too large for the limit is refused
    // before its allocation could abort the program. Layers configured on their own have no budget.
    // used: what the layers before this one hold.
    void set_memory_budget(const MemoryLimit& limit, int64_t used) {
        limit_ = limit;
        used_before_ = used;
        reserved_bytes_ = 0;
    }
    int64_t reserved_bytes() const { return reserved_bytes_; }

    virtual Geometry geometry() const { return Geometry{}; }
    // Multiply-adds for one sample (the worked example's 768,000 for the 10-filter 5x5 conv).
    virtual int64_t macs() const { return 0; }

    const Shape& in_shape() const { return in_shape_; }
    const Shape& out_shape() const { return out_shape_; }
    int64_t param_count();
    void zero_grad();

    // Canonical arguments (every argument with the value used), set by the factory.
    const Json& args() const { return args_; }
    void set_args(Json a) { args_ = std::move(a); }

protected:
    // copies tensors of shape dims (e.g. 2: a weight and its gradient) of elem_bytes each. Refused past
    // the budget, and for a tensor of 2^31 elements or more (the kernels index with int).
    Status reserve(const char* what, std::initializer_list<int64_t> dims, int copies = 1, int elem_bytes = 4);

    Shape in_shape_, out_shape_;
    Json args_;

private:
    MemoryLimit limit_{INT64_MAX, std::string()};
    int64_t used_before_ = 0;
    int64_t reserved_bytes_ = 0;
};

using LayerPtr = std::unique_ptr<Layer>;

// Shape helpers for configure(): "expects a C x H x W input, got 784".
Status expect_image(const Shape& in, const char* what);  // 3 dims
Shape batch_shape(int n, const Shape& sample);          // {n, sample...}

// t.resize(dims) without building a Shape (a heap allocation) while t already has that shape: the
// training loop allocates nothing in its steady state.
void resize_to(Tensor& t, std::initializer_list<int> dims);
// "5x5", or "5" when squash and both axes agree (for per-axis numbers in messages).
std::string pair_str(const int v[2], bool squash = false);

}  // namespace ll
