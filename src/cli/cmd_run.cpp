// `layerlab info` (the layer table) and `layerlab run` (one forward, optionally backward, pass with every
// intermediate written out): the headless contract the labs and the tests rely on.
#include <cinttypes>
#include <cstdio>

#include "cli/common.h"

namespace llcli {

namespace {

std::string with_commas(int64_t v) {
    std::string s = std::to_string(v), out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (i && (s.size() - i) % 3 == 0) out += ',';
        out += s[i];
    }
    return out;
}

std::string receptive_str(const ll::Receptive& r) {
    if (r.whole_input) return "whole input";
    char buf[64];
    if (r.size[0] == r.size[1] && r.jump[0] == r.jump[1])
        std::snprintf(buf, sizeof buf, "%dx%d (jump %d)", r.size[0], r.size[1], r.jump[0]);
    else
        std::snprintf(buf, sizeof buf, "%dx%d (jump %dx%d)", r.size[0], r.size[1], r.jump[0], r.jump[1]);
    return buf;
}

}  // namespace

int cmd_info(int argc, char** argv) {
    Args a(argc, argv, 2, bool_flags());
    const bool json = a.flag("json");
    const ll::MemoryLimit limit = read_memory_limit(a);
    if (ll::Status st = a.finish(); !st) return fail(st);
    if (a.positional().size() != 1) return fail("usage: layerlab info MODEL.json [--json]");
    ll::Model m;
    if (ll::Status st = load_model(a.positional()[0], m, limit); !st) return fail(st);
    const std::vector<ll::LayerInfo> info = m.info();
    int64_t total_params = 0, total_macs = 0;
    for (const ll::LayerInfo& li : info) {
        total_params += li.params;
        total_macs += li.macs;
    }
    if (json) {
        ll::Json out = ll::Json::object(), layers = ll::Json::array();
        for (const ll::LayerInfo& li : info) {
            ll::Json l = ll::Json::object(), shape = ll::Json::array();
            l.set("type", ll::Json::string(li.type));
            for (int d : li.out_shape) shape.push(ll::Json::number(d));
            l.set("output_shape", shape);
            l.set("params", ll::Json::number(double(li.params)));
            l.set("macs", ll::Json::number(double(li.macs)));
            ll::Json rf = ll::Json::array(), jump = ll::Json::array();
            rf.push(ll::Json::number(li.receptive.size[0]));
            rf.push(ll::Json::number(li.receptive.size[1]));
            jump.push(ll::Json::number(li.receptive.jump[0]));
            jump.push(ll::Json::number(li.receptive.jump[1]));
            l.set("receptive_field", li.receptive.whole_input ? ll::Json::string("whole input") : rf);
            l.set("jump", jump);
            layers.push(l);
        }
        out.set("layers", layers);
        out.set("params", ll::Json::number(double(total_params)));
        out.set("macs", ll::Json::number(double(total_macs)));
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    std::printf("%-3s %-26s %-14s %12s %16s  %s\n", "#", "layer", "output", "params", "mult-adds", "receptive field");
    std::printf("%-3s %-26s %-14s %12s %16s  %s\n", "", "input", ll::shape_str(m.input_shape()).c_str(), "", "", "1x1");
    for (size_t i = 0; i < info.size(); ++i) {
        const ll::LayerInfo& li = info[i];
        std::printf("%-3zu %-26s %-14s %12s %16s  %s\n", i, li.type.c_str(), ll::shape_str(li.out_shape).c_str(),
                    with_commas(li.params).c_str(), with_commas(li.macs).c_str(), receptive_str(li.receptive).c_str());
    }
    std::printf("total: %s parameters, %s multiply-adds per sample\n", with_commas(total_params).c_str(),
                with_commas(total_macs).c_str());
    return 0;
}

int cmd_run(int argc, char** argv) {
    Args a(argc, argv, 2, bool_flags());
    const std::string weights = a.str("weights"), input = a.str("input"), out_path = a.str("out");
    a.require("input");
    a.require("out");
    const std::string mode_str = a.str("mode", "eval");
    const int seed = a.integer("seed", 0);
    const ll::MemoryLimit limit = read_memory_limit(a);
    if (ll::Status st = a.finish(); !st) return fail(st);
    if (a.positional().size() != 1)
        return fail("usage: layerlab run MODEL.json --weights W.safetensors --input X.safetensors --out OUT.safetensors [--mode train|eval]");
    ll::Mode mode;
    if (ll::Status st = parse_mode(mode_str, mode); !st) return fail(st);
    ll::Model m;
    if (ll::Status st = load_model(a.positional()[0], m, limit); !st) return fail(st);
    if (ll::Status st = load_weights(m, weights, uint64_t(seed)); !st) return fail(st);

    ll::TensorFile in;
    if (ll::Status st = ll::read_tensor_file(input, in); !st) return fail(st);
    ll::Tensor x;
    if (ll::Status st = in.get("input", x); !st) return fail(input + ": " + st.message());
    if (x.ndim() != int(m.input_shape().size()) + 1 || x.dim(0) < 1 ||
        ll::Shape(x.shape().begin() + 1, x.shape().end()) != m.input_shape())
        return fail(input + ": tensor \"input\" has shape [" + ll::shape_str(x.shape()) + "], the model needs [N, " +
                    ll::shape_str(m.input_shape()) + "]");
    ll::Tensor dy;
    const bool backward = in.find("grad_output") != nullptr;
    if (backward) {
        if (ll::Status st = in.get("grad_output", dy, ll::batch_shape(x.dim(0), m.output_shape())); !st)
            return fail(input + ": " + st.message());
    }

    if (ll::Status st = m.check_batch(x.dim(0), mode); !st) return fail(input + ": " + st.message());
    ll::Rng rng{uint64_t(seed)};
    m.set_rng(&rng);
    const ll::Tensor& y = m.forward(x, mode);
    ll::TensorFile out;
    out.put("output", y);
    for (size_t i = 0; i < m.size(); ++i) out.put(std::to_string(i) + ".output", m.output(i));
    if (backward) {
        m.zero_grad();
        out.put("input.grad", m.backward(dy));
        for (const ll::ParamRef& p : m.params()) out.put(p.name + ".grad", *p.grad);
    }
    for (const ll::BufferRef& b : m.buffers()) {
        if (b.value) out.put(b.name, *b.value);
        else out.put_i64(b.name, {}, {*b.count});
    }
    if (ll::Status st = ll::write_tensor_file(out_path, out); !st) return fail(st);
    return 0;
}

}  // namespace llcli
