// Conv arithmetic lab: the numbers. Every number comes from a one-layer ll::Model built with
// Model::from_json and read back through Model::info(); the formulas are text that shows how the
// engine's number arises, and each is checked against it before it is shown.
#include <cstdarg>
#include <cstdio>

#include "app/panels/conv_arith.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

Json num(int v) { return Json::number(v); }

std::string fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char* f, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

// Engine messages start with "layer 0 (Conv2d): "; the lab has only that layer.
std::string strip_layer_prefix(const std::string& msg) {
    const size_t p = msg.find("): ");
    return (msg.rfind("layer 0 (", 0) == 0 && p != std::string::npos) ? msg.substr(p + 3) : msg;
}

// "C_in/G" as numbers: "3" without groups, "4/2" with.
std::string per_group(int c, int g) { return g == 1 ? std::to_string(c) : fmt("%d/%d", c, g); }

}  // namespace

bool ConvConfig::operator==(const ConvConfig& o) const {
    return size == o.size && in_ch == o.in_ch && out_ch == o.out_ch && kernel == o.kernel && stride == o.stride &&
           pad == o.pad && dilation == o.dilation && groups == o.groups && out_pad == o.out_pad && bias == o.bias &&
           transposed == o.transposed;
}

Json conv_model_json(const ConvConfig& c) {
    Json layer = Json::object();
    layer.set("type", Json::string(c.transposed ? "ConvTranspose2d" : "Conv2d"));
    layer.set("out_channels", num(c.out_ch));
    layer.set("kernel_size", num(c.kernel));
    layer.set("stride", num(c.stride));
    layer.set("padding", num(c.pad));
    if (c.transposed) layer.set("output_padding", num(c.out_pad));
    layer.set("dilation", num(c.dilation));
    layer.set("groups", num(c.groups));
    layer.set("bias", Json::boolean(c.bias));
    Json shape = Json::array();
    shape.push(num(c.in_ch));
    shape.push(num(c.size));
    shape.push(num(c.size));
    Json layers = Json::array();
    layers.push(layer);
    Json model = Json::object();
    model.set("input_shape", shape);
    model.set("layers", layers);
    return model;
}

ConvNumbers conv_numbers(const ConvConfig& c) {
    ConvNumbers n;
    Model m;
    const Status st = Model::from_json(conv_model_json(c), m);
    if (!st) {
        n.error = strip_layer_prefix(st.message());
        return n;
    }
    const LayerInfo li = m.info().at(0);
    n.ok = true;
    n.out_c = li.out_shape.at(0);
    n.out_h = li.out_shape.at(1);
    n.out_w = li.out_shape.at(2);
    n.params = li.params;
    n.macs = li.macs;
    n.receptive = li.receptive.size[0];
    return n;
}

// ---- Formulas ----

bool output_rounds_down(const ConvConfig& c) {
    if (c.transposed) return false;
    const int span = c.size + 2 * c.pad - c.dilation * (c.kernel - 1) - 1;
    return span >= 0 && span % c.stride != 0;
}

std::string output_formula_symbols(const ConvConfig& c) {
    if (c.transposed) return "(H − 1)×S − 2P + D×(K − 1) + output_padding + 1";
    const char* inner = c.dilation == 1 ? "(H + 2P − K)/S" : "(H + 2P − D×(K − 1) − 1)/S";
    return output_rounds_down(c) ? fmt("⌊%s⌋ + 1", inner) : fmt("%s + 1", inner);
}

std::string output_formula(const ConvConfig& c, const ConvNumbers& n) {
    if (!n.ok) return "";
    int value = 0;
    std::string text;
    if (c.transposed) {
        value = (c.size - 1) * c.stride - 2 * c.pad + c.dilation * (c.kernel - 1) + c.out_pad + 1;
        text = fmt("(%d − 1)×%d − 2×%d + %d×(%d − 1) + %d + 1", c.size, c.stride, c.pad, c.dilation, c.kernel,
                   c.out_pad);
    } else {
        const int span = c.size + 2 * c.pad - c.dilation * (c.kernel - 1) - 1;
        if (span < 0) return "";
        value = span / c.stride + 1;
        const std::string inner =
            c.dilation == 1 ? fmt("(%d + 2×%d − %d)/%d", c.size, c.pad, c.kernel, c.stride)
                            : fmt("(%d + 2×%d − %d×(%d − 1) − 1)/%d", c.size, c.pad, c.dilation, c.kernel, c.stride);
        text = output_rounds_down(c) ? "⌊" + inner + "⌋ + 1" : inner + " + 1";
    }
    if (value != n.out_h) return "";
    return text + fmt(" = %d", n.out_h);
}

std::string params_formula(const ConvConfig& c, const ConvNumbers& n) {
    if (!n.ok) return "";
    // Conv2d: C_out × C_in/G × K × K (+ C_out);  ConvTranspose2d: C_in × C_out/G × K × K (+ C_out)
    const int a = c.transposed ? c.in_ch : c.out_ch;
    const int b = c.transposed ? c.out_ch : c.in_ch;
    const int64_t value = int64_t(a) * (b / c.groups) * c.kernel * c.kernel + (c.bias ? c.out_ch : 0);
    if (value != n.params) return "";
    std::string text = fmt("%d × %s × %d × %d", a, per_group(b, c.groups).c_str(), c.kernel, c.kernel);
    if (c.bias) text += fmt(" + %d", c.out_ch);
    return text + " = " + widgets::thousands(n.params);
}

std::string macs_formula(const ConvConfig& c, const ConvNumbers& n) {
    if (!n.ok) return "";
    int64_t value = 0;
    std::string text;
    if (c.transposed) {  // every input pixel meets every tap of its group's kernels
        value = int64_t(c.in_ch) * c.size * c.size * (c.out_ch / c.groups) * c.kernel * c.kernel;
        text = fmt("%d × %d × %d × %s × %d × %d", c.in_ch, c.size, c.size, per_group(c.out_ch, c.groups).c_str(),
                   c.kernel, c.kernel);
    } else {             // every output value is a dot product of C_in/G × K × K pairs
        value = int64_t(c.out_ch) * n.out_h * n.out_w * (c.in_ch / c.groups) * c.kernel * c.kernel;
        text = fmt("%d × %d × %d × %s × %d × %d", c.out_ch, n.out_h, n.out_w, per_group(c.in_ch, c.groups).c_str(),
                   c.kernel, c.kernel);
    }
    if (value != n.macs) return "";
    return text + " = " + widgets::thousands(n.macs);
}

// ---- Stacked 3x3 against one large kernel ----

StackCompare stack_compare(int layers, int channels) {
    StackCompare s;
    s.layers = layers;
    s.channels = channels;
    const int big = 2 * layers + 1;
    auto build = [&](int count, int kernel, int& rf, int64_t& params) -> Status {
        Json arr = Json::array();
        for (int i = 0; i < count; ++i) {
            Json l = Json::object();
            l.set("type", Json::string("Conv2d"));
            l.set("out_channels", num(channels));
            l.set("kernel_size", num(kernel));
            l.set("padding", num(kernel / 2));
            l.set("bias", Json::boolean(false));
            arr.push(l);
        }
        Json shape = Json::array();
        shape.push(num(channels));
        shape.push(num(big + 4));
        shape.push(num(big + 4));
        Json desc = Json::object();
        desc.set("input_shape", shape);
        desc.set("layers", arr);
        Model m;
        LL_TRY(Model::from_json(desc, m));
        const std::vector<LayerInfo> info = m.info();
        params = 0;
        for (const LayerInfo& li : info) params += li.params;
        rf = info.back().receptive.size[0];
        return Status::ok();
    };
    Status st = build(layers, 3, s.rf_stack, s.params_stack);
    if (st) st = build(1, big, s.rf_single, s.params_single);
    s.ok = bool(st);
    if (!st) s.error = st.message();
    return s;
}

}  // namespace ll::app
