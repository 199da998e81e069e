// Conv arithmetic lab: the pictures, drawn with ImDrawList.
//   Sliding window: the padded input (padding hatched) with the kernel window at one position (taps
//   filled, dilation gaps left open) and the output grid with that pixel lit. Transposed: the input
//   pixel and the K×K stamp it adds to the uncropped output (the P cropped rows hatched).
//   Stacked 3x3: a side view of receptive fields, n rows of 3-wide connections against one wide one.
// Window positions follow the engine's Geometry: output o reads padded input o*S + i*D, i < K.
#include <cstdio>
#include <vector>

#include "app/panels/conv_arith.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

struct Grid {
    ImVec2 origin;  // top-left, screen pixels
    float cell = 0.0f;
    int rows = 0, cols = 0;

    ImVec2 at(int r, int c) const { return ImVec2(origin.x + float(c) * cell, origin.y + float(r) * cell); }
    ImVec2 size() const { return ImVec2(float(cols) * cell, float(rows) * cell); }
    // Rectangle covering cells [r0, r1) x [c0, c1), clamped to the grid.
    void rect(int r0, int c0, int r1, int c1, ImVec2& lo, ImVec2& hi) const {
        r0 = ImClamp(r0, 0, rows); r1 = ImClamp(r1, 0, rows);
        c0 = ImClamp(c0, 0, cols); c1 = ImClamp(c1, 0, cols);
        lo = at(r0, c0);
        hi = at(r1, c1);
    }
};

void fill_cells(ImDrawList* dl, const Grid& g, int r0, int c0, int r1, int c1, ImU32 col) {
    ImVec2 lo, hi;
    g.rect(r0, c0, r1, c1, lo, hi);
    if (hi.x > lo.x && hi.y > lo.y) dl->AddRectFilled(lo, hi, col);
}

void grid_lines(ImDrawList* dl, const Grid& g) {
    const ImU32 line = col32(colors::kGridLine);
    const ImVec2 s = g.size();
    if (g.cell >= 5.0f) {
        for (int r = 1; r < g.rows; ++r) dl->AddLine(g.at(r, 0), ImVec2(g.origin.x + s.x, g.at(r, 0).y), line);
        for (int c = 1; c < g.cols; ++c) dl->AddLine(g.at(0, c), ImVec2(g.at(0, c).x, g.origin.y + s.y), line);
    }
    dl->AddRect(g.origin, ImVec2(g.origin.x + s.x, g.origin.y + s.y), col32(0x97A3B3));
}

// A border `width` cells wide around an inner region, hatched: padding (conv) or cropping (transposed).
void hatched_border(ImDrawList* dl, const Grid& g, int width, int end_extra) {
    if (width <= 0 && end_extra <= 0) return;
    const ImU32 fill = col32(colors::kPadCell);
    const ImU32 hatch = col32(colors::kGridLine);
    const int lo = width, hi_r = g.rows - width - end_extra, hi_c = g.cols - width - end_extra;
    const int bands[4][4] = {{0, 0, lo, g.cols}, {hi_r, 0, g.rows, g.cols}, {lo, 0, hi_r, lo}, {lo, hi_c, hi_r, g.cols}};
    for (const auto& b : bands) {
        ImVec2 a, z;
        g.rect(b[0], b[1], b[2], b[3], a, z);
        if (z.x <= a.x || z.y <= a.y) continue;
        dl->AddRectFilled(a, z, fill);
        widgets::hatch(dl, a, z, hatch, ImMax(g.cell * 0.45f, 4.0f));
    }
}

void caption(const char* text, ImVec2 at) {
    ImGui::GetWindowDrawList()->AddText(at, col32(colors::kMuted), text);
}

// Arrow from a to b with a small head.
void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
    dl->AddLine(a, b, col, 2.0f);
    const float h = em() * 0.35f;
    dl->AddTriangleFilled(ImVec2(b.x, b.y), ImVec2(b.x - h, b.y - h * 0.7f), ImVec2(b.x - h, b.y + h * 0.7f), col);
}

// Cell size so that `cells` cells fit `width` pixels and `max_cells` fit the height budget.
float cell_size(float width, int cells, int max_cells) {
    const float by_width = width / float(ImMax(cells, 1));
    const float by_height = em() * 15.0f / float(ImMax(max_cells, 1));
    return ImClamp(ImMin(by_width, ImMin(by_height, em() * 1.6f)), 2.0f, em() * 1.6f);
}

void legend(Lang lang, bool transposed) {
    const ImU32 border = col32(colors::kGridLine);
    struct Item { ImU32 fill, border; const char* key; bool hatched; };
    const Item items[] = {
        {col32(colors::kInputCell), border, "conv.legend_input", false},
        {col32(colors::kPadCell), border, transposed ? "conv.legend_crop" : "conv.legend_pad", true},
        {col32(transposed ? colors::kStamp : colors::kTap, 0.6f), border, "conv.legend_tap", false},
        {col32(colors::kTap, 0.10f), col32(colors::kTap), "conv.legend_gap", false},
        {col32(colors::kCurrent), border, "conv.legend_current", false},
        {col32(colors::kDone), border, "conv.legend_done", false},
    };
    bool first = true;
    for (const Item& it : items) {
        const char* text = tr(lang, it.key);
        if (!first) widgets::flow_same_line(widgets::legend_width(text), em() * 1.1f);
        widgets::legend_item(it.fill, it.border, text, it.hatched);
        first = false;
    }
}

// Kernel taps at (r0 + i*D, c0 + j*D) inside the dilated extent, whose box is outlined.
void draw_taps(ImDrawList* dl, const Grid& g, const ConvConfig& c, int r0, int c0, int tap_hex) {
    const int extent = c.dilation * (c.kernel - 1) + 1;
    fill_cells(dl, g, r0, c0, r0 + extent, c0 + extent, col32(colors::kTap, 0.10f));
    for (int i = 0; i < c.kernel; ++i)
        for (int j = 0; j < c.kernel; ++j) {
            const int r = r0 + i * c.dilation, q = c0 + j * c.dilation;
            fill_cells(dl, g, r, q, r + 1, q + 1, col32(tap_hex, 0.6f));
        }
}

void outline(ImDrawList* dl, const Grid& g, int r0, int c0, int r1, int c1, ImU32 col, float thick) {
    ImVec2 lo, hi;
    g.rect(r0, c0, r1, c1, lo, hi);
    dl->AddRect(lo, hi, col, 2.0f, 0, thick);
}

void draw_forward(const ConvConfig& c, const ConvNumbers& n, int pos, Lang lang) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int hp = c.size + 2 * c.pad;
    const int oh = n.ok ? n.out_h : 0, ow = n.ok ? n.out_w : 0;
    const float gap = em() * 4.0f;
    const float cell = cell_size(ImGui::GetContentRegionAvail().x - gap, hp + ow, ImMax(hp, oh));
    const float label_h = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    Grid in{ImVec2(p.x, p.y + label_h), cell, hp, hp};
    Grid out{ImVec2(p.x + float(hp) * cell + gap, p.y + label_h + float(hp - oh) * cell * 0.5f), cell, oh, ow};
    if (out.origin.y < in.origin.y) out.origin.y = in.origin.y;

    char buf[512];
    std::snprintf(buf, sizeof buf, "%s %d×%d", tr(lang, "conv.padded_input"), hp, hp);
    caption(buf, p);
    fill_cells(dl, in, 0, 0, hp, hp, col32(colors::kInputCell));
    hatched_border(dl, in, c.pad, 0);
    if (n.ok && oh > 0 && ow > 0) {
        pos = ImClamp(pos, 0, oh * ow - 1);
        const int oy = pos / ow, ox = pos % ow;
        const int r0 = oy * c.stride, c0 = ox * c.stride, extent = c.dilation * (c.kernel - 1) + 1;
        draw_taps(dl, in, c, r0, c0, colors::kTap);
        grid_lines(dl, in);
        outline(dl, in, r0, c0, r0 + extent, c0 + extent, col32(colors::kAccent), 2.5f);

        std::snprintf(buf, sizeof buf, "%s %d×%d", tr(lang, "conv.output_grid"), oh, ow);
        caption(buf, ImVec2(out.origin.x, out.origin.y - label_h));
        fill_cells(dl, out, 0, 0, oh, ow, col32(colors::kOutputCell));
        fill_cells(dl, out, 0, 0, oy, ow, col32(colors::kDone));
        fill_cells(dl, out, oy, 0, oy + 1, ox, col32(colors::kDone));
        fill_cells(dl, out, oy, ox, oy + 1, ox + 1, col32(colors::kCurrent));
        grid_lines(dl, out);
        outline(dl, out, oy, ox, oy + 1, ox + 1, col32(0x1B6B3D), 2.0f);

        // Window -> output pixel.
        ImVec2 wlo, whi, olo, ohi;
        in.rect(r0, c0, r0 + extent, c0 + extent, wlo, whi);
        out.rect(oy, ox, oy + 1, ox + 1, olo, ohi);
        dl->AddLine(ImVec2(whi.x, (wlo.y + whi.y) * 0.5f), ImVec2(olo.x, (olo.y + ohi.y) * 0.5f),
                    col32(colors::kAccent, 0.45f), 1.5f);
        const float ay = in.origin.y + float(hp) * cell * 0.5f;
        arrow(dl, ImVec2(in.origin.x + float(hp) * cell + gap * 0.2f, ay), ImVec2(out.origin.x - gap * 0.2f, ay),
              col32(colors::kMuted, 0.5f));

        ImGui::Dummy(ImVec2(in.size().x + gap + out.size().x, label_h + ImMax(in.size().y, out.size().y)));
        ImGui::Spacing();
        std::snprintf(buf, sizeof buf, tr(lang, "conv.window_caption"), oy, ox, r0, r0 + extent - 1, c0,
                      c0 + extent - 1, c.stride);
        widgets::muted_text_wrapped(buf);
    } else {
        grid_lines(dl, in);
        ImGui::Dummy(ImVec2(in.size().x, label_h + in.size().y));
    }
}

void draw_transposed(const ConvConfig& c, const ConvNumbers& n, int pos, Lang lang) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int h = c.size;
    const int full = (h - 1) * c.stride + c.dilation * (c.kernel - 1) + 1 + c.out_pad;  // before cropping
    const float gap = em() * 4.0f;
    const int shown = n.ok ? full : 0;
    const float cell = cell_size(ImGui::GetContentRegionAvail().x - gap, h + shown, ImMax(h, shown));
    const float label_h = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    Grid in{ImVec2(p.x, p.y + label_h + float(ImMax(shown - h, 0)) * cell * 0.5f), cell, h, h};
    Grid out{ImVec2(p.x + float(h) * cell + gap, p.y + label_h), cell, shown, shown};

    char buf[512];
    std::snprintf(buf, sizeof buf, "%s %d×%d", tr(lang, "conv.input_grid"), h, h);
    caption(buf, ImVec2(in.origin.x, in.origin.y - label_h));
    pos = ImClamp(pos, 0, h * h - 1);
    const int iy = pos / h, ix = pos % h;
    fill_cells(dl, in, 0, 0, h, h, col32(colors::kInputCell));
    fill_cells(dl, in, 0, 0, iy, h, col32(colors::kDone));
    fill_cells(dl, in, iy, 0, iy + 1, ix, col32(colors::kDone));
    fill_cells(dl, in, iy, ix, iy + 1, ix + 1, col32(colors::kCurrent));
    grid_lines(dl, in);
    if (!n.ok) {
        ImGui::Dummy(ImVec2(in.size().x, label_h + in.size().y));
        return;
    }
    std::snprintf(buf, sizeof buf, "%s %d×%d  (%d×%d)", tr(lang, "conv.output_grid"), n.out_h, n.out_w, full, full);
    caption(buf, p);
    fill_cells(dl, out, 0, 0, full, full, col32(colors::kOutputCell));
    // Output cells stamped by the input pixels before this one: where the stamps overlap, leave gaps
    // (S > D×(K−1)+1) or tile, the output fills in unevenly (the checkerboard of transposed convs).
    std::vector<unsigned char> covered(size_t(full) * size_t(full), 0);
    for (int i = 0; i < pos; ++i) {
        const int by = (i / h) * c.stride, bx = (i % h) * c.stride;
        for (int a = 0; a < c.kernel; ++a)
            for (int b = 0; b < c.kernel; ++b) covered[size_t(by + a * c.dilation) * size_t(full) + size_t(bx + b * c.dilation)] = 1;
    }
    for (int r = 0; r < full; ++r) {  // one rectangle per run of covered cells
        for (int q = 0; q < full;) {
            if (!covered[size_t(r) * size_t(full) + size_t(q)]) { ++q; continue; }
            int e = q;
            while (e < full && covered[size_t(r) * size_t(full) + size_t(e)]) ++e;
            fill_cells(dl, out, r, q, r + 1, e, col32(colors::kDone));
            q = e;
        }
    }
    hatched_border(dl, out, c.pad, 0);
    const int r0 = iy * c.stride, c0 = ix * c.stride, extent = c.dilation * (c.kernel - 1) + 1;
    draw_taps(dl, out, c, r0, c0, colors::kStamp);
    grid_lines(dl, out);
    outline(dl, out, c.pad, c.pad, full - c.pad, full - c.pad, col32(0x1B6B3D), 1.5f);
    outline(dl, out, r0, c0, r0 + extent, c0 + extent, col32(colors::kStamp), 2.5f);
    ImVec2 ilo, ihi, slo, shi;
    in.rect(iy, ix, iy + 1, ix + 1, ilo, ihi);
    out.rect(r0, c0, r0 + extent, c0 + extent, slo, shi);
    dl->AddLine(ImVec2(ihi.x, (ilo.y + ihi.y) * 0.5f), ImVec2(slo.x, (slo.y + shi.y) * 0.5f),
                col32(colors::kStamp, 0.6f), 1.5f);
    ImGui::Dummy(ImVec2(in.size().x + gap + out.size().x, label_h + ImMax(in.size().y, out.size().y)));
    ImGui::Spacing();
    std::snprintf(buf, sizeof buf, tr(lang, "conv.window_caption_t"), iy, ix, r0, r0 + extent - 1, c0, c0 + extent - 1);
    widgets::muted_text_wrapped(buf);
}

}  // namespace

int window_positions(const ConvConfig& c, const ConvNumbers& n) {
    if (c.transposed) return c.size * c.size;
    return n.ok ? n.out_h * n.out_w : 1;
}

void draw_sliding_window(const ConvConfig& c, const ConvNumbers& n, int pos, Lang lang) {
    legend(lang, c.transposed);
    ImGui::Spacing();
    if (c.transposed) draw_transposed(c, n, pos, lang);
    else draw_forward(c, n, pos, lang);
}

// ---- Stacked 3x3 against one (2n+1)x(2n+1) ----

namespace {

// One receptive-field diagram: rows of cells from the input (bottom) up to one output pixel (top).
// widths[i] cells in row i (row 0 = input); each upper cell connects to `fan` cells below.
void rf_diagram(ImVec2 origin, float cell, float row_gap, const std::vector<int>& widths, int fan, int input_cells) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int rows = int(widths.size());
    const float total_w = float(input_cells) * cell;
    auto cell_pos = [&](int row, int i) {
        const float w = float(widths[size_t(row)]) * cell;
        const float x = origin.x + (total_w - w) * 0.5f + float(i) * cell;
        const float y = origin.y + float(rows - 1 - row) * (cell + row_gap);
        return ImVec2(x, y);
    };
    for (int row = 1; row < rows; ++row) {  // connections first, under the cells
        for (int i = 0; i < widths[size_t(row)]; ++i) {
            const ImVec2 a = cell_pos(row, i);
            const int below_offset = (widths[size_t(row - 1)] - widths[size_t(row)] - (fan - 1)) / 2;
            for (int k = 0; k < fan; ++k) {
                const ImVec2 b = cell_pos(row - 1, i + k + below_offset);
                dl->AddLine(ImVec2(a.x + cell * 0.5f, a.y + cell), ImVec2(b.x + cell * 0.5f, b.y),
                            col32(colors::kAccent, 0.35f), 1.0f);
            }
        }
    }
    for (int row = 0; row < rows; ++row) {
        const bool top = row == rows - 1;
        const ImU32 fill = top ? col32(colors::kCurrent) : (row == 0 ? col32(colors::kTap, 0.55f) : col32(colors::kTap, 0.25f));
        for (int i = 0; i < widths[size_t(row)]; ++i) {
            const ImVec2 a = cell_pos(row, i);
            dl->AddRectFilled(ImVec2(a.x + 1, a.y), ImVec2(a.x + cell - 1, a.y + cell), fill, 2.0f);
        }
    }
}

}  // namespace

void draw_stack_compare(const StackCompare& s, Lang lang) {
    if (!s.ok) {
        widgets::error_text_wrapped(engine_message(lang, s.error).c_str());
        if (lang != Lang::En) widgets::muted_text_wrapped(s.error.c_str());
        return;
    }
    const int big = 2 * s.layers + 1;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float col_w = (avail - em() * 2.0f) * 0.5f;
    const float cell = ImClamp(col_w / float(big + 1), em() * 0.6f, em() * 1.4f);
    const float row_gap = cell * 1.1f;
    const float h_stack = float(s.layers + 1) * cell + float(s.layers) * row_gap;

    std::vector<int> stack_w, single_w{big, 1};
    for (int l = 0; l <= s.layers; ++l) stack_w.push_back(big - 2 * l);

    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    char buf[512];
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float x2 = p.x + col_w + em() * 2.0f;
    std::snprintf(buf, sizeof buf, tr(lang, "conv.stacked"), s.layers);
    dl->AddText(ImVec2(p.x, p.y), ImGui::GetColorU32(ImGuiCol_Text), buf);
    std::snprintf(buf, sizeof buf, tr(lang, "conv.single"), big, big);
    dl->AddText(ImVec2(x2, p.y), ImGui::GetColorU32(ImGuiCol_Text), buf);
    const float top = p.y + line + em() * 0.3f;
    rf_diagram(ImVec2(p.x, top), cell, row_gap, stack_w, 3, big);
    // The single kernel drawn with the same height: output row at the top, input at the bottom.
    rf_diagram(ImVec2(x2, top), cell, h_stack - 2.0f * cell, single_w, big, big);

    const float y = top + h_stack + em() * 0.6f;
    auto stats = [&](float x, int rf, int64_t params, const char* formula) {
        std::snprintf(buf, sizeof buf, "%s %d×%d", tr(lang, "conv.rf"), rf, rf);
        dl->AddText(ImVec2(x, y), ImGui::GetColorU32(ImGuiCol_Text), buf);
        std::snprintf(buf, sizeof buf, "%s %s = %s", tr(lang, "conv.weights"), formula, widgets::thousands(params).c_str());
        dl->AddText(ImVec2(x, y + line), col32(colors::kMuted), buf);
    };
    char f1[48], f2[48];
    std::snprintf(f1, sizeof f1, "%d×9×%d²", s.layers, s.channels);
    std::snprintf(f2, sizeof f2, "%d×%d²", big * big, s.channels);
    stats(p.x, s.rf_stack, s.params_stack, f1);
    stats(x2, s.rf_single, s.params_single, f2);
    ImGui::Dummy(ImVec2(avail, y + line * 2.0f - p.y));
    if (s.params_single > 0) {
        const double saved = 100.0 * (1.0 - double(s.params_stack) / double(s.params_single));
        std::snprintf(buf, sizeof buf, tr(lang, "conv.fewer"), saved);
        ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kGood));
        ImGui::TextUnformatted(buf);
        ImGui::PopStyleColor();
    }
}

}  // namespace ll::app
