// The reference networks of the engine issue (28x28x1 input, 10 classes), shared by the benchmark,
// `layerlab train --model NAME`, the tests and the app's presets. "-nobn" drops the BatchNorm2d layers.
#pragma once
#include <string>
#include <vector>

namespace ll {

// The model JSON text of a reference network, or "" for an unknown name.
std::string reference_model_json(const std::string& name);
std::vector<std::string> reference_model_names();

}  // namespace ll
