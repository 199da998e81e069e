// A drawing canvas: an H x W grid of intensities in [0, 1] (28 x 28, or the model's size) painted
// with the mouse using a soft round brush, white on black like the MNIST digits. Strokes are
// interpolated between mouse positions so fast moves leave no gaps. The drawing is the input
// library's "drawing" source, index 0.
#pragma once
#include <vector>

#include "imgui.h"

namespace ll::app {

struct DrawCanvas {
    int h = 28, w = 28;
    std::vector<float> px = std::vector<float>(28 * 28, 0.0f);  // (H, W), row-major
    float radius = 1.6f;      // brush radius in cells
    bool stroking = false;
    ImVec2 last{0, 0};        // last painted point, in cells
    int serial = 0;           // bumped on every change (thumbnail caches key on it)

    void resize(int new_h, int new_w);  // clears when the size changes
    void clear();
    bool empty() const;
    // Paints a dab at (x, y) in cell units: value = max(value, brush(d)), brush(d) = 1 for d <= r/2,
    // falling smoothly to 0 at d = r + 0.5 (a soft edge about one cell wide).
    void dab(float x, float y);
    // A straight stroke from a to b (cells): dabs 0.35 cells apart, so fast moves leave no gaps.
    void stroke(ImVec2 a, ImVec2 b);
};

// Draws the canvas as a size x size square and paints while the left mouse button is held over it.
// Returns true when the drawing changed (while painting; `finished` is set on the mouse release).
bool draw_canvas(const char* id, DrawCanvas& c, float size, bool* finished = nullptr);

}  // namespace ll::app
