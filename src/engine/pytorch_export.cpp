// PyTorch scripts from a model: the nn.Sequential builder and its helpers (see pytorch_export.h). The
// script reads safetensors with its own few lines of Python, so it needs nothing beyond torch.
#include "engine/pytorch_export.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace ll {

namespace pyexport {

void appendf(std::string& out, const char* fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    const int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if (size_t(n) < sizeof buf) {
        out.append(buf, size_t(n));
        return;
    }
    std::string big(size_t(n) + 1, '\0');
    va_start(ap, fmt);
    std::vsnprintf(&big[0], big.size(), fmt, ap);
    va_end(ap);
    out.append(big.data(), size_t(n));
}

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
    if (type == "BatchNorm2d" || type == "BatchNorm1d" || type == "InstanceNorm2d" || type == "CrossIterationBatchNorm2d")
        return "num_features=" + std::to_string(in[0]);
    if (type == "LocalContrastNorm") return "num_channels=" + std::to_string(in[0]);
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

const char* const kReader = R"PY(
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

// Layer types with no torch.nn twin: the script defines a module of the same name, the same forward
// and the engine's state_dict keys, so load_state_dict(strict=True) takes the engine's weights.
namespace {

struct ProjectType {
    const char* name;
    const char* code;
};

const ProjectType kProjectTypes[] = {
    {"LocalContrastNorm", R"PY(
class LocalContrastNorm(nn.Module):
    """LayerLab's LocalContrastNorm (Jarrett et al. 2009): v = x - m, y = v / max(floor, sigma), with m and
    sigma^2 the Gaussian-window averages of x and v^2 over all channels; near the border the window's
    weights are renormalised to the part inside the image. floor None: the mean of sigma per sample.
    Computed in float64 like the engine's window sums. No parameters or buffers."""

    MIN_DIVISOR = 1e-6  # the engine's lower bound on the divisor (0/0 on constant maps)

    def __init__(self, num_channels, size=9, sigma=2.0, floor=None):
        super().__init__()
        self.num_channels, self.size, self.sigma, self.floor = num_channels, size, sigma, floor

    def forward(self, x):
        n, c, h, w = x.shape
        k = torch.arange(self.size, dtype=torch.float64) - self.size // 2
        g = torch.exp(-k * k / (2.0 * self.sigma * self.sigma))
        g = g / g.sum()
        kernel = torch.outer(g, g).view(1, 1, self.size, self.size)

        def blur(u):
            return torch.nn.functional.conv2d(u, kernel, padding=self.size // 2)

        weight = c * blur(torch.ones(1, 1, h, w, dtype=torch.float64))  # C * the window's share inside
        xd = x.double()
        v = xd - blur(xd.sum(1, keepdim=True)) / weight
        sigma = (blur((v * v).sum(1, keepdim=True)) / weight).sqrt()
        if self.floor is None:
            floor = sigma.mean(dim=(1, 2, 3), keepdim=True)
        else:
            floor = torch.tensor(float(self.floor), dtype=torch.float64)
        d = torch.maximum(sigma, floor).clamp_min(self.MIN_DIVISOR)
        return (v / d).to(x.dtype)

    def extra_repr(self):
        return f"num_channels={self.num_channels}, size={self.size}, sigma={self.sigma}, floor={self.floor}"
)PY"},
    {"CrossIterationBatchNorm2d", R"PY(
class CrossIterationBatchNorm2d(nn.BatchNorm2d):
    """LayerLab's CrossIterationBatchNorm2d (Yao et al., CVPR 2021). Its cross-iteration statistics (the
    last `window` iterations, compensated for the preceding conv's weight change) are an engine-side
    training feature: this twin trains on the current batch only (the engine's window 1) and evaluates
    with the running statistics, exactly BatchNorm2d, with the same state_dict keys."""

    def __init__(self, num_features, window=4, compensate=True, burn_in=0, eps=1e-5, momentum=0.1, affine=True,
                 track_running_stats=True):
        super().__init__(num_features, eps=eps, momentum=momentum, affine=affine,
                         track_running_stats=track_running_stats)
        self.window, self.compensate, self.burn_in = window, compensate, burn_in
)PY"},
};

const ProjectType* find_project_type(const std::string& type) {
    for (const ProjectType& t : kProjectTypes) {
        if (type == t.name) return &t;
    }
    return nullptr;
}

}  // namespace

bool is_project_type(const std::string& type) { return find_project_type(type) != nullptr; }

std::string project_type_code(const Model& m) {
    std::string out;
    for (const ProjectType& t : kProjectTypes) {
        for (size_t i = 0; i < m.size(); ++i) {
            if (m.layer(i).type() != std::string(t.name)) continue;
            appendf(out, "%s\n", t.code);
            break;
        }
    }
    return out;
}

std::string layer_args(const Layer& l) {
    std::string args = inferred_arg(l.type(), l.in_shape());
    for (const auto& kv : l.args().members()) {
        if (kv.first == "type") continue;
        args += (args.empty() ? "" : ", ") + kv.first + "=" + py_value(kv.second);
    }
    return args;
}

// Arguments are finite (LayerArgs refuses others) and so are loaded weights (TensorFile::get); this
// is the last line of defence, so that no script ever holds a bare inf or nan, which Python reads
// as a name.
Status check_finite_args(const Model& m, const std::string& source_name) {
    for (size_t i = 0; i < m.size(); ++i) {
        for (const auto& kv : m.layer(i).args().members()) {
            if (kv.second.is_number() && !std::isfinite(kv.second.as_number()))
                return Status::error(source_name + ": layer " + std::to_string(i) + " (" + m.layer(i).type() +
                                     "): argument '" + kv.first + "' is not a finite number");
        }
    }
    return Status::ok();
}

}  // namespace pyexport

using namespace pyexport;

Status pytorch_model_script(const Model& m, const std::string& source_name, const std::string& weights_path,
                            std::string& out) {
    LL_TRY(check_finite_args(m, source_name));
    out.clear();
    appendf(out, "# PyTorch twin of %s, written by `layerlab export-pytorch`.\n", source_name.c_str());
    appendf(out, "import json\nimport struct\nimport sys\n\nimport torch\nfrom torch import nn\n");
    appendf(out, "%s\n", kReader);
    out += project_type_code(m);
    appendf(out, "\ndef build_model():\n    return nn.Sequential(\n");
    for (size_t i = 0; i < m.size(); ++i) {
        const Layer& l = m.layer(i);
        appendf(out, "        %s%s(%s),  # %zu: -> %s\n", is_project_type(l.type()) ? "" : "nn.", l.type(),
                layer_args(l).c_str(), i, shape_str(l.out_shape()).c_str());
    }
    appendf(out, "    )\n\n\nINPUT_SHAPE = (");
    for (int d : m.input_shape()) appendf(out, "%d, ", d);
    appendf(out, ")\n\n\ndef main():\n    model = build_model()\n");
    if (!weights_path.empty()) {
        appendf(out, "    path = sys.argv[1] if len(sys.argv) > 1 else %s\n", py_value(Json::string(weights_path)).c_str());
        appendf(out, "    # keys such as \"loss\" (written by `layerlab fit`) are results, not state\n    state = {k: v for k, v in load_safetensors(path).items() if k[:1].isdigit()}\n");
        appendf(out, "    model.load_state_dict(state, strict=True)\n");
    }
    appendf(out, "    model.eval()\n    with torch.no_grad():\n        y = model(torch.rand(1, *INPUT_SHAPE))\n");
    appendf(out, "    print(model)\n    print('output shape', tuple(y.shape))\n\n\nif __name__ == '__main__':\n    main()\n");
    return Status::ok();
}

}  // namespace ll
