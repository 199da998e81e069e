// The drawing canvas (draw_canvas.h): a grid of cells painted with a soft round brush.
#include "app/widgets/draw_canvas.h"

#include <algorithm>
#include <cmath>

#include "app/widgets/widgets.h"

namespace ll::app {

void DrawCanvas::resize(int new_h, int new_w) {
    if (new_h == h && new_w == w && px.size() == size_t(h) * size_t(w)) return;
    h = std::max(1, new_h);
    w = std::max(1, new_w);
    px.assign(size_t(h) * size_t(w), 0.0f);
    radius = 1.6f * float(std::min(h, w)) / 28.0f;
    ++serial;
}

void DrawCanvas::clear() {
    std::fill(px.begin(), px.end(), 0.0f);
    ++serial;
}

bool DrawCanvas::empty() const {
    return std::all_of(px.begin(), px.end(), [](float v) { return v == 0.0f; });
}

void DrawCanvas::dab(float x, float y) {
    const float r = std::max(radius, 0.5f);
    const int x0 = std::max(0, int(std::floor(x - r - 1))), x1 = std::min(w - 1, int(std::ceil(x + r + 1)));
    const int y0 = std::max(0, int(std::floor(y - r - 1))), y1 = std::min(h - 1, int(std::ceil(y + r + 1)));
    for (int yy = y0; yy <= y1; ++yy) {
        for (int xx = x0; xx <= x1; ++xx) {
            const float dx = float(xx) + 0.5f - x, dy = float(yy) + 0.5f - y;
            const float d = std::sqrt(dx * dx + dy * dy);
            // 1 inside r/2, smoothstep down to 0 at r + 0.5.
            float t = (d - 0.5f * r) / (0.5f * r + 0.5f);
            t = std::min(std::max(t, 0.0f), 1.0f);
            const float v = 1.0f - t * t * (3.0f - 2.0f * t);
            float& cell = px[size_t(yy) * size_t(w) + size_t(xx)];
            cell = std::max(cell, v);
        }
    }
}

void DrawCanvas::stroke(ImVec2 a, ImVec2 b) {
    const float dist = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
    const int steps = std::max(1, int(std::ceil(dist / 0.35f)));
    for (int i = 1; i <= steps; ++i) {
        const float t = float(i) / float(steps);
        dab(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
    }
    ++serial;
}

bool draw_canvas(const char* id, DrawCanvas& c, float size, bool* finished) {
    if (finished) *finished = false;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(size, size));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cw = size / float(c.w), ch = size / float(c.h);
    dl->AddRectFilled(pos, ImVec2(pos.x + size, pos.y + size), IM_COL32(0, 0, 0, 255), 4.0f);
    for (int y = 0; y < c.h; ++y) {
        for (int x = 0; x < c.w; ++x) {
            const float v = c.px[size_t(y) * size_t(c.w) + size_t(x)];
            if (v <= 0.0f) continue;
            const int g = int(std::lround(v * 255.0f));
            dl->AddRectFilled(ImVec2(pos.x + x * cw, pos.y + y * ch), ImVec2(pos.x + (x + 1) * cw, pos.y + (y + 1) * ch),
                              IM_COL32(g, g, g, 255));
        }
    }
    const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
    dl->AddRect(pos, ImVec2(pos.x + size, pos.y + size), col32(active ? colors::kAccent : colors::kCardBorder), 4.0f, 0,
                active ? 2.0f : 1.0f);
    bool changed = false;
    if (active && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        const ImVec2 p((m.x - pos.x) / cw, (m.y - pos.y) / ch);
        c.stroke(c.stroking ? c.last : p, p);
        c.last = p;
        c.stroking = true;
        changed = true;
    } else if (c.stroking) {
        c.stroking = false;
        if (finished) *finished = true;
    }
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return changed;
}

}  // namespace ll::app
