// Receptive regions: which input pixels (and which pixels of every layer in between) one output
// position of layer i depends on. Walks back through each layer's Geometry: an output position o
// reads input positions [o*S - P, o*S - P + (K-1)*D] per axis (layer.h), so a range [a, b] of
// outputs reads [a*S - P, b*S - P + (K-1)*D]. Each range is clipped to the layer's input; a global
// layer (Linear, Flatten of a map, LayerNorm) makes it the whole input from there back.
#pragma once
#include <vector>

#include "engine/model.h"

namespace ll {

// Inclusive pixel rectangle [y0, y1] x [x0, x1] of a (C, H, W) map.
struct Region {
    int y0 = 0, x0 = 0, y1 = 0, x1 = 0;
    int height() const { return y1 - y0 + 1; }
    int width() const { return x1 - x0 + 1; }
};

// regions[0]: the region of the model's input; regions[j + 1]: the region of layer j's output, for
// j = 0..layer (regions[layer + 1] is the position itself, or the whole map for a non-spatial output).
// Levels whose tensor has no H, W (after Flatten) get an empty region {0, 0, -1, -1}.
// Requires a configured model, 0 <= layer < size(); (y, x) is clamped to layer's output.
std::vector<Region> receptive_regions(const Model& m, int layer, int y, int x);

// The input region alone: receptive_regions(m, layer, y, x)[0].
Region receptive_region(const Model& m, int layer, int y, int x);

}  // namespace ll
