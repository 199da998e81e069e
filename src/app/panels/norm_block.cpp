// Normalization lab: the activation tensor as the N x C x (H,W) block of the Group Normalization paper's
// figure (Wu & He, ECCV 2018, Fig. 2), drawn obliquely with ImDrawList: C to the right, H*W (binned by
// rows) downwards, N into the depth. The cells sharing the selected element's mean and variance are solid
// blue cubes seen through the translucent block; the rest are tinted by their own group. CrossIterationBN
// adds the past iterations t-1, t-2, t-3 as ghost blocks behind. Clicking a face cell selects it.
#include <cmath>
#include <cstdio>

#include "app/panels/norm_lab.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

ImU32 mix(int hex, int other, float t, float alpha = 1.0f) {
    const ImVec4 a = col4(hex), b = col4(other);
    return ImGui::ColorConvertFloat4ToU32(
        ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, alpha));
}

// Soft tints for the partition into groups.
const int kTints[] = {0xDCE8F7, 0xE3F1E3, 0xF6EAD9, 0xEDE3F4, 0xDDF0F0, 0xF5E1E6, 0xECEFD8, 0xE6E6E6};

struct Geometry3 {
    ImVec2 o;      // screen position of the front face's top-left corner (n = 0, c = 0, b = 0)
    float s = 20;  // cell size
    float dx = 11, dy = 8;  // offset per sample into the depth
    ImVec2 p(float c, float b, float n, ImVec2 shift = ImVec2(0, 0)) const {
        return ImVec2(o.x + c * s + n * dx + shift.x, o.y + b * s - n * dy + shift.y);
    }
};

void quad(ImDrawList* dl, ImVec2 a, ImVec2 b, ImVec2 c, ImVec2 d, ImU32 fill, ImU32 line) {
    dl->AddQuadFilled(a, b, c, d, fill);
    if (line) dl->AddQuad(a, b, c, d, line, 1.0f);
}

void cube(ImDrawList* dl, const Geometry3& g, int n, int c, int b, int hex, float alpha, ImU32 line) {
    const float fn = float(n), fc = float(c), fb = float(b);
    // right, top, front (back to front)
    quad(dl, g.p(fc + 1, fb, fn), g.p(fc + 1, fb + 1, fn), g.p(fc + 1, fb + 1, fn + 1), g.p(fc + 1, fb, fn + 1),
         mix(hex, 0x000000, 0.18f, alpha), line);
    quad(dl, g.p(fc, fb, fn), g.p(fc + 1, fb, fn), g.p(fc + 1, fb, fn + 1), g.p(fc, fb, fn + 1),
         mix(hex, 0xFFFFFF, 0.35f, alpha), line);
    quad(dl, g.p(fc, fb, fn), g.p(fc + 1, fb, fn), g.p(fc + 1, fb + 1, fn), g.p(fc, fb + 1, fn), col32(hex, alpha), line);
}

bool inside_quad(ImVec2 q, ImVec2 a, ImVec2 b, ImVec2 c, ImVec2 d) {
    return ImTriangleContainsPoint(a, b, c, q) || ImTriangleContainsPoint(a, c, d, q);
}

}  // namespace

std::string fmt(double v, int digits) {
    char buf[64];
    if (!std::isfinite(v)) return "—";
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    std::string s = buf;
    if (s[0] == '-') s = "−" + s.substr(1);  // a real minus sign
    return s;
}

void draw_histogram(const char* id, const std::vector<float>& v, float width, float height, int color, double mark,
                    bool show_mark) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, height));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + width, p0.y + height), col32(0xF7F9FB), 3.0f);
    if (v.empty()) return;
    float lo = v[0], hi = v[0];
    for (float x : v) { lo = ImMin(lo, x); hi = ImMax(hi, x); }
    if (hi - lo < 1e-6f) { lo -= 0.5f; hi += 0.5f; }
    const int bins = 28;
    int counts[bins] = {};
    for (float x : v) counts[ImClamp(int((x - lo) / (hi - lo) * bins), 0, bins - 1)]++;
    int mx = 1;
    for (int c : counts) mx = ImMax(mx, c);
    const float bw = width / float(bins), label_h = ImGui::GetTextLineHeight();
    const float plot_h = height - label_h - 4.0f;
    for (int i = 0; i < bins; ++i) {
        const float h = plot_h * float(counts[i]) / float(mx);
        dl->AddRectFilled(ImVec2(p0.x + i * bw + 1, p0.y + plot_h - h), ImVec2(p0.x + (i + 1) * bw - 1, p0.y + plot_h),
                          col32(color, 0.85f));
    }
    dl->AddLine(ImVec2(p0.x, p0.y + plot_h), ImVec2(p0.x + width, p0.y + plot_h), col32(colors::kGridLine));
    if (show_mark && mark >= lo && mark <= hi) {
        const float x = p0.x + float((mark - lo) / (hi - lo)) * width;
        dl->AddLine(ImVec2(x, p0.y), ImVec2(x, p0.y + plot_h), col32(colors::kError), 2.0f);
    }
    const std::string a = fmt(lo, 2), b = fmt(hi, 2);
    dl->AddText(ImVec2(p0.x, p0.y + plot_h + 2), col32(colors::kMuted), a.c_str());
    dl->AddText(ImVec2(p0.x + width - ImGui::CalcTextSize(b.c_str()).x, p0.y + plot_h + 2), col32(colors::kMuted),
                b.c_str());
}

bool draw_norm_block(NormMethod m, int groups, Selection& sel, const NormRun& run, Lang lang) {
    (void)run;
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool ghosts = m == NormMethod::CrossIteration;
    Geometry3 g;
    // Room on the left for the axis labels, then C cells + N depth offsets + 3 ghost offsets.
    const char* n_label = tr(lang, "norm.axis_n");
    const float label_w = ImGui::CalcTextSize(n_label).x + em() * 0.8f;
    g.s = ImClamp((avail - label_w) / (kC + 0.5f * kN + 3.3f), em() * 1.0f, em() * 1.9f);
    g.dx = 0.5f * g.s;
    g.dy = 0.36f * g.s;
    const ImVec2 ghost_step(0.9f * g.s, -0.7f * g.s);
    const float depth_h = kN * g.dy + 3 * -ghost_step.y;
    const float total_w = label_w + kC * g.s + kN * g.dx + 3 * ghost_step.x;
    const float total_h = depth_h + kBins * g.s + ImGui::GetTextLineHeight() * 2.0f;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float left_pad = ImMax(0.0f, (avail - total_w) * 0.5f) + label_w;
    g.o = ImVec2(p0.x + left_pad, p0.y + depth_h + ImGui::GetTextLineHeight() * 0.5f);
    ImGui::InvisibleButton("##block", ImVec2(avail, total_h));
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 edge = col32(0x8FA3BC, 0.9f), grid = col32(colors::kGridLine);

    // Ghost blocks of the past iterations (CrossIterationBN), oldest (furthest back) first.
    if (ghosts) {
        for (int k = 3; k >= 1; --k) {
            const ImVec2 sh(ghost_step.x * k, ghost_step.y * k);
            const float C = kC, B = kBins, N = kN, a = 0.45f - 0.1f * k;
            quad(dl, g.p(C, 0, 0, sh), g.p(C, B, 0, sh), g.p(C, B, N, sh), g.p(C, 0, N, sh), col32(0xEEF2F7, 0.9f), edge);
            quad(dl, g.p(0, 0, 0, sh), g.p(C, 0, 0, sh), g.p(C, 0, N, sh), g.p(0, 0, N, sh), col32(0xF4F7FA, 0.9f), edge);
            quad(dl, g.p(0, 0, 0, sh), g.p(C, 0, 0, sh), g.p(C, B, 0, sh), g.p(0, B, 0, sh), col32(0xF7F9FB, 0.95f), edge);
            const float c = float(sel.c);
            quad(dl, g.p(c, 0, 0, sh), g.p(c + 1, 0, 0, sh), g.p(c + 1, 0, N, sh), g.p(c, 0, N, sh),
                 col32(colors::kAccent, a), 0);
            quad(dl, g.p(c, 0, 0, sh), g.p(c + 1, 0, 0, sh), g.p(c + 1, B, 0, sh), g.p(c, B, 0, sh),
                 col32(colors::kAccent, a), 0);
            char buf[16];
            std::snprintf(buf, sizeof buf, "t−%d", k);
            const ImVec2 lp = g.p(C, 0, N, sh);
            dl->AddText(ImVec2(lp.x + 3, lp.y - ImGui::GetTextLineHeight()), col32(colors::kMuted), buf);
        }
    }

    // Solid member cubes, back to front.
    for (int n = kN - 1; n >= 0; --n)
        for (int b = kBins - 1; b >= 0; --b)
            for (int c = 0; c < kC; ++c) {
                const bool selected = n == sel.n && c == sel.c && b == sel.b;
                if (selected) cube(dl, g, n, c, b, colors::kStamp, 1.0f, col32(0x9A5B12));
                else if (norm_member(m, groups, sel, n, c, b)) cube(dl, g, n, c, b, colors::kAccent, 0.9f, col32(0x23498F, 0.7f));
            }

    // The block's three visible faces, translucent, tinted by group.
    auto tint = [&](int n, int c) {
        const int id = norm_group_id(m, groups, n, c);
        return id < 0 ? 0xF4F6F9 : kTints[id % 8];
    };
    int hit_face = -1, hit_a = 0, hit_b = 0;
    for (int n = kN - 1; n >= 0; --n)  // right face (c = C - 1)
        for (int b = 0; b < kBins; ++b) {
            const float C = kC;
            const ImVec2 q[4] = {g.p(C, b, n), g.p(C, b + 1, n), g.p(C, b + 1, n + 1), g.p(C, b, n + 1)};
            if (!norm_member(m, groups, sel, n, kC - 1, b))
                quad(dl, q[0], q[1], q[2], q[3], mix(tint(n, kC - 1), 0x000000, 0.12f, 0.55f), grid);
            if (hovered && inside_quad(mouse, q[0], q[1], q[2], q[3])) { hit_face = 2; hit_a = n; hit_b = b; }
        }
    for (int n = kN - 1; n >= 0; --n)  // top face (b = 0)
        for (int c = 0; c < kC; ++c) {
            const ImVec2 q[4] = {g.p(c, 0, n), g.p(c + 1, 0, n), g.p(c + 1, 0, n + 1), g.p(c, 0, n + 1)};
            if (!norm_member(m, groups, sel, n, c, 0))
                quad(dl, q[0], q[1], q[2], q[3], mix(tint(n, c), 0xFFFFFF, 0.3f, 0.55f), grid);
            if (hovered && inside_quad(mouse, q[0], q[1], q[2], q[3])) { hit_face = 1; hit_a = n; hit_b = c; }
        }
    for (int b = 0; b < kBins; ++b)  // front face (n = 0)
        for (int c = 0; c < kC; ++c) {
            const ImVec2 q[4] = {g.p(c, b, 0), g.p(c + 1, b, 0), g.p(c + 1, b + 1, 0), g.p(c, b + 1, 0)};
            if (!norm_member(m, groups, sel, 0, c, b) && !(sel.n == 0 && sel.c == c && sel.b == b))
                quad(dl, q[0], q[1], q[2], q[3], col32(tint(0, c), 0.6f), grid);
            if (hovered && inside_quad(mouse, q[0], q[1], q[2], q[3])) { hit_face = 0; hit_a = c; hit_b = b; }
        }
    // Outline of the block.
    {
        const float C = kC, B = kBins, N = kN;
        const ImU32 o = col32(0x4A5B70);
        dl->AddQuad(g.p(0, 0, 0), g.p(C, 0, 0), g.p(C, B, 0), g.p(0, B, 0), o, 1.5f);
        dl->AddLine(g.p(0, 0, 0), g.p(0, 0, N), o, 1.5f);
        dl->AddLine(g.p(C, 0, 0), g.p(C, 0, N), o, 1.5f);
        dl->AddLine(g.p(C, B, 0), g.p(C, B, N), o, 1.5f);
        dl->AddLine(g.p(0, 0, N), g.p(C, 0, N), o, 1.5f);
        dl->AddLine(g.p(C, 0, N), g.p(C, B, N), o, 1.5f);
        // Axis labels: C under the front face, H,W left of it, N along the depth edge.
        const ImU32 t = col32(colors::kMuted);
        const char* cl = tr(lang, "norm.axis_c");
        const ImVec2 cb = g.p(C * 0.5f, B, 0);
        dl->AddText(ImVec2(cb.x - ImGui::CalcTextSize(cl).x * 0.5f, cb.y + 4), t, cl);
        const char* hl = "H, W";
        const ImVec2 hb = g.p(0, B * 0.5f, 0);
        dl->AddText(ImVec2(hb.x - ImGui::CalcTextSize(hl).x - 6, hb.y - ImGui::GetTextLineHeight() * 0.5f), t, hl);
        const char* nl = n_label;
        const ImVec2 nb = g.p(0, 0, N * 0.5f);
        dl->AddText(ImVec2(nb.x - ImGui::CalcTextSize(nl).x - 8, nb.y - ImGui::GetTextLineHeight()), t, nl);
    }
    if (hit_face >= 0) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (clicked) {
            if (hit_face == 0) { sel.c = hit_a; sel.b = hit_b; }
            else if (hit_face == 1) { sel.n = hit_a; sel.c = hit_b; }
            else { sel.n = hit_a; sel.b = hit_b; }
            return true;
        }
    }
    return false;
}

}  // namespace ll::app
