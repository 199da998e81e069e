// Normalization lab: feature scaling before the model. Two features of Fashion-MNIST images (the mean
// brightness of the top half in pixel units 0..255, of the bottom half as a fraction 0..1: very different
// scales), or a fixed synthetic set when the images are absent, as raw, min-max and z-score data
// (ll::fit_scaler / ll::scaler_transform). For each, the engine's least_squares surface (the line fit
// f2 = w*f1 + b) gives the loss around its minimum, and ll::quadratic_shape its curvature, which draws
// the contours as ellipses, and gradient descent with its best fixed step (1/lambda_max) for 25 steps.
#include <cmath>
#include <cstdio>

#include "app/app_state.h"
#include "app/panels/norm_lab.h"
#include "app/widgets/widgets.h"
#include "engine/scaling.h"
#include "engine/surfaces.h"

namespace ll::app {

namespace {

const char* const kViewKeys[3] = {"norm.fs.raw", "norm.fs.minmax", "norm.fs.zscore"};

void build_view(ScalingPanel::View& v, const std::vector<double>& x, const std::vector<double>& y, std::string& err) {
    v.x = x;
    v.y = y;
    v.ok = false;
    SurfaceOptions o;
    o.data_x = x;
    o.data_y = y;
    Status st = Status::ok();
    std::unique_ptr<Surface> s = make_surface("least_squares", o, st);
    if (s) st = quadratic_shape(*s, 0.0, 0.0, kGdSteps, v.shape);  // descent from (w, b) = (0, 0)
    if (!st) err = st.message();
    v.ok = bool(st);
}

}  // namespace

void scaling_build(ScalingPanel& p, const NormSource& s) {
    p.built = true;
    p.error.clear();
    p.f1.clear();
    p.f2.clear();
    std::vector<double> xs, ys;
    p.real = s.have_images && least_squares_samples(s.images, 200, xs, ys).is_ok();
    if (p.real) {
        for (size_t i = 0; i < xs.size(); ++i) {
            p.f1.push_back(xs[i] * 255.0);  // pixel units
            p.f2.push_back(ys[i]);
        }
    } else {
        Rng rng(3);
        for (int i = 0; i < 200; ++i) {
            const double f1 = 20.0 + 150.0 * rng.uniform();
            p.f1.push_back(f1);
            p.f2.push_back(0.77 * f1 / 255.0 + 0.11 + 0.05 * rng.normal());
        }
    }
    const int n = int(p.f1.size());
    Tensor raw({n, 2});
    for (int i = 0; i < n; ++i) {
        raw[size_t(2 * i)] = float(p.f1[size_t(i)]);
        raw[size_t(2 * i + 1)] = float(p.f2[size_t(i)]);
    }
    build_view(p.views[0], p.f1, p.f2, p.error);
    const ScaleKind kinds[2] = {ScaleKind::MinMax, ScaleKind::ZScore};
    for (int k = 0; k < 2; ++k) {
        Scaler sc;
        Tensor out;
        if (Status st = fit_scaler(raw, kinds[k], sc); !st) { p.error = st.message(); continue; }
        if (Status st = scaler_transform(sc, raw, out); !st) { p.error = st.message(); continue; }
        std::vector<double> x(static_cast<size_t>(n)), y(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) {
            x[size_t(i)] = out[size_t(2 * i)];
            y[size_t(i)] = out[size_t(2 * i + 1)];
        }
        build_view(p.views[k + 1], x, y, p.error);
    }
}

void draw_scaling(ScalingPanel& p, AppState& app) {
    widgets::Card card = widgets::begin_card("scaling");
    ImGui::TextDisabled("%s", app.tr("norm.fs.title"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("norm.fs.help"));
    widgets::muted_text_wrapped(app.tr(p.real ? "norm.fs.data_real" : "norm.fs.data_synthetic"));
    if (!p.error.empty()) widgets::engine_error(app, p.error);
    // Three panels in a row; in a narrow column as many per row as keep each 12 text heights wide.
    const float avail = ImGui::GetContentRegionAvail().x;
    const int per_row = avail >= 3 * em() * 12.0f + 2 * em() ? 3 : avail >= 2 * em() * 12.0f + em() ? 2 : 1;
    const float w = (avail - float(per_row - 1) * em()) / float(per_row);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    char buf[256];
    for (int k = 0; k < 3; ++k) {
        const ScalingPanel::View& v = p.views[k];
        if (k % per_row != 0) ImGui::SameLine(0.0f, em());
        ImGui::BeginGroup();
        ImGui::PushID(k);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        widgets::text_wrapped(app.tr(kViewKeys[k]));
        // Scatter of the two features, each axis with its own range (the numbers show the scale).
        const float sh = em() * 5.5f;
        ImVec2 lo = ImGui::GetCursorScreenPos(), hi(lo.x + w, lo.y + sh);
        ImGui::Dummy(ImVec2(w, sh));
        dl->AddRectFilled(lo, hi, col32(0xF7F9FB), 3.0f);
        if (v.ok) {
            double x0 = v.x[0], x1 = v.x[0], y0 = v.y[0], y1 = v.y[0];
            for (size_t i = 0; i < v.x.size(); ++i) {
                x0 = std::min(x0, v.x[i]); x1 = std::max(x1, v.x[i]);
                y0 = std::min(y0, v.y[i]); y1 = std::max(y1, v.y[i]);
            }
            for (size_t i = 0; i < v.x.size(); ++i) {
                const float px = lo.x + 4 + float((v.x[i] - x0) / (x1 - x0 + 1e-12)) * (w - 8);
                const float py = hi.y - 4 - float((v.y[i] - y0) / (y1 - y0 + 1e-12)) * (sh - 8);
                dl->AddCircleFilled(ImVec2(px, py), 1.8f, col32(colors::kAccent, 0.6f));
            }
            std::snprintf(buf, sizeof buf, "f1 %s..%s  f2 %s..%s", fmt(x0, 1).c_str(), fmt(x1, 1).c_str(),
                          fmt(y0, 2).c_str(), fmt(y1, 2).c_str());
            widgets::muted_text_wrapped(buf);
        }
        // Loss contours in (w, b) and the gradient-descent path, equal scales on both axes.
        const float ch = ImMin(w, em() * 11.0f);
        lo = ImGui::GetCursorScreenPos();
        hi = ImVec2(lo.x + w, lo.y + ch);
        ImGui::Dummy(ImVec2(w, ch));
        dl->AddRectFilled(lo, hi, col32(0xF7F9FB), 3.0f);
        dl->AddRect(lo, hi, col32(colors::kCardBorder), 3.0f);
        if (v.ok) {
            double R = 1e-9;
            for (size_t i = 0; i < v.shape.path_x.size(); ++i)
                R = std::max(R, std::hypot(v.shape.path_x[i] - v.shape.x_min, v.shape.path_y[i] - v.shape.y_min));
            R *= 1.15;
            const float scale = 0.5f * ImMin(w, ch) / float(R);
            const ImVec2 c((lo.x + hi.x) * 0.5f, (lo.y + hi.y) * 0.5f);
            auto P = [&](double ww, double bb) {
                return ImVec2(c.x + float(ww - v.shape.x_min) * scale, c.y - float(bb - v.shape.y_min) * scale);
            };
            dl->PushClipRect(lo, hi, true);
            const double dstart = 0.5 * (v.shape.lambda_max * std::pow(std::cos(v.shape.angle) * (0 - v.shape.x_min) + std::sin(v.shape.angle) * (0 - v.shape.y_min), 2) +
                                         v.shape.lambda_min * std::pow(-std::sin(v.shape.angle) * (0 - v.shape.x_min) + std::cos(v.shape.angle) * (0 - v.shape.y_min), 2));
            for (int j = 1; j <= 5; ++j) {
                const double dL = dstart * (j / 5.0) * (j / 5.0);
                const double a1 = std::sqrt(2 * dL / v.shape.lambda_max), a2 = std::sqrt(2 * dL / v.shape.lambda_min);
                ImVec2 pts[72];
                for (int t = 0; t < 72; ++t) {
                    const double th = 2 * M_PI * t / 72.0, u = a1 * std::cos(th), q = a2 * std::sin(th);
                    pts[t] = P(v.shape.x_min + u * std::cos(v.shape.angle) - q * std::sin(v.shape.angle),
                               v.shape.y_min + u * std::sin(v.shape.angle) + q * std::cos(v.shape.angle));
                }
                dl->AddPolyline(pts, 72, col32(0x8FA3BC, 0.35f + 0.1f * j), ImDrawFlags_Closed, 1.2f);
            }
            for (size_t i = 1; i < v.shape.path_x.size(); ++i)
                dl->AddLine(P(v.shape.path_x[i - 1], v.shape.path_y[i - 1]), P(v.shape.path_x[i], v.shape.path_y[i]), col32(colors::kStamp), 2.0f);
            for (size_t i = 0; i < v.shape.path_x.size(); ++i) dl->AddCircleFilled(P(v.shape.path_x[i], v.shape.path_y[i]), 2.5f, col32(colors::kStamp));
            dl->AddCircleFilled(P(v.shape.x_min, v.shape.y_min), 4.0f, col32(colors::kCurrent));
            dl->PopClipRect();
            dl->AddText(ImVec2(lo.x + 4, lo.y + 2), col32(colors::kMuted), "b ↑  w →");
            std::snprintf(buf, sizeof buf, app.tr("norm.fs.numbers"), fmt(v.shape.lambda_max / v.shape.lambda_min, v.shape.lambda_max / v.shape.lambda_min > 100 ? 0 : 1).c_str(),
                          kGdSteps, fmt(std::max(0.0, v.shape.final_value - v.shape.min_value), 4).c_str());
            if (app.fonts.mono) ImGui::PushFont(app.fonts.mono);
            widgets::text_wrapped(buf);
            if (app.fonts.mono) ImGui::PopFont();
        }
        ImGui::PopTextWrapPos();
        ImGui::PopID();
        ImGui::EndGroup();
    }
    widgets::muted_text_wrapped(app.tr("norm.fs.why"));
    widgets::end_card(card);
}

}  // namespace ll::app
