#include "engine/model.h"

#include <algorithm>

#include "engine/io.h"
#include "engine/layers/layers.h"

namespace ll {

namespace {

struct LayerType {
    const char* name;
    LayerPtr (*make)(LayerArgs&);
};

// The model JSON's "type" names, as in torch.nn.
const LayerType kLayerTypes[] = {
    {"Conv2d", make_conv2d},
    {"ConvTranspose2d", make_conv_transpose2d},
    {"MaxPool2d", make_max_pool2d},
    {"AvgPool2d", make_avg_pool2d},
    {"LPPool2d", make_lp_pool2d},
    {"AdaptiveAvgPool2d", make_adaptive_avg_pool2d},
    {"BatchNorm2d", make_batch_norm2d},
    {"BatchNorm1d", make_batch_norm1d},
    {"LayerNorm", make_layer_norm},
    {"InstanceNorm2d", make_instance_norm2d},
    {"GroupNorm", make_group_norm},
    {"LocalResponseNorm", make_local_response_norm},
    {"LocalContrastNorm", make_local_contrast_norm},
    {"CrossIterationBatchNorm2d", make_cross_iteration_batch_norm2d},
    {"ReLU", make_relu},
    {"LeakyReLU", make_leaky_relu},
    {"Sigmoid", make_sigmoid},
    {"Tanh", make_tanh},
    {"GELU", make_gelu},
    {"Softmax", make_softmax},
    {"Linear", make_linear},
    {"Flatten", make_flatten},
    {"Dropout", make_dropout},
    {"Dropout2d", make_dropout2d},
};

std::string known_types() {
    std::string s;
    for (const LayerType& t : kLayerTypes) {
        if (!s.empty()) s += ", ";
        s += t.name;
    }
    return s;
}

Status make_layer(const Json& desc, LayerPtr& out) {
    if (!desc.is_object()) return Status::error(std::string("must be an object, got ") + json_kind_name(desc.kind()));
    const Json* type = desc.find("type");
    if (!type || !type->is_string()) return Status::error("needs a \"type\" string such as \"Conv2d\"");
    for (const LayerType& t : kLayerTypes) {
        if (type->as_string() != t.name) continue;
        LayerArgs args(desc);
        LayerPtr layer = t.make(args);
        LL_TRY(args.finish());
        Json canonical = Json::object();
        canonical.set("type", Json::string(t.name));
        for (const auto& m : args.canonical().members()) canonical.set(m.first, m.second);
        layer->set_args(std::move(canonical));
        out = std::move(layer);
        return Status::ok();
    }
    return Status::error("unknown layer type \"" + type->as_string() + "\" (known: " + known_types() + ")");
}

}  // namespace

Status Model::from_json(const Json& desc, Model& out, const MemoryLimit& limit) {
    out = Model();
    out.limit_ = limit;
    if (!desc.is_object()) return Status::error("the model must be a JSON object with input_shape and layers");
    for (const auto& m : desc.members()) {
        if (m.first != "input_shape" && m.first != "layers")
            return Status::error("unknown key \"" + m.first + "\" (a model has input_shape and layers)");
    }
    const Json* in = desc.find("input_shape");
    if (!in || !in->is_array() || in->size() == 0 || in->size() > 3)
        return Status::error("input_shape must be a list like [C, H, W] or [features]");
    for (const Json& d : in->items()) {
        if (!d.is_int() || d.as_int() < 1 || d.as_int() > 65536)
            return Status::error("input_shape entries must be whole numbers from 1 to 65536, got " + in->dump());
        out.input_shape_.push_back(d.as_int());
    }
    if (shape_numel(out.input_shape_) > (size_t(1) << 26))
        return Status::error("input_shape " + shape_str(out.input_shape_) + " is too large (at most 2^26 values)");
    const Json* layers = desc.find("layers");
    if (!layers || !layers->is_array()) return Status::error("\"layers\" must be a list of layer objects");
    Shape shape = out.input_shape_;
    for (size_t i = 0; i < layers->size(); ++i) {
        LayerPtr layer;
        const Json& ld = (*layers)[i];
        const Json* t = ld.is_object() ? ld.find("type") : nullptr;
        const std::string label = "layer " + std::to_string(i) +
                                  (t && t->is_string() ? " (" + t->as_string() + ")" : std::string()) + ": ";
        LL_TRY(make_layer(ld, layer).with_context(label));
        // Each layer reserves its parameters, buffers and workspaces against what the layers before it
        // hold, before allocating them (a 16 GiB weight is refused, not attempted).
        layer->set_memory_budget(limit, out.state_bytes_);
        LL_TRY(layer->configure(shape).with_context(label));
        LL_TRY(layer->link_previous(out.layers_.empty() ? nullptr : out.layers_.back().get()).with_context(label));
        shape = layer->out_shape();
        if (shape_numel(shape) > (size_t(1) << 26))
            return Status::error(label + "output " + shape_str(shape) + " is too large (at most 2^26 values)");
        out.state_bytes_ += layer->reserved_bytes();
        out.layers_.push_back(std::move(layer));
    }
    // Every layer fits; now one sample's activations must fit beside them all.
    LL_TRY(out.check_memory(1));
    out.outputs_.assign(out.layers_.size(), nullptr);
    out.output_grads_.assign(out.layers_.size(), nullptr);
    // The tensors live inside the layers (heap objects), so these pointers survive moving the Model.
    out.params_.clear();
    for (size_t i = 0; i < out.layers_.size(); ++i) {
        for (ParamRef p : out.layers_[i]->params()) {
            p.name = std::to_string(i) + "." + p.name;
            out.params_.push_back(p);
        }
    }
    return Status::ok();
}

Json Model::to_json() const {
    Json j = Json::object();
    Json in = Json::array();
    for (int d : input_shape_) in.push(Json::number(d));
    j.set("input_shape", in);
    Json arr = Json::array();
    for (const LayerPtr& l : layers_) arr.push(l->args());
    j.set("layers", arr);
    return j;
}

void Model::init(Rng& rng) {
    for (LayerPtr& l : layers_) l->init(rng);
}

void Model::set_rng(Rng* rng) {
    for (LayerPtr& l : layers_) l->set_rng(rng);
}

const Shape& Model::output_shape() const {
    return layers_.empty() ? input_shape_ : layers_.back()->out_shape();
}

int64_t Model::batch_bytes(int n) const {
    int64_t total = 0;
    for (const LayerPtr& l : layers_) total += l->batch_bytes(n);  // each < 2^31 * 3 * 4 * n: no overflow
    return total;
}

Status Model::check_memory(int n) const {
    const int64_t act = batch_bytes(n);
    if (state_bytes_ + act <= limit_.bytes) return Status::ok();
    // Name the layer whose activations weigh most: that is the one to shrink.
    size_t worst = 0;
    for (size_t i = 1; i < layers_.size(); ++i)
        if (layers_[i]->batch_bytes(n) > layers_[worst]->batch_bytes(n)) worst = i;
    return Status::error("a batch of " + std::to_string(n) + (n == 1 ? " sample needs " : " samples needs ") +
                         bytes_str(act) + " of activations (layer " + std::to_string(worst) + " (" +
                         layers_[worst]->type() + ") " + bytes_str(layers_[worst]->batch_bytes(n)) +
                         ") beside the parameters' " + bytes_str(state_bytes_) +
                         memory_limit_note(limit_, 0));
}

Status Model::check_batch(int n, Mode mode) const {
    if (n < 1) return Status::error("the batch is empty");
    LL_TRY(check_memory(n));
    for (size_t i = 0; i < layers_.size(); ++i) {
        const Status st = layers_[i]->check_batch(batch_shape(n, layers_[i]->in_shape()), mode);
        if (!st) return st.with_context("layer " + std::to_string(i) + " (" + layers_[i]->type() + "): ");
    }
    return Status::ok();
}

const Tensor& Model::forward(const Tensor& x, Mode mode) {
    LL_ASSERT(x.ndim() == int(input_shape_.size()) + 1, "model input must be (N, input_shape...)");
    const Tensor* cur = &x;
    for (size_t i = 0; i < layers_.size(); ++i) {
        cur = &layers_[i]->forward(*cur, mode);
        outputs_[i] = cur;
        output_grads_[i] = nullptr;
    }
    return *cur;
}

const Tensor& Model::backward(const Tensor& dy) {
    const Tensor* cur = &dy;
    for (size_t i = layers_.size(); i-- > 0;) {
        output_grads_[i] = cur;
        cur = &layers_[i]->backward(*cur);
    }
    return *cur;
}

void Model::zero_grad() {
    for (const ParamRef& p : params_) p.grad->zero();
}

std::vector<BufferRef> Model::buffers() {
    std::vector<BufferRef> all;
    for (size_t i = 0; i < layers_.size(); ++i) {
        for (BufferRef b : layers_[i]->buffers()) {
            b.name = std::to_string(i) + "." + b.name;
            all.push_back(b);
        }
    }
    return all;
}

std::vector<LayerInfo> Model::info() const {
    std::vector<LayerInfo> out;
    Receptive r;
    for (const LayerPtr& l : layers_) {
        LayerInfo li;
        li.type = l->type();
        li.out_shape = l->out_shape();
        for (const ParamRef& p : const_cast<Layer&>(*l).params()) li.params += int64_t(p.value->numel());
        li.macs = l->macs();
        const Geometry g = l->geometry();
        if (g.global || !g.spatial) {
            r.whole_input = true;
        } else if (!r.whole_input) {
            // rf_out = rf_in + (k_eff - 1) * jump_in;  jump_out = jump_in * stride
            // In 64 bits, saturated at INT_MAX: a stack of large strides or dilations passes int's range.
            auto sat = [](int64_t v) { return int(std::min<int64_t>(v, INT32_MAX)); };
            for (int a = 0; a < 2; ++a) {
                const int64_t k_eff = int64_t(g.kernel[a] - 1) * g.dilation[a] + 1;
                r.size[a] = sat(r.size[a] + (k_eff - 1) * r.jump[a]);
                r.jump[a] = sat(int64_t(r.jump[a]) * g.stride[a]);
            }
        }
        li.receptive = r;
        out.push_back(li);
    }
    return out;
}

Status load_model_file(const std::string& path, Model& out, const MemoryLimit& limit) {
    std::string text;
    LL_TRY(read_file(path, text, kMaxModelFileBytes));
    Json j;
    LL_TRY(parse_json(text, j).with_context(path + ": "));
    return Model::from_json(j, out, limit).with_context(path + ": ");
}

}  // namespace ll
