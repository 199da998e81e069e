#include "engine/reference_models.h"

namespace ll {

namespace {

std::string conv_block(int out, bool bn) {
    std::string s = "{\"type\": \"Conv2d\", \"out_channels\": " + std::to_string(out) +
                    ", \"kernel_size\": 3, \"padding\": 1},\n    ";
    if (bn) s += "{\"type\": \"BatchNorm2d\"},\n    ";
    return s + "{\"type\": \"ReLU\"},\n    {\"type\": \"MaxPool2d\", \"kernel_size\": 2},\n    ";
}

std::string build(int c1, int c2, int hidden, bool bn) {
    std::string s = "{\"input_shape\": [1, 28, 28],\n  \"layers\": [\n    ";
    s += conv_block(c1, bn) + conv_block(c2, bn) + "{\"type\": \"Flatten\"},\n    ";
    if (hidden > 0) s += "{\"type\": \"Linear\", \"out_features\": " + std::to_string(hidden) + "},\n    {\"type\": \"ReLU\"},\n    ";
    return s + "{\"type\": \"Linear\", \"out_features\": 10}\n  ]}\n";
}

}  // namespace

std::string reference_model_json(const std::string& name) {
    if (name == "tiny") return build(8, 16, 0, true);
    if (name == "tiny-nobn") return build(8, 16, 0, false);
    if (name == "standard") return build(32, 64, 128, true);
    if (name == "standard-nobn") return build(32, 64, 128, false);
    return "";
}

std::vector<std::string> reference_model_names() { return {"tiny", "standard", "tiny-nobn", "standard-nobn"}; }

}  // namespace ll
