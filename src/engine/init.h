// Weight initialisation schemes beyond PyTorch's default (Model::init): He (Kaiming normal, for ReLU
// networks) and Xavier (Glorot uniform, for tanh/sigmoid networks), as torch.nn.init computes them.
// They apply to every weight with two or more dimensions (Conv2d, ConvTranspose2d, Linear) and set
// those layers' biases to zero; normalization parameters keep their defaults (gamma 1, beta 0).
#pragma once
#include <string>

#include "engine/model.h"

namespace ll {

enum class InitKind { Default, He, Xavier };

Status parse_init_kind(const std::string& name, InitKind& out);  // "default", "he", "xavier"

// torch.nn.init._calculate_fan_in_and_fan_out: fan_in = size(1) * receptive, fan_out = size(0) * receptive.
void fan_in_out(const Shape& weight, int& fan_in, int& fan_out);

// Model::init (PyTorch's defaults), then the chosen scheme on top.
void init_model(Model& m, InitKind kind, Rng& rng);

}  // namespace ll
