// Model: a sequence of layers described by the model JSON, run forward and backward as a whole.
//
// {"input_shape": [C, H, W], "layers": [{"type": "Conv2d", "out_channels": 8, ...}, ...]}
// in_channels / in_features are inferred from the shape flowing in. Parameter and buffer names follow
// torch's nn.Sequential state_dict: "{i}.weight", "{i}.running_mean", "{i}.num_batches_tracked".
// The model keeps every layer's output and every gradient with respect to it, for the labs to show.
#pragma once
#include <string>
#include <vector>

#include "engine/io.h"  // load_model_file reads through it (and the app's callers still find read_file here)
#include "engine/layers/layer.h"

namespace ll {

// Receptive field of one output position of a layer, in input pixels, and the jump (stride product).
struct Receptive {
    int size[2] = {1, 1};
    int jump[2] = {1, 1};
    bool whole_input = false;  // after Flatten/Linear: every input pixel
};

struct LayerInfo {
    std::string type;
    Shape out_shape;       // per sample
    int64_t params = 0;
    int64_t macs = 0;      // per sample
    Receptive receptive;
};

class Model {
public:
    // Builds and configures every layer; the error names the layer ("layer 3 (Conv2d): ..."). limit
    // caps parameters, buffers and workspaces plus one sample's activations, counted in 64 bits
    // before anything is allocated (the page passes less than the native default of 1 GiB).
    static Status from_json(const Json& desc, Model& out, const MemoryLimit& limit = MemoryLimit());
    Json to_json() const;

    void init(Rng& rng);          // PyTorch's default initialisation, layer by layer
    void set_rng(Rng* rng);       // randomness of train-mode layers (Dropout)

    // Whether a batch of n samples can run in this mode, and fits the memory limit with its
    // activations; the error names the layer.
    Status check_batch(int n, Mode mode) const;
    // Bytes of parameters, gradients, buffers and workspaces (reserved by the layers at configure).
    int64_t state_bytes() const { return state_bytes_; }
    // Bytes of the activations a batch of n samples adds (an estimate, see Layer::batch_bytes).
    int64_t batch_bytes(int n) const;
    const MemoryLimit& memory_limit() const { return limit_; }
    // x: (N, input_shape...), kept alive by the caller until backward(). Returns the last output.
    const Tensor& forward(const Tensor& x, Mode mode);
    // dy: gradient w.r.t. the model's output (kept alive by the caller). Returns the gradient w.r.t. x.
    const Tensor& backward(const Tensor& dy);
    void zero_grad();

    // Names "{i}.weight". Built once by from_json, so a training step reads it without allocating.
    const std::vector<ParamRef>& params() const { return params_; }
    std::vector<BufferRef> buffers();  // names "{i}.running_mean"
    std::vector<LayerInfo> info() const;

    const Shape& input_shape() const { return input_shape_; }
    const Shape& output_shape() const;  // per sample
    size_t size() const { return layers_.size(); }
    Layer& layer(size_t i) { return *layers_[i]; }
    const Layer& layer(size_t i) const { return *layers_[i]; }
    // After forward: layer i's output. After backward: the gradient w.r.t. layer i's output.
    const Tensor& output(size_t i) const { return *outputs_[i]; }
    const Tensor& output_grad(size_t i) const { return *output_grads_[i]; }
    bool has_backward() const { return !output_grads_.empty() && output_grads_[0] != nullptr; }

private:
    Shape input_shape_;
    std::vector<LayerPtr> layers_;
    std::vector<const Tensor*> outputs_;
    std::vector<const Tensor*> output_grads_;
    std::vector<ParamRef> params_;
    MemoryLimit limit_;
    int64_t state_bytes_ = 0;

    Status check_memory(int n) const;
};

Status load_model_file(const std::string& path, Model& out, const MemoryLimit& limit = MemoryLimit());

}  // namespace ll
