// A strided convolution in place of a pooling layer: the comparison the Network lab draws. Both shrink
// the map by the stride, but pooling applies one fixed rule to each window (its largest value or its
// mean) and has no parameters, while the convolution learns a weighted window for every pair of
// channels and passes gradient to every input of the window, not only to the max's winner.
#pragma once
#include <vector>

#include "engine/json.h"
#include "engine/model.h"
#include "engine/status.h"

namespace ll {

// The layer entry that replaces the MaxPool2d or AvgPool2d at `layer` of a configured model: a Conv2d
// with out_channels = the pool's input channels and the pool's kernel, stride, padding (and a max
// pool's dilation), so the output shape is unchanged. A ceil_mode pool is refused (a convolution
// has no ceil mode, so the shape would differ).
Status strided_conv_for_pool(const Model& m, int layer, Json& conv_layer);

// The model description with that replacement made.
Status replace_pool_with_strided_conv(const Model& m, const Json& desc, int layer, Json& out);

struct PoolSwapCompare {
    LayerInfo pool, conv;               // the layer before and after the swap
    int64_t params_before = 0, params_after = 0;  // the whole network's
    int64_t macs_before = 0, macs_after = 0;
};

// The two networks side by side (Model::info of each).
Status compare_pool_swap(const Model& m, const Json& desc, int layer, PoolSwapCompare& out);

}  // namespace ll
