// Network lab: the feature maps of every layer computed so far, one row per layer, every channel
// as a picture (Host::image_update), and in the backward and update phases the gradient of the loss
// with respect to each layer's output under it. Textures are uploaded only when the session's
// version changes (a step, a new input, an edit), never per frame. Hovering a pixel highlights the
// region of the input and of every layer in between that it depends on (engine/receptive.h).
#include <cmath>
#include <cstdio>

#include "app/app_state.h"
#include "app/inputs.h"
#include "app/panels/network.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

int levels(const NetworkSession& s) { return int(s.model.size()) + 1; }

// Channels of a level's tensor (1, C, H, W) -> C; (1, F) -> 1 (a strip).
int channels(const Tensor& t) { return t.ndim() == 4 ? t.dim(1) : 1; }

void ensure(std::vector<int>& images, int n, Host& host) {
    while (int(images.size()) < n) images.push_back(host.image_create());
}

void upload(NetworkSession& s, MapsUi& ui, Host& host) {
    const int L = levels(s);
    ui.act_images.resize(size_t(L));
    ui.grad_images.resize(size_t(L));
    for (int lv = 0; lv < L; ++lv) {
        if (!level_computed(s, lv)) continue;
        const Tensor& t = level_tensor(s, lv);
        float lo, hi;
        bool div;
        map_colors(t, false, lo, hi, div);
        const int C = channels(t);
        ensure(ui.act_images[size_t(lv)], C, host);
        for (int c = 0; c < C; ++c)
            host.image_update(ui.act_images[size_t(lv)][size_t(c)], t, c, div ? Colormap::Diverging : Colormap::Sequential, lo, hi);
        if (!level_has_grad(s, lv)) continue;
        const Tensor& g = s.model.output_grad(size_t(lv - 1));
        map_colors(g, true, lo, hi, div);
        ensure(ui.grad_images[size_t(lv)], C, host);
        for (int c = 0; c < C; ++c) host.image_update(ui.grad_images[size_t(lv)][size_t(c)], g, c, Colormap::Diverging, lo, hi);
    }
    ui.uploaded = s.version;
}

void tensor_range(const Tensor& t, float& lo, float& hi) {
    lo = hi = 0.0f;
    if (t.empty()) return;
    lo = hi = t[0];
    for (size_t i = 1; i < t.numel(); ++i) {
        lo = ImMin(lo, t[i]);
        hi = ImMax(hi, t[i]);
    }
}

// One row of thumbnails; records hover and clicks. grad: the gradient row.
void draw_row(NetworkSession& s, MapsUi& ui, AppState& app, int lv, bool grad, bool selected_level, int selected_channel) {
    const Tensor& t = grad ? s.model.output_grad(size_t(lv - 1)) : level_tensor(s, lv);
    const std::vector<int>& imgs = grad ? ui.grad_images[size_t(lv)] : ui.act_images[size_t(lv)];
    const int C = channels(t);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (t.ndim() != 4) {  // (1, F): one strip, a cell per feature
        const float w = ImGui::GetContentRegionAvail().x, h = em() * 1.1f;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::Image(app.host->image_texture(imgs[0]), ImVec2(w, h));
        dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + w + 1, p.y + h + 1), col32(colors::kGridLine));
        if (ImGui::IsItemHovered()) {
            const int f = ImClamp(int((ImGui::GetIO().MousePos.x - p.x) / w * float(t.dim(1))), 0, t.dim(1) - 1);
            ImGui::SetTooltip("%s %d: %.4g", app.tr("net.feature"), f, double(t[size_t(f)]));
            ui.next_hover_level = lv;
            ui.next_hover_y = ui.next_hover_x = 0;
        }
        return;
    }
    const int H = t.dim(2), W = t.dim(3);
    // Maps fill a wide column (up to 8 in a row, at most 10 text heights each), never smaller than a
    // readable thumbnail; the lab's map size (- / +) multiplies that.
    const float gap0 = em() * 0.35f;
    const float fit = (ImGui::GetContentRegionAvail().x - gap0 * float(ImMin(C, 8) - 1)) / float(ImMin(C, 8));
    const float base = ImClamp(fit, em() * (C <= 4 ? 4.5f : 2.9f), em() * 10.0f);
    const float target = ImMin(base * ui.zoom, ImGui::GetContentRegionAvail().x);
    const float px = ImMax(target / float(ImMax(H, W)), 0.25f);
    const ImVec2 size(float(W) * px, float(H) * px);
    const float gap = em() * 0.35f;
    const bool hover_here = ui.hover_level > lv && !ui.regions.empty() && size_t(lv) < ui.regions.size();
    for (int c = 0; c < C; ++c) {
        if (c) widgets::flow_same_line(size.x, gap);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::PushID(c);
        ImGui::Image(app.host->image_texture(imgs[size_t(c)]), size);
        const bool sel = selected_level && c == selected_channel;
        dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + size.x + 1, p.y + size.y + 1),
                    sel ? col32(colors::kAccent) : col32(colors::kGridLine), 0.0f, 0, sel ? 2.0f : 1.0f);
        if (hover_here) {  // the receptive region of the hovered pixel in this level
            const Region& r = ui.regions[size_t(lv)];
            dl->AddRect(ImVec2(p.x + float(r.x0) * px, p.y + float(r.y0) * px),
                        ImVec2(p.x + float(r.x1 + 1) * px, p.y + float(r.y1 + 1) * px), col32(colors::kStamp), 0.0f, 0, 2.0f);
        }
        if (ImGui::IsItemHovered()) {
            const ImVec2 m = ImGui::GetIO().MousePos;
            const int y = ImClamp(int((m.y - p.y) / px), 0, H - 1), x = ImClamp(int((m.x - p.x) / px), 0, W - 1);
            ui.next_hover_level = lv;
            ui.next_hover_y = y;
            ui.next_hover_x = x;
            dl->AddRect(ImVec2(p.x + float(x) * px, p.y + float(y) * px), ImVec2(p.x + float(x + 1) * px, p.y + float(y + 1) * px),
                        col32(colors::kStamp), 0.0f, 0, 2.0f);
            const float v = t[(size_t(c) * size_t(H) + size_t(y)) * size_t(W) + size_t(x)];
            if (lv > 0 && ui.hover_level == lv && !ui.regions.empty()) {
                const Region& r0 = ui.regions[0];
                ImGui::SetTooltip("%s %d  (%d, %d)  %s %.4g\n%s %d×%d", app.tr("net.channel"), c, y, x,
                                  grad ? "∂L/∂" : "=", double(v), app.tr("net.rf_region"), r0.height(), r0.width());
            } else {
                ImGui::SetTooltip("%s %d  (%d, %d)  %s %.4g", app.tr("net.channel"), c, y, x, grad ? "∂L/∂" : "=", double(v));
            }
            if (ImGui::IsMouseClicked(0)) {
                ui.clicked_level = lv;
                ui.clicked_channel = c;
                ui.clicked_y = y;
                ui.clicked_x = x;
            }
        }
        ImGui::PopID();
    }
}

// An RGB input (3 channels in [0, 1]) as the colour picture it is, before its three channels. Drawn
// cell by cell (draw_input_pixels), so only up to 96x96: beyond that the draw list's 16-bit indices
// would overflow and the channels alone are shown.
constexpr int kMaxColourCells = 96 * 96;

void draw_colour_input(NetworkSession& s, AppState& app) {
    const float side = em() * 6.0f;
    ImGui::BeginGroup();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const Tensor& x = s.stepper.input();
    const float w = side * float(x.dim(3)) / float(ImMax(x.dim(2), x.dim(3)));
    const float h = side * float(x.dim(2)) / float(ImMax(x.dim(2), x.dim(3)));
    draw_input_pixels(ImGui::GetWindowDrawList(), x, p, side);
    ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + w + 1, p.y + h + 1), col32(colors::kGridLine));
    ImGui::Dummy(ImVec2(w, h));
    ImGui::TextDisabled("%s", app.tr("net.rgb_colour"));
    ImGui::EndGroup();
}

}  // namespace

bool colour_input(const NetworkSession& s) {
    if (!s.ready) return false;
    const Tensor& x = s.stepper.input();
    return x.ndim() == 4 && x.dim(1) == 3 && x.dim(2) * x.dim(3) <= kMaxColourCells;
}

bool level_computed(const NetworkSession& s, int level) {
    if (!s.ready) return false;
    if (level == 0) return true;
    const StepPosition p = s.stepper.position();
    return p.phase != Phase::Forward || level <= p.layer + 1;
}

bool level_has_grad(const NetworkSession& s, int level) {
    if (!s.ready || level == 0 || !s.stepper.trainable()) return false;
    const StepPosition p = s.stepper.position();
    if (p.phase == Phase::Backward) return level - 1 >= p.layer;
    return p.phase == Phase::Update;
}

const Tensor& level_tensor(const NetworkSession& s, int level) {
    return level == 0 ? s.stepper.input() : s.model.output(size_t(level - 1));
}

void map_colors(const Tensor& t, bool grad, float& lo, float& hi, bool& diverging) {
    tensor_range(t, lo, hi);
    diverging = grad || lo < 0.0f;
    if (diverging) {
        const float m = ImMax(ImMax(std::fabs(lo), std::fabs(hi)), 1e-12f);
        lo = -m;
        hi = m;
    } else {
        lo = 0.0f;
        hi = ImMax(hi, 1e-12f);
    }
}

void draw_feature_maps(NetworkSession& s, MapsUi& ui, AppState& app, int selected, int selected_channel) {
    if (!s.ready) return;
    if (ui.uploaded != s.version) upload(s, ui, *app.host);
    // Last frame's hover drives this frame's receptive overlay.
    ui.hover_level = ui.next_hover_level;
    ui.hover_y = ui.next_hover_y;
    ui.hover_x = ui.next_hover_x;
    ui.next_hover_level = -1;
    ui.clicked_level = -1;
    ui.regions.clear();
    if (ui.hover_level > 0 && level_computed(s, ui.hover_level))
        ui.regions = receptive_regions(s.model, ui.hover_level - 1, ui.hover_y, ui.hover_x);

    const int L = levels(s);
    char buf[256];
    for (int lv = 0; lv < L; ++lv) {
        ImGui::PushID(lv);
        const Shape shape = lv == 0 ? s.model.input_shape() : s.model.layer(size_t(lv - 1)).out_shape();
        const bool sel = lv == selected + 1;
        if (lv == ui.scroll_to) {
            ImGui::SetScrollHereY(0.2f);
            ui.scroll_to = -1;
        }
        if (lv == 0) std::snprintf(buf, sizeof buf, "%s  %s", app.tr("net.input"), shape_str(shape).c_str());
        else std::snprintf(buf, sizeof buf, "%d  %s  %s", lv - 1, s.model.layer(size_t(lv - 1)).type(), shape_str(shape).c_str());
        if (sel) ImGui::TextColored(col4(colors::kAccent), "%s", buf);
        else ImGui::TextUnformatted(buf);
        if (!level_computed(s, lv)) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", app.tr("net.not_yet"));
            ImGui::PopID();
            continue;
        }
        float lo, hi;
        tensor_range(level_tensor(s, lv), lo, hi);
        ImGui::SameLine();
        ImGui::TextDisabled("[%.3g, %.3g]", double(lo), double(hi));
        if (lv == 0 && colour_input(s)) {
            draw_colour_input(s, app);
            ImGui::SameLine(0.0f, em());
            ImGui::BeginGroup();
            draw_row(s, ui, app, lv, false, sel, selected_channel);
            ImGui::TextDisabled("%s", app.tr("net.rgb_channels"));
            ImGui::EndGroup();
        } else {
            draw_row(s, ui, app, lv, false, sel, selected_channel);
        }
        if (level_has_grad(s, lv)) {
            tensor_range(s.model.output_grad(size_t(lv - 1)), lo, hi);
            ImGui::TextColored(col4(0xB0453A), "∂L/∂%s", app.tr("net.output_of"));
            ImGui::SameLine();
            ImGui::TextDisabled("[%.3g, %.3g]", double(lo), double(hi));
            draw_row(s, ui, app, lv, true, sel, selected_channel);
        }
        ImGui::Spacing();
        ImGui::PopID();
    }
}

}  // namespace ll::app
