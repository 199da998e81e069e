// Network lab presets. tiny-fashion and tiny-mnist are trained networks (assets/models, written by
// tools/make_tiny_fashion.sh and tools/make_tiny_mnist.sh with `layerlab train`); standard, lenet5 and tiny-vgg start from PyTorch's initialisation with a fixed seed; edges is a
// hand-set feature extractor: four fixed 3x3 kernels (Sobel x, Sobel y, blur, sharpen), ReLU and
// max-pooling, with no classifier (so it only has forward steps).
#include <cstdio>

#include "app/panels/network.h"
#include "engine/reference_models.h"
#include "engine/safetensors.h"

namespace ll::app {

namespace {

constexpr uint64_t kPresetSeed = 1234;

// LeNet-5 (LeCun et al. 1998) adapted to 1x28x28: padding 2 on the first conv gives the original 32x32.
const char* kLeNet5 = R"({"input_shape": [1, 28, 28], "layers": [
  {"type": "Conv2d", "out_channels": 6, "kernel_size": 5, "padding": 2},
  {"type": "Tanh"},
  {"type": "AvgPool2d", "kernel_size": 2},
  {"type": "Conv2d", "out_channels": 16, "kernel_size": 5},
  {"type": "Tanh"},
  {"type": "AvgPool2d", "kernel_size": 2},
  {"type": "Flatten"},
  {"type": "Linear", "out_features": 120},
  {"type": "Tanh"},
  {"type": "Linear", "out_features": 84},
  {"type": "Tanh"},
  {"type": "Linear", "out_features": 10}]})";

// CNN Explainer's Tiny VGG (Wang et al. 2020) on 3x64x64.
const char* kTinyVgg = R"({"input_shape": [3, 64, 64], "layers": [
  {"type": "Conv2d", "out_channels": 10, "kernel_size": 3},
  {"type": "ReLU"},
  {"type": "Conv2d", "out_channels": 10, "kernel_size": 3},
  {"type": "ReLU"},
  {"type": "MaxPool2d", "kernel_size": 2},
  {"type": "Conv2d", "out_channels": 10, "kernel_size": 3},
  {"type": "ReLU"},
  {"type": "Conv2d", "out_channels": 10, "kernel_size": 3},
  {"type": "ReLU"},
  {"type": "MaxPool2d", "kernel_size": 2},
  {"type": "Flatten"},
  {"type": "Linear", "out_features": 10}]})";

const char* kEdges = R"({"input_shape": [1, 128, 128], "layers": [
  {"type": "Conv2d", "out_channels": 4, "kernel_size": 3, "padding": 1},
  {"type": "ReLU"},
  {"type": "MaxPool2d", "kernel_size": 2}]})";

// The edge preset's kernels, (4, 1, 3, 3), bias 0.
void set_edge_kernels(Model& m) {
    const float k[4][9] = {
        // Sobel x: responds to brightness rising from left to right (vertical edges).
        {-1, 0, 1, -2, 0, 2, -1, 0, 1},
        // Sobel y: brightness rising from top to bottom (horizontal edges).
        {-1, -2, -1, 0, 0, 0, 1, 2, 1},
        // Blur: the 3x3 average (weights 1/9) smooths noise and fine texture.
        {1 / 9.f, 1 / 9.f, 1 / 9.f, 1 / 9.f, 1 / 9.f, 1 / 9.f, 1 / 9.f, 1 / 9.f, 1 / 9.f},
        // Sharpen: the pixel times 5 minus its four neighbours boosts local contrast.
        {0, -1, 0, -1, 5, -1, 0, -1, 0},
    };
    for (const ParamRef& p : m.params()) {
        if (p.name == "0.weight") {
            for (int o = 0; o < 4; ++o)
                for (int t = 0; t < 9; ++t) (*p.value)[size_t(o) * 9 + size_t(t)] = k[o][t];
        } else if (p.name == "0.bias") {
            p.value->zero();
        }
    }
}

Status from_text(const std::string& text, Json& desc, Model& model) {
    LL_TRY(parse_json(text, desc));
    LL_TRY(Model::from_json(desc, model));
    desc = model.to_json();
    return Status::ok();
}

// The preset table: what each classifier was trained on is metadata here, so the lab decides which
// network fits an input from this table alone. file: its JSON and weights are in assets/models.
struct PresetInfo {
    const char* name;
    const char* trained_on;  // an input data kind (InputLibrary::data_kind), "" when untrained
    bool file;
};
const PresetInfo kPresets[] = {
    {"tiny-fashion", "fashion-mnist", true},
    {"tiny-mnist", "mnist", true},
    {"standard", "", false},
    {"lenet5", "", false},
    {"tiny-vgg", "", false},
    {"edges", "", false},
};

const PresetInfo* find_preset(const std::string& name) {
    for (const PresetInfo& p : kPresets)
        if (name == p.name) return &p;
    return nullptr;
}

}  // namespace

const std::vector<std::string>& network_preset_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const PresetInfo& p : kPresets) v.push_back(p.name);
        return v;
    }();
    return names;
}

std::string network_preset_trained_on(const std::string& name) {
    const PresetInfo* p = find_preset(name);
    return p ? p->trained_on : "";
}

std::string network_preset_trained_for(const std::string& kind) {
    if (kind.empty()) return "";
    for (const PresetInfo& p : kPresets)
        if (kind == p.trained_on) return p.name;
    return "";
}

std::string network_models_dir() { return LAYERLAB_MODELS_DIR; }

Status network_preset(const std::string& name, Json& desc, Model& model) {
    Rng rng(kPresetSeed);
    const PresetInfo* info = find_preset(name);
    if (info && info->file) {
        const std::string base = network_models_dir() + "/" + name;
        std::string text;
        LL_TRY(read_file(base + ".json", text));
        LL_TRY(from_text(text, desc, model));
        model.init(rng);
        TensorFile f;
        LL_TRY(read_tensor_file(base + ".safetensors", f));
        return load_state(model, f, name + ".safetensors");
    }
    std::string text;
    if (name == "standard") text = reference_model_json("standard");
    else if (name == "lenet5") text = kLeNet5;
    else if (name == "tiny-vgg") text = kTinyVgg;
    else if (name == "edges") text = kEdges;
    if (text.empty()) {
        std::string known;
        for (const std::string& s : network_preset_names()) known += (known.empty() ? "" : ", ") + s;
        return Status::error("unknown preset \"" + name + "\" (known: " + known + ")");
    }
    LL_TRY(from_text(text, desc, model));
    model.init(rng);
    if (name == "edges") set_edge_kernels(model);
    return Status::ok();
}

}  // namespace ll::app
