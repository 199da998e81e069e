// Factories for every layer type of the model JSON, one per torch.nn twin. Each reads its arguments
// through LayerArgs (PyTorch defaults when omitted); the returned layer still needs configure().
// The table in model.cpp maps the JSON "type" to these; a new layer type is one new row there.
#pragma once
#include "engine/layers/layer.h"

namespace ll {

// conv.cpp
LayerPtr make_conv2d(LayerArgs& a);
LayerPtr make_conv_transpose2d(LayerArgs& a);
// pool.cpp
LayerPtr make_max_pool2d(LayerArgs& a);
LayerPtr make_avg_pool2d(LayerArgs& a);
LayerPtr make_lp_pool2d(LayerArgs& a);
LayerPtr make_adaptive_avg_pool2d(LayerArgs& a);
// norm_batch.cpp, norm_row.cpp, norm_local_response.cpp
LayerPtr make_batch_norm2d(LayerArgs& a);
LayerPtr make_batch_norm1d(LayerArgs& a);
LayerPtr make_layer_norm(LayerArgs& a);
LayerPtr make_instance_norm2d(LayerArgs& a);
LayerPtr make_group_norm(LayerArgs& a);
LayerPtr make_local_response_norm(LayerArgs& a);
// norm_local_contrast.cpp, norm_cross_iteration.cpp (project-only types, declared in
// norm_local_contrast_cross_iteration.h)
LayerPtr make_local_contrast_norm(LayerArgs& a);
LayerPtr make_cross_iteration_batch_norm2d(LayerArgs& a);
// activation.cpp
LayerPtr make_relu(LayerArgs& a);
LayerPtr make_leaky_relu(LayerArgs& a);
LayerPtr make_sigmoid(LayerArgs& a);
LayerPtr make_tanh(LayerArgs& a);
LayerPtr make_gelu(LayerArgs& a);
LayerPtr make_softmax(LayerArgs& a);
// linear.cpp
LayerPtr make_linear(LayerArgs& a);
LayerPtr make_flatten(LayerArgs& a);
LayerPtr make_dropout(LayerArgs& a);
LayerPtr make_dropout2d(LayerArgs& a);

}  // namespace ll
