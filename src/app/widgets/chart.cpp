// Line charts: see chart.h.
#include "app/widgets/chart.h"

#include <cmath>
#include <cstdio>

#include "app/widgets/widgets.h"

namespace ll::app::widgets {

std::vector<double> smooth(const std::vector<float>& ys, double alpha) {
    std::vector<double> out(ys.size(), NAN);
    double s = NAN;
    for (size_t i = 0; i < ys.size(); ++i) {
        if (!std::isfinite(ys[i])) continue;
        s = std::isfinite(s) ? s + alpha * (double(ys[i]) - s) : double(ys[i]);
        out[i] = s;
    }
    return out;
}

bool line_chart(const char* id, ImVec2 size, const std::vector<ChartSeries>& series, const ChartOptions& opt) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    const bool hovered = ImGui::IsItemHovered();
    const float text_h = ImGui::GetTextLineHeight();
    const auto fy = [&](double y) { return opt.log_y ? (y > 0.0 ? std::log10(y) : NAN) : y; };
    const auto fx = [&](double x) { return opt.log_x ? (x > 0.0 ? std::log10(x) : NAN) : x; };
    const auto ux = [&](double x) { return opt.log_x ? std::pow(10.0, x) : x; };  // back to the data's units
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (const ChartSeries& s : series)
        for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
            const double y = fy(s.y[i]), x = fx(s.x[i]);
            if (!std::isfinite(y) || !std::isfinite(x)) continue;
            x0 = std::fmin(x0, x);
            x1 = std::fmax(x1, x);
            y0 = std::fmin(y0, y);
            y1 = std::fmax(y1, y);
        }
    if (std::isfinite(opt.y_min)) y0 = fy(opt.y_min);
    if (std::isfinite(opt.y_max)) y1 = fy(opt.y_max);
    if (!(x1 > x0)) { x0 = std::isfinite(x0) ? x0 - 1 : 0; x1 = x0 + 2; }
    if (!(y1 > y0)) { y0 = std::isfinite(y0) ? y0 - 0.5 : 0; y1 = y0 + 1; }
    if (opt.log_y) { y0 = std::floor(y0); y1 = std::ceil(y1); if (y1 <= y0) y1 = y0 + 1; }

    // Labels in the margins: y on the left, x below.
    char buf[64];
    const float left = ImGui::CalcTextSize("-0.000").x + em() * 0.4f, bottom = text_h + 4.0f;
    const ImVec2 a(p0.x + left, p0.y + text_h * 0.5f), b(p0.x + size.x - 4.0f, p0.y + size.y - bottom);
    dl->AddRectFilled(a, b, col32(0xFAFBFC));
    dl->AddRect(a, b, col32(colors::kCardBorder));
    const auto X = [&](double x) { return a.x + float((x - x0) / (x1 - x0)) * (b.x - a.x); };
    const auto Y = [&](double y) { return b.y - float((y - y0) / (y1 - y0)) * (b.y - a.y); };
    const int fit = std::max(1, int((b.y - a.y) / (text_h * 1.6f)));
    const int lines = opt.log_y ? int(y1 - y0) : std::min(4, fit);
    int every = 1;
    while (opt.log_y && lines / every > fit) every = every == 1 ? 2 : every == 2 ? 5 : every * 2;
    for (int k = 0; k <= lines; ++k) {
        const double y = y0 + (y1 - y0) * k / lines;
        const float py = Y(y);
        dl->AddLine(ImVec2(a.x, py), ImVec2(b.x, py), col32(colors::kGridLine, 0.5f));
        if (k % every) continue;
        if (opt.log_y) std::snprintf(buf, sizeof buf, "1e%d", int(std::lround(y)));
        else std::snprintf(buf, sizeof buf, opt.y_format, y);
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        dl->AddText(ImVec2(a.x - ts.x - 4.0f, ImClamp(py - ts.y * 0.5f, p0.y, b.y - ts.y * 0.5f)), col32(colors::kMuted), buf);
    }
    std::snprintf(buf, sizeof buf, "%g", ux(x0));
    dl->AddText(ImVec2(a.x, b.y + 2), col32(colors::kMuted), buf);
    float last_right = a.x + ImGui::CalcTextSize(buf).x;  // right of the first label
    std::snprintf(buf, sizeof buf, "%g", ux(x1));
    dl->AddText(ImVec2(b.x - ImGui::CalcTextSize(buf).x, b.y + 2), col32(colors::kMuted), buf);
    // A series with markers labels its inner x values too (a sweep's few measured values), where they fit.
    const float name_w = opt.x_label ? ImGui::CalcTextSize(opt.x_label).x : 0.0f, mid = 0.5f * (a.x + b.x);
    for (const ChartSeries& s : series) {
        if (!s.markers) continue;
        for (size_t i = 0; i < s.x.size(); ++i) {
            const double x = fx(s.x[i]);
            if (!std::isfinite(x) || x <= x0 || x >= x1) continue;
            std::snprintf(buf, sizeof buf, "%g", s.x[i]);
            const float tw = ImGui::CalcTextSize(buf).x, px = X(x) - tw * 0.5f;
            if (px < last_right + em() || px + tw > b.x - em() * 3.0f) continue;
            if (px + tw > mid - name_w * 0.5f - em() * 0.5f && px < mid + name_w * 0.5f + em() * 0.5f) continue;  // the axis name
            dl->AddText(ImVec2(px, b.y + 2), col32(colors::kMuted), buf);
            last_right = px + tw;
        }
        break;
    }
    if (opt.x_label && *opt.x_label)
        dl->AddText(ImVec2(0.5f * (a.x + b.x) - ImGui::CalcTextSize(opt.x_label).x * 0.5f, b.y + 2), col32(colors::kMuted), opt.x_label);

    dl->PushClipRect(a, b, true);
    if (std::isfinite(opt.marker_x)) dl->AddLine(ImVec2(X(opt.marker_x), a.y), ImVec2(X(opt.marker_x), b.y), col32(colors::kGood, 0.7f), 2.0f);
    for (const ChartSeries& s : series) {
        std::vector<ImVec2> pts;
        // At most about two points per pixel column.
        const size_t n = std::min(s.x.size(), s.y.size());
        const size_t stride = std::max<size_t>(1, n / size_t(std::max(1.0f, 2.0f * (b.x - a.x))));
        auto flush = [&] {
            if (pts.size() >= 2) {
                if (s.dashed) polyline_dashed(dl, pts, s.colour, 1.8f);
                else dl->AddPolyline(pts.data(), int(pts.size()), s.colour, 0, 1.8f);
            } else if (pts.size() == 1) {
                dl->AddCircleFilled(pts[0], 2.5f, s.colour);
            }
            pts.clear();
        };
        for (size_t i = 0; i < n; i += stride) {
            const double y = fy(s.y[i]), x = fx(s.x[i]);
            if (!std::isfinite(y) || !std::isfinite(x)) { flush(); continue; }
            pts.push_back(ImVec2(X(x), Y(y)));
            if (s.markers) dl->AddCircleFilled(pts.back(), 3.5f, s.colour);
        }
        flush();
    }
    dl->PopClipRect();

    if (hovered) {
        // Every series' value at the x under the mouse (the nearest point of each).
        const double mx = x0 + double((ImGui::GetIO().MousePos.x - a.x) / (b.x - a.x)) * (x1 - x0);
        dl->AddLine(ImVec2(ImClamp(ImGui::GetIO().MousePos.x, a.x, b.x), a.y), ImVec2(ImClamp(ImGui::GetIO().MousePos.x, a.x, b.x), b.y),
                    col32(colors::kMuted, 0.5f));
        ImGui::BeginTooltip();
        // The nearest measured x of any series when they have markers (a sweep's values), else the mouse's.
        double shown_x = ux(mx), nd = INFINITY;
        for (const ChartSeries& s : series)
            for (size_t i = 0; s.markers && i < s.x.size(); ++i)
                if (std::isfinite(fx(s.x[i])) && std::fabs(fx(s.x[i]) - mx) < nd) { nd = std::fabs(fx(s.x[i]) - mx); shown_x = s.x[i]; }
        std::snprintf(buf, sizeof buf, std::isfinite(nd) ? "%s %g" : "%s %.0f", opt.x_label, shown_x);
        ImGui::TextDisabled("%s", buf);
        for (const ChartSeries& s : series) {
            size_t best = SIZE_MAX;
            double bd = INFINITY;
            for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i)
                if (std::isfinite(s.y[i]) && std::fabs(fx(s.x[i]) - mx) < bd) { bd = std::fabs(fx(s.x[i]) - mx); best = i; }
            if (best == SIZE_MAX) continue;
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(s.colour));
            ImGui::Text("%s: %.4g", s.label.c_str(), s.y[best]);
            ImGui::PopStyleColor();
        }
        ImGui::EndTooltip();
    }
    return hovered;
}

}  // namespace ll::app::widgets
