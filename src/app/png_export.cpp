// PNG export (png_export.h). The caption is drawn on the CPU from the font atlas ImGui already holds,
// so the picture needs no second render pass and looks like the UI's own text.
#include "app/png_export.h"

#include <algorithm>
#include <cmath>
#include <ctime>

#include "app/app.h"

namespace ll::app {

int png_export_request(AppState& app) {
    PngExport& e = app.png;
    ++e.serial;
    e.phase = PngExport::Wanted;
    e.error.clear();
    e.width = e.height = 0;
    e.bytes = 0;
    app_wake(app);
    return e.serial;
}

bool png_export_wanted(const AppState& app, float fb_scale, int& x, int& y, int& w, int& h) {
    const PngExport& e = app.png;
    if (e.phase != PngExport::Wanted || e.panel_max.x <= e.panel_min.x || e.panel_max.y <= e.panel_min.y) return false;
    x = int(std::floor(e.panel_min.x * fb_scale));
    y = int(std::floor(e.panel_min.y * fb_scale));
    w = int(std::ceil(e.panel_max.x * fb_scale)) - x;
    h = int(std::ceil(e.panel_max.y * fb_scale)) - y;
    return w > 0 && h > 0;
}

namespace {

// One line of the caption: the glyphs of `text` from `from` that fit in `width` pixels; returns the end.
size_t fit_line(const ImFont* font, const std::string& text, size_t from, float width) {
    float x = 0.0f;
    size_t i = from;
    while (i < text.size()) {
        const ImFontGlyph* g = font->FindGlyph(ImWchar(uint8_t(text[i])));
        const float adv = g ? g->AdvanceX : 0.0f;
        if (x + adv > width && i > from) break;
        x += adv;
        ++i;
    }
    return i;
}

}  // namespace

int append_caption(std::vector<uint8_t>& rgba, int w, int h, const std::string& text, float fb_scale) {
    ImGuiIO& io = ImGui::GetIO();
    const ImFont* font = ImGui::GetFont();
    unsigned char* atlas = nullptr;
    int aw = 0, ah = 0;
    io.Fonts->GetTexDataAsRGBA32(&atlas, &aw, &ah);
    if (!font || !atlas) return h;
    // The atlas holds glyphs at framebuffer size (platform/fonts.cpp rasterises at the device scale).
    const int line_h = int(std::ceil(font->FontSize)), margin = int(std::ceil(10.0f * fb_scale));
    std::vector<std::pair<size_t, size_t>> lines;
    for (size_t at = 0; at < text.size() && lines.size() < 12;) {
        const size_t end = fit_line(font, text, at, float(w - 2 * margin));
        lines.push_back({at, end});
        at = end;
    }
    const int extra = int(lines.size()) * line_h + 2 * margin;
    rgba.resize(size_t(w) * size_t(h + extra) * 4, 255);  // white, opaque
    const uint8_t ink[3] = {31, 41, 51};                    // the page's text colour
    for (size_t l = 0; l < lines.size(); ++l) {
        float pen = float(margin);
        const int top = h + margin + int(l) * line_h;
        for (size_t i = lines[l].first; i < lines[l].second; ++i) {
            const ImFontGlyph* g = font->FindGlyph(ImWchar(uint8_t(text[i])));
            if (!g) continue;
            // The atlas may hold a glyph oversampled (wider than it is drawn): each drawn pixel
            // averages the atlas pixels it covers.
            const float u0 = g->U0 * aw, v0 = g->V0 * ah, sw = (g->U1 - g->U0) * aw, sh = (g->V1 - g->V0) * ah;
            const int dw = int(std::lround(g->X1 - g->X0)), dh = int(std::lround(g->Y1 - g->Y0));
            const int ox = int(std::lround(pen + g->X0)), oy = top + int(std::lround(g->Y0));
            for (int y = 0; y < dh; ++y) {
                for (int x = 0; x < dw; ++x) {
                    const int px = ox + x, py = oy + y;
                    if (px < 0 || px >= w || py < h || py >= h + extra) continue;
                    const int sx0 = int(u0 + x * sw / dw), sx1 = std::max(sx0 + 1, int(u0 + (x + 1) * sw / dw));
                    const int sy0 = int(v0 + y * sh / dh), sy1 = std::max(sy0 + 1, int(v0 + (y + 1) * sh / dh));
                    float sum = 0.0f;
                    for (int sy = sy0; sy < sy1 && sy < ah; ++sy)
                        for (int sx = sx0; sx < sx1 && sx < aw; ++sx) sum += atlas[(size_t(sy) * size_t(aw) + size_t(sx)) * 4 + 3];
                    const float a = std::min(1.0f, sum / (255.0f * float((sy1 - sy0) * (sx1 - sx0))));
                    uint8_t* d = &rgba[(size_t(py) * size_t(w) + size_t(px)) * 4];
                    for (int c = 0; c < 3; ++c) d[c] = uint8_t(std::lround(d[c] * (1.0f - a) + ink[c] * a));
                }
            }
            pen += g->AdvanceX;
        }
    }
    return h + extra;
}

void png_export_capture(AppState& app, std::vector<uint8_t> rgba, int w, int h, float fb_scale) {
    PngExport& e = app.png;
    app_copy_link(app);  // the address of this very view (and on the clipboard, as Copy link does)
    e.link = app.shell.copied_link;
    const int full_h = append_caption(rgba, w, h, e.link, fb_scale);
    char name[64];
    const std::time_t now = std::time(nullptr);
    std::strftime(name, sizeof name, "layerlab-%Y%m%d-%H%M%S.png", std::localtime(&now));
    e.name = std::string(name);
    e.width = w;
    e.height = full_h;
    e.job = app.host->png_start(rgba, w, full_h);
    e.phase = e.job >= 0 ? PngExport::Encoding : PngExport::Failed;
    if (e.job < 0) e.error = "this platform cannot encode PNG files";
}

void png_export_poll(AppState& app) {
    PngExport& e = app.png;
    if (e.phase != PngExport::Encoding) return;
    std::string bytes, error;
    if (!app.host->png_take(e.job, bytes, error)) return;
    if (bytes.empty()) {
        e.phase = PngExport::Failed;
        e.error = error.empty() ? "the PNG could not be encoded" : error;
        return;
    }
    e.bytes = bytes.size();
    const std::string where = app.host->save_file(e.name, bytes);
    e.phase = where.empty() ? PngExport::Failed : PngExport::Done;
    if (where.empty()) e.error = "the file could not be saved";
}

}  // namespace ll::app
