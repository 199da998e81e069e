// `layerlab export-pytorch`: prints a runnable PyTorch script that builds the same nn.Sequential and,
// given --weights, loads them with load_state_dict(strict=True). The script reads safetensors with
// its own few lines of Python, so it needs nothing beyond torch.
#include <cstdio>

#include "cli/common.h"

namespace llcli {

namespace {

std::string py_value(const ll::Json& v) {
    switch (v.kind()) {
        case ll::Json::Kind::Null: return "None";
        case ll::Json::Kind::Bool: return v.as_bool() ? "True" : "False";
        case ll::Json::Kind::Number: {
            if (v.is_int()) return std::to_string(v.as_int());
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.9g", v.as_number());
            return buf;
        }
        case ll::Json::Kind::String: return "'" + v.as_string() + "'";
        case ll::Json::Kind::Array: {
            std::string s = "(";
            for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + py_value(v[i]);
            return s + (v.size() == 1 ? ",)" : ")");
        }
        default: return "None";
    }
}

// The argument torch needs that the model JSON infers from the shape flowing in.
std::string inferred_arg(const std::string& type, const ll::Shape& in) {
    if (type == "Conv2d" || type == "ConvTranspose2d") return "in_channels=" + std::to_string(in[0]);
    if (type == "BatchNorm2d" || type == "BatchNorm1d" || type == "InstanceNorm2d") return "num_features=" + std::to_string(in[0]);
    if (type == "GroupNorm") return "num_channels=" + std::to_string(in[0]);
    if (type == "Linear") return "in_features=" + std::to_string(in[0]);
    if (type == "Softmax") return "dim=1";
    if (type == "LayerNorm") {
        std::string s = "normalized_shape=[";
        for (size_t i = 0; i < in.size(); ++i) s += (i ? ", " : "") + std::to_string(in[i]);
        return s + "]";
    }
    return "";
}

const char* kReader = R"PY(
def load_safetensors(path):
    """Reads a safetensors file (F32 / I64) into a dict of tensors, with no package beyond torch."""
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    dtypes = {"F32": torch.float32, "I64": torch.int64, "F64": torch.float64, "I32": torch.int32}
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        t = torch.frombuffer(bytearray(body[begin:end]), dtype=dtypes[info["dtype"]])
        out[name] = t.reshape(info["shape"]).clone()
    return out
)PY";

}  // namespace

int cmd_export_pytorch(int argc, char** argv) {
    Args a(argc, argv, 2, bool_flags());
    const std::string weights = a.str("weights");
    if (ll::Status st = a.finish(); !st) return fail(st);
    if (a.positional().size() != 1) return fail("usage: layerlab export-pytorch MODEL.json [--weights W.safetensors]");
    ll::Model m;
    if (ll::Status st = load_model(a.positional()[0], m); !st) return fail(st);
    if (!weights.empty()) {
        // Checked here so a script is only printed for weights that will load.
        if (ll::Status st = load_weights(m, weights, 0); !st) return fail(st);
    }
    std::printf("# PyTorch twin of %s, written by `layerlab export-pytorch`.\n", a.positional()[0].c_str());
    std::printf("import json\nimport struct\nimport sys\n\nimport torch\nfrom torch import nn\n");
    std::printf("%s\n", kReader);
    std::printf("\ndef build_model():\n    return nn.Sequential(\n");
    for (size_t i = 0; i < m.size(); ++i) {
        const ll::Layer& l = m.layer(i);
        std::string args = inferred_arg(l.type(), l.in_shape());
        for (const auto& kv : l.args().members()) {
            if (kv.first == "type") continue;
            args += (args.empty() ? "" : ", ") + kv.first + "=" + py_value(kv.second);
        }
        std::printf("        nn.%s(%s),  # %zu: -> %s\n", l.type(), args.c_str(), i, ll::shape_str(l.out_shape()).c_str());
    }
    std::printf("    )\n\n\nINPUT_SHAPE = (");
    for (int d : m.input_shape()) std::printf("%d, ", d);
    std::printf(")\n\n\ndef main():\n    model = build_model()\n");
    if (!weights.empty()) {
        std::printf("    path = sys.argv[1] if len(sys.argv) > 1 else %s\n", py_value(ll::Json::string(weights)).c_str());
        std::printf("    # keys such as \"loss\" (written by `layerlab fit`) are results, not state\n    state = {k: v for k, v in load_safetensors(path).items() if k[:1].isdigit()}\n");
        std::printf("    model.load_state_dict(state, strict=True)\n");
    }
    std::printf("    model.eval()\n    with torch.no_grad():\n        y = model(torch.rand(1, *INPUT_SHAPE))\n");
    std::printf("    print(model)\n    print('output shape', tuple(y.shape))\n\n\nif __name__ == '__main__':\n    main()\n");
    return 0;
}

}  // namespace llcli
