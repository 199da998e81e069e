#include "engine/receptive.h"

#include <algorithm>

namespace ll {

namespace {

bool spatial(const Shape& s) { return s.size() == 3; }

Region whole(const Shape& s) {
    if (!spatial(s)) return Region{0, 0, -1, -1};
    return Region{0, 0, int(s[1]) - 1, int(s[2]) - 1};
}

Region clip(Region r, const Shape& s) {
    r.y0 = std::max(r.y0, 0);
    r.x0 = std::max(r.x0, 0);
    r.y1 = std::min(r.y1, int(s[1]) - 1);
    r.x1 = std::min(r.x1, int(s[2]) - 1);
    return r;
}

}  // namespace

std::vector<Region> receptive_regions(const Model& m, int layer, int y, int x) {
    LL_ASSERT(layer >= 0 && size_t(layer) < m.size(), "receptive_regions: layer out of range");
    std::vector<Region> out(size_t(layer) + 2);
    const Shape& top = m.layer(size_t(layer)).out_shape();
    bool global = !spatial(top);
    if (global) {
        out[size_t(layer) + 1] = whole(top);
    } else {
        y = std::clamp(y, 0, int(top[1]) - 1);
        x = std::clamp(x, 0, int(top[2]) - 1);
        out[size_t(layer) + 1] = Region{y, x, y, x};
    }
    for (int j = layer; j >= 0; --j) {
        const Layer& l = m.layer(size_t(j));
        const Shape& in = l.in_shape();
        const Geometry g = l.geometry();
        if (!global && (g.global || !g.spatial || !spatial(in) || !spatial(l.out_shape()))) global = true;
        if (global || !spatial(in)) {
            out[size_t(j)] = whole(in);
            continue;
        }
        const Region o = out[size_t(j) + 1];
        Region r;
        r.y0 = o.y0 * g.stride[0] - g.padding[0];
        r.y1 = o.y1 * g.stride[0] - g.padding[0] + (g.kernel[0] - 1) * g.dilation[0];
        r.x0 = o.x0 * g.stride[1] - g.padding[1];
        r.x1 = o.x1 * g.stride[1] - g.padding[1] + (g.kernel[1] - 1) * g.dilation[1];
        out[size_t(j)] = clip(r, in);
    }
    return out;
}

Region receptive_region(const Model& m, int layer, int y, int x) { return receptive_regions(m, layer, y, x)[0]; }

}  // namespace ll
