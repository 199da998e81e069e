#include "engine/pool_swap.h"

#include <string>

#include "engine/layers/pool.h"

namespace ll {

namespace {

Json pair_or_int(const int v[2]) {
    if (v[0] == v[1]) return Json::number(v[0]);
    Json a = Json::array();
    a.push(Json::number(v[0]));
    a.push(Json::number(v[1]));
    return a;
}

}  // namespace

Status strided_conv_for_pool(const Model& m, int layer, Json& conv_layer) {
    if (layer < 0 || size_t(layer) >= m.size()) return Status::error("no layer " + std::to_string(layer));
    const Layer& l = m.layer(size_t(layer));
    const std::string type = l.type();
    const WindowPool* pool = dynamic_cast<const WindowPool*>(&l);
    if (!pool || (type != "MaxPool2d" && type != "AvgPool2d"))
        return Status::error("layer " + std::to_string(layer) + " (" + type + ") is not a MaxPool2d or AvgPool2d");
    const PoolOptions& o = pool->options();
    if (o.ceil_mode) return Status::error("layer " + std::to_string(layer) + " (" + type + "): ceil_mode has no convolution twin");
    const Shape& in = l.in_shape();
    if (in.size() != 3) return Status::error("layer " + std::to_string(layer) + " (" + type + ") is not configured");
    conv_layer = Json::object();
    conv_layer.set("type", Json::string("Conv2d"));
    conv_layer.set("out_channels", Json::number(in[0]));
    conv_layer.set("kernel_size", pair_or_int(o.kernel));
    conv_layer.set("stride", pair_or_int(o.stride));
    if (o.padding[0] || o.padding[1]) conv_layer.set("padding", pair_or_int(o.padding));
    if (type == "MaxPool2d" && (o.dilation[0] != 1 || o.dilation[1] != 1)) conv_layer.set("dilation", pair_or_int(o.dilation));
    return Status::ok();
}

Status replace_pool_with_strided_conv(const Model& m, const Json& desc, int layer, Json& out) {
    Json conv;
    LL_TRY(strided_conv_for_pool(m, layer, conv));
    const Json* layers = desc.find("layers");
    if (!layers || !layers->is_array() || size_t(layer) >= layers->size())
        return Status::error("the model description has no layer " + std::to_string(layer));
    out = Json::object();
    for (const auto& [key, value] : desc.members()) {
        if (key != "layers") {
            out.set(key, value);
            continue;
        }
        Json arr = Json::array();
        for (size_t i = 0; i < layers->size(); ++i) arr.push(i == size_t(layer) ? conv : (*layers)[i]);
        out.set("layers", arr);
    }
    return Status::ok();
}

Status compare_pool_swap(const Model& m, const Json& desc, int layer, PoolSwapCompare& out) {
    Json swapped;
    LL_TRY(replace_pool_with_strided_conv(m, desc, layer, swapped));
    Model other;
    LL_TRY(Model::from_json(swapped, other));
    const std::vector<LayerInfo> a = m.info(), b = other.info();
    out = PoolSwapCompare();
    out.pool = a[size_t(layer)];
    out.conv = b[size_t(layer)];
    for (const LayerInfo& li : a) { out.params_before += li.params; out.macs_before += li.macs; }
    for (const LayerInfo& li : b) { out.params_after += li.params; out.macs_after += li.macs; }
    return Status::ok();
}

}  // namespace ll
