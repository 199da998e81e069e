// The Optimizers lab's pictures: the loss surface (a fragment shader through Host::surface_render)
// with pan/zoom, minima, penalty contours and the racers' trails drawn over it with ImDrawList, the
// loss-versus-step plot and the learning-rate schedule plot. Values come from the engine (Surface,
// SurfaceRun, scheduled_lr); this file only maps them to pixels.
#include <cmath>
#include <cstdio>

#include "app/app_state.h"
#include "app/panels/optim_lab.h"
#include "app/widgets/widgets.h"

namespace ll::app {

bool SurfacePicture::operator==(const SurfacePicture& o) const {
    for (int i = 0; i < 6; ++i)
        if (coef[i] != o.coef[i]) return false;
    return kind == o.kind && x_min == o.x_min && x_max == o.x_max && y_min == o.y_min && y_max == o.y_max &&
           f_min == o.f_min && log_scale == o.log_scale && contours == o.contours && lo == o.lo && hi == o.hi &&
           l1 == o.l1 && l2 == o.l2 && pen_y == o.pen_y;
}

namespace {

// One colour per optimizer kind (OptKind order), from Okabe and Ito's palette for colour-blind viewers:
// vermillion, orange, reddish purple, bluish green, sky blue, blue, near-black. A second racer of a
// kind (SGD and SGD + L1) takes one of the later colours and a dashed line (racer_dashed), so a pair
// differs in shape as well as in hue.
const int kPalette[] = {0xD55E00, 0xE69F00, 0xCC79A7, 0x009E73, 0x56B4E9, 0x0072B2, 0x2B2B2B,
                        0x7F3C8D, 0x3969AC, 0x11A579, 0xB8860B, 0xE73F74, 0x4B4B8F, 0x6B8E23};

int surface_kind(const std::string& name) {
    const char* names[] = {"quadratic", "rosenbrock", "beale", "saddle", "himmelblau", "least_squares"};
    for (int i = 0; i < 6; ++i)
        if (name == names[i]) return i;
    return 5;
}

SurfacePicture make_picture(const SurfaceViewState& v, const Race& race, int selected) {
    const Surface& s = *race.surface();
    SurfacePicture p;
    p.kind = surface_kind(s.name());
    if (p.kind == 0) p.coef[0] = race.settings.condition;
    if (p.kind == 5) {
        // The least-squares loss is a quadratic in (w, b): its six coefficients from seven values.
        const double f00 = s.value(0, 0), fp0 = s.value(1, 0), fm0 = s.value(-1, 0);
        const double f0p = s.value(0, 1), f0m = s.value(0, -1), fpp = s.value(1, 1);
        const double a = 0.5 * (fp0 + fm0) - f00, d = 0.5 * (fp0 - fm0);
        const double c = 0.5 * (f0p + f0m) - f00, e = 0.5 * (f0p - f0m);
        const double b = fpp - a - c - d - e - f00;
        const double k[6] = {a, b, c, d, e, f00};
        for (int i = 0; i < 6; ++i) p.coef[i] = float(k[i]);
    }
    p.x_min = v.x_min;
    p.x_max = v.x_max;
    p.y_min = v.y_min;
    p.y_max = v.y_max;
    p.log_scale = race.has_minimum();
    p.f_min = p.log_scale ? float(race.min_value()) : 0.0f;
    // The heat map shows what the selected racer minimises: the loss plus its own penalty.
    if (v.show_penalty && selected >= 0 && selected < int(race.racers.size()) && race.racers[size_t(selected)].on) {
        p.l1 = race.racers[size_t(selected)].spec.l1;
        p.l2 = race.racers[size_t(selected)].spec.l2;
        p.pen_y = race.settings.scaled && p.kind == 0 ? std::sqrt(race.settings.condition) : 1.0f;
    }
    // Colour range from the values on a coarse grid over the view.
    double lo = INFINITY, hi = -INFINITY;
    for (int j = 0; j <= 24; ++j) {
        for (int i = 0; i <= 24; ++i) {
            const double x = v.x_min + (v.x_max - v.x_min) * i / 24.0, y = v.y_min + (v.y_max - v.y_min) * j / 24.0;
            const double py = p.pen_y * y;
            double f = s.value(x, y) + surface_penalty(x, py, p.l1, p.l2);  // as the shader adds it
            if (p.log_scale) f = std::log10(std::fmax(f - double(p.f_min), 1e-12));
            if (std::isfinite(f)) {
                lo = std::fmin(lo, f);
                hi = std::fmax(hi, f);
            }
        }
    }
    if (!(hi > lo)) hi = lo + 1.0;
    if (p.log_scale) lo = std::fmax(lo, hi - 6.0);
    // Quantised so small pans do not recolour the picture.
    p.lo = float(std::floor(lo * 4.0) / 4.0);
    p.hi = float(std::ceil(hi * 4.0) / 4.0);
    p.contours = p.log_scale ? ImClamp(int(std::lround((p.hi - p.lo) * 3.0f)), 8, 30) : 16;
    return p;
}

// Widens the view so that x and y have the same scale in a w x h widget (circles stay circles).
void fit_aspect(SurfaceViewState& v, float w, float h) {
    const double sx = (v.x_max - v.x_min) / double(w), sy = (v.y_max - v.y_min) / double(h);
    if (std::fabs(sx - sy) < 1e-9 * std::fmax(sx, sy)) return;
    if (sx > sy) {
        const double c = 0.5 * (v.y_min + v.y_max), half = 0.5 * sx * double(h);
        v.y_min = c - half;
        v.y_max = c + half;
    } else {
        const double c = 0.5 * (v.x_min + v.x_max), half = 0.5 * sy * double(w);
        v.x_min = c - half;
        v.x_max = c + half;
    }
}

struct Mapper {
    ImVec2 p0, size;
    double x_min, x_max, y_min, y_max;
    ImVec2 operator()(double x, double y) const {
        const double px = double(p0.x) + (x - x_min) / (x_max - x_min) * double(size.x);
        const double py = double(p0.y) + (y_max - y) / (y_max - y_min) * double(size.y);
        return ImVec2(float(ImClamp(px, -1e5, 1e5)), float(ImClamp(py, -1e5, 1e5)));
    }
    void inverse(ImVec2 s, double& x, double& y) const {
        x = x_min + double(s.x - p0.x) / double(size.x) * (x_max - x_min);
        y = y_max - double(s.y - p0.y) / double(size.y) * (y_max - y_min);
    }
};

// A closed curve, finely sampled, drawn as 6 px dashes with 4 px gaps.
void dashed_polygon(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thick) {
    float along = 0.0f;
    for (size_t i = 0; i + 1 < pts.size(); ++i) {
        const float dx = pts[i + 1].x - pts[i].x, dy = pts[i + 1].y - pts[i].y;
        if (std::fmod(along, 10.0f) < 6.0f) dl->AddLine(pts[i], pts[i + 1], col, thick);
        along += std::sqrt(dx * dx + dy * dy);
    }
}

// The penalty's level set through a racer's current point: a diamond |u| + |v| = r (L1) or a circle
// u^2 + v^2 = r^2 (L2), in the optimizer's coordinates (u, v) = (x, pen_y*y).
void draw_penalty_shape(ImDrawList* dl, const Mapper& m, bool l1, double r, double pen_y, ImU32 col) {
    std::vector<ImVec2> pts;
    const int n = 400;
    for (int i = 0; i <= n; ++i) {
        const double t = 2.0 * M_PI * i / n;
        double u = std::cos(t), v = std::sin(t);
        if (l1) {
            const double s = std::fabs(u) + std::fabs(v);
            u /= s;
            v /= s;
        }
        pts.push_back(m(r * u, r * v / pen_y));
    }
    dashed_polygon(dl, pts, col, 2.0f);
}

void draw_trail(ImDrawList* dl, const Mapper& m, const std::vector<double>& xs, const std::vector<double>& ys, ImU32 col,
                float thick, bool head, bool dashed) {
    const size_t n = xs.size();
    if (n == 0) return;
    // Screen-space simplification: a point closer than 1.5 px to the last one kept adds nothing visible
    // (converged trails have thousands of them), and every polyline vertex costs fill on SwiftShader.
    std::vector<ImVec2> pts;
    pts.reserve(256);
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) break;
        const ImVec2 q = m(xs[i], ys[i]);
        if (!pts.empty() && i + 1 < n) {
            const float dx = q.x - pts.back().x, dy = q.y - pts.back().y;
            if (dx * dx + dy * dy < 2.25f) continue;
        }
        pts.push_back(q);
    }
    if (dashed) widgets::polyline_dashed(dl, pts, col, thick);
    else if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), col, 0, thick);
    if (head && !pts.empty()) {
        dl->AddCircleFilled(pts.back(), 5.5f, col32(0xFFFFFF));
        if (dashed) dl->AddCircle(pts.back(), 4.0f, col, 0, 2.0f);  // a ring: the twin's head
        else dl->AddCircleFilled(pts.back(), 4.0f, col);
    }
}

}  // namespace

bool racer_dashed(int index) { return index >= kOptKinds; }

ImU32 racer_color(int index, float alpha) {
    const int n = int(sizeof kPalette / sizeof kPalette[0]);
    return col32(kPalette[((index % n) + n) % n], alpha);
}

void reset_view(SurfaceViewState& v, const Surface& s) {
    const SurfaceView r = s.view();
    v.x_min = r.x_min;
    v.x_max = r.x_max;
    v.y_min = r.y_min;
    v.y_max = r.y_max;
}

bool draw_surface_view(SurfaceViewState& v, const Race& race, int selected, AppState& app, ImVec2 size, double& cx,
                       double& cy) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + size.x, p0.y + size.y);
    if (!race.surface()) {
        ImGui::Dummy(size);
        return false;
    }
    fit_aspect(v, size.x, size.y);
    Host& host = *app.host;
    if (v.picture < 0) v.picture = host.surface_create();
    const ImVec2 fb = ImGui::GetIO().DisplayFramebufferScale;
    const int w = ImMax(1, int(size.x * fb.x)), h = ImMax(1, int(size.y * fb.y));
    const SurfacePicture pic = make_picture(v, race, selected);
    if (pic != v.drawn || w != v.drawn_w || h != v.drawn_h) {
        host.surface_render(v.picture, w, h, pic);
        ++v.renders;
        v.drawn = pic;
        v.drawn_w = w;
        v.drawn_h = h;
    }
    dl->AddImage(host.surface_texture(v.picture), p0, p1);
    dl->AddRect(p0, p1, col32(colors::kCardBorder));

    ImGui::InvisibleButton("##surface", size);
    ImGui::SetItemUsingMouseWheel();  // the wheel zooms the map; the page around it stays put
    const Mapper m{p0, size, v.x_min, v.x_max, v.y_min, v.y_max};
    bool clicked = false;
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemHovered()) {
        if (io.MouseWheel != 0.0f) {  // zoom around the mouse
            double mx, my;
            m.inverse(io.MousePos, mx, my);
            const double f = std::pow(0.85, double(io.MouseWheel));
            v.x_min = mx + (v.x_min - mx) * f;
            v.x_max = mx + (v.x_max - mx) * f;
            v.y_min = my + (v.y_min - my) * f;
            v.y_max = my + (v.y_max - my) * f;
        }
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f)) {
        v.dragging = true;
        const double dx = double(io.MouseDelta.x) / size.x * (v.x_max - v.x_min);
        const double dy = double(io.MouseDelta.y) / size.y * (v.y_max - v.y_min);
        v.x_min -= dx;
        v.x_max -= dx;
        v.y_min += dy;
        v.y_max += dy;
    }
    if (ImGui::IsItemDeactivated()) {
        if (!v.dragging && ImGui::IsItemHovered()) {
            m.inverse(io.MousePos, cx, cy);
            clicked = true;
        }
        v.dragging = false;
    }
    if (ImGui::IsItemHovered() && !v.dragging) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

    dl->PushClipRect(p0, p1, true);
    // Penalty level sets through the regularised racers' points.
    if (v.show_penalty) {
        const double pen_y = race.settings.scaled && pic.kind == 0 ? std::sqrt(race.settings.condition) : 1.0;
        for (size_t i = 0; i < race.racers.size(); ++i) {
            const Racer& r = race.racers[i];
            if (!r.on || r.xs.empty() || !std::isfinite(r.xs.back())) continue;
            const double u = r.xs.back(), vv = pen_y * r.ys.back();
            if (r.spec.l1 > 0.0f) draw_penalty_shape(dl, m, true, std::fabs(u) + std::fabs(vv), pen_y, racer_color(r.color, 0.9f));
            if (r.spec.l2 > 0.0f) draw_penalty_shape(dl, m, false, std::sqrt(u * u + vv * vv), pen_y, racer_color(r.color, 0.9f));
        }
    }
    // Known points: minima as stars, the saddle as a cross.
    for (const SurfacePoint& k : race.surface()->known_points()) {
        const ImVec2 c = m(k.x, k.y);
        if (k.kind == PointKind::Minimum) {
            ImVec2 star[10];
            for (int i = 0; i < 10; ++i) {
                const float a = float(M_PI) * (-0.5f + 0.2f * float(i)), rr = (i % 2) ? 3.2f : 8.0f;
                star[i] = ImVec2(c.x + rr * std::cos(a), c.y + rr * std::sin(a));
            }
            dl->AddConvexPolyFilled(star, 10, col32(0xFFFFFF));
            dl->AddPolyline(star, 10, col32(0x202830), ImDrawFlags_Closed, 1.3f);
        } else {
            dl->AddLine(ImVec2(c.x - 6, c.y - 6), ImVec2(c.x + 6, c.y + 6), col32(0x202830), 2.0f);
            dl->AddLine(ImVec2(c.x - 6, c.y + 6), ImVec2(c.x + 6, c.y - 6), col32(0x202830), 2.0f);
        }
    }
    for (const Racer& r : race.racers)  // full-batch twins first, faint, under the noisy paths
        if (r.on && !r.twin_xs.empty()) draw_trail(dl, m, r.twin_xs, r.twin_ys, racer_color(r.color, 0.35f), 6.0f, false, false);
    for (const Racer& r : race.racers)
        if (r.on) draw_trail(dl, m, r.xs, r.ys, racer_color(r.color), 2.0f, true, racer_dashed(r.color));
    // The start point.
    const ImVec2 s = m(race.settings.start_x, race.settings.start_y);
    dl->AddCircle(s, 7.0f, col32(0x202830), 0, 2.0f);
    dl->AddCircleFilled(s, 2.5f, col32(0x202830));
    // Axes through the origin when visible.
    const ImVec2 o = m(0.0, 0.0);
    dl->AddLine(ImVec2(p0.x, o.y), ImVec2(p1.x, o.y), col32(0x202830, 0.18f));
    dl->AddLine(ImVec2(o.x, p0.y), ImVec2(o.x, p1.y), col32(0x202830, 0.18f));
    // Corner labels: the view's extent.
    char buf[96];
    std::snprintf(buf, sizeof buf, "x %.3g .. %.3g   y %.3g .. %.3g", v.x_min, v.x_max, v.y_min, v.y_max);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddRectFilled(ImVec2(p0.x + 4, p1.y - ts.y - 8), ImVec2(p0.x + ts.x + 12, p1.y - 4), col32(0xFFFFFF, 0.8f), 3.0f);
    dl->AddText(ImVec2(p0.x + 8, p1.y - ts.y - 6), col32(colors::kMuted), buf);
    if (ImGui::IsItemHovered() && !v.dragging) {
        double hx, hy;
        m.inverse(io.MousePos, hx, hy);
        std::snprintf(buf, sizeof buf, "(%.4g, %.4g)  f = %.4g", hx, hy, race.surface()->value(hx, hy));
        const ImVec2 hs = ImGui::CalcTextSize(buf);
        dl->AddRectFilled(ImVec2(p1.x - hs.x - 12, p0.y + 4), ImVec2(p1.x - 4, p0.y + hs.y + 8), col32(0xFFFFFF, 0.85f), 3.0f);
        dl->AddText(ImVec2(p1.x - hs.x - 8, p0.y + 6), col32(0x202830), buf);
    }
    dl->PopClipRect();
    (void)app;
    return clicked;
}

void draw_loss_plot(const Race& race, ImVec2 size, Lang lang) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    const float left = em() * 3.0f, bottom = em() * 1.4f;
    const ImVec2 a(p0.x + left, p0.y + 4.0f), b(p0.x + size.x - 6.0f, p0.y + size.y - bottom);
    dl->AddRectFilled(a, b, col32(0xFAFBFC));
    dl->AddRect(a, b, col32(colors::kCardBorder));
    const bool log = race.has_minimum();
    const double fmin = log ? race.min_value() : 0.0;
    auto value = [&](double loss) { return log ? std::log10(std::fmax(loss - fmin, 1e-12)) : loss; };
    size_t n = 2;
    double lo = INFINITY, hi = -INFINITY;
    for (const Racer& r : race.racers) {
        if (!r.on) continue;
        n = ImMax(n, r.losses.size());
        for (double l : r.losses) {
            const double y = value(l);
            if (!std::isfinite(y)) continue;
            lo = std::fmin(lo, y);
            hi = std::fmax(hi, y);
        }
    }
    if (!(hi > lo)) {
        lo = std::isfinite(lo) ? lo - 1.0 : -1.0;
        hi = lo + 2.0;
    }
    if (log) {
        lo = std::floor(lo);
        hi = std::ceil(hi);
    }
    const auto map = [&](double i, double y) {
        return ImVec2(a.x + float(i / double(n - 1)) * (b.x - a.x), b.y - float((y - lo) / (hi - lo)) * (b.y - a.y));
    };
    // Grid: decades (log) or five lines.
    char buf[48];
    // Every decade gets its grid line; labels keep 1.5 text heights apart (over many decades only every
    // 2nd, 5th, ... decade is labelled) and stay inside the plot's height, in the margin left of it.
    const int lines = log ? int(hi - lo) : 4;
    const float text_h = ImGui::GetTextLineHeight();
    const int fit = ImMax(1, int((b.y - a.y) / (text_h * 1.5f)));
    int every = 1;
    if (log) {
        for (int step : {1, 2, 5, 10, 20, 50, 100})
            if ((every = step) * fit >= lines) break;
    }
    for (int k = 0; k <= lines; ++k) {
        const double y = log ? lo + k : lo + (hi - lo) * k / lines;
        const ImVec2 q = map(0, y);
        dl->AddLine(ImVec2(a.x, q.y), ImVec2(b.x, q.y), col32(colors::kGridLine, k % every ? 0.3f : 0.6f));
        if (k % every) continue;
        if (log) std::snprintf(buf, sizeof buf, "1e%d", int(y));
        else std::snprintf(buf, sizeof buf, "%.3g", y);
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        const float ty = ImClamp(q.y - ts.y * 0.5f, p0.y, b.y - ts.y * 0.5f);
        dl->AddText(ImVec2(a.x - ts.x - 4, ty), col32(colors::kMuted), buf);
    }
    std::snprintf(buf, sizeof buf, "%zu", n - 1);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(b.x - ts.x, b.y + 2), col32(colors::kMuted), buf);
    dl->AddText(ImVec2(a.x, b.y + 2), col32(colors::kMuted), "0");
    const char* xl = tr(lang, "opt.plot_steps");
    dl->AddText(ImVec2(0.5f * (a.x + b.x) - ImGui::CalcTextSize(xl).x * 0.5f, b.y + 2), col32(colors::kMuted), xl);
    dl->PushClipRect(a, b, true);
    for (const Racer& r : race.racers) {
        if (!r.on || r.losses.size() < 2) continue;
        // At most about two points per pixel column.
        const size_t stride = ImMax<size_t>(1, r.losses.size() / size_t(ImMax(1.0f, 2.0f * (b.x - a.x))));
        std::vector<ImVec2> pts;
        for (size_t i = 0; i < r.losses.size(); i += stride) {
            const double y = value(r.losses[i]);
            if (!std::isfinite(y)) break;
            pts.push_back(map(double(i), y));
        }
        if (racer_dashed(r.color)) widgets::polyline_dashed(dl, pts, racer_color(r.color), 1.8f);
        else if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), racer_color(r.color), 0, 1.8f);
    }
    dl->PopClipRect();
}

void draw_schedule_plot(const Schedule& s, long step, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    const ImVec2 a(p0.x + 2, p0.y + 4), b(p0.x + size.x - 2, p0.y + size.y - 2);
    dl->AddRectFilled(a, b, col32(0xFAFBFC));
    dl->AddRect(a, b, col32(colors::kCardBorder));
    const long T = ImMax(ImMax(s.total_steps, s.warmup_steps + s.step_size * 3), 10L);
    std::vector<ImVec2> pts;
    const int n = 200;
    for (int i = 0; i <= n; ++i) {
        const long t = long(double(T) * i / n);
        const float lr = scheduled_lr(s, 1.0f, t);
        pts.push_back(ImVec2(a.x + (b.x - a.x) * float(i) / n, b.y - 3 - (b.y - a.y - 6) * ImClamp(lr, 0.0f, 1.0f)));
    }
    dl->AddPolyline(pts.data(), int(pts.size()), col32(colors::kAccent), 0, 1.8f);
    const long t = ImMin(step, T);
    const float lr = scheduled_lr(s, 1.0f, t);
    const ImVec2 c(a.x + (b.x - a.x) * float(double(t) / double(T)), b.y - 3 - (b.y - a.y - 6) * ImClamp(lr, 0.0f, 1.0f));
    dl->AddLine(ImVec2(c.x, a.y), ImVec2(c.x, b.y), col32(colors::kMuted, 0.5f));
    dl->AddCircleFilled(c, 4.0f, col32(colors::kAccent));
}

}  // namespace ll::app
