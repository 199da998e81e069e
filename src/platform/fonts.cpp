// Fonts: DejaVu Sans (Latin, maths symbols such as − × ≈ ⌊ ⌋) with NanumGothic merged in for Hangul,
// both subset at build time to what the UI uses (cmake/app.cmake). Glyphs are rasterised at the
// framebuffer's resolution (size × text zoom × ui scale × fb scale) and drawn at 1/fb scale, so text
// is crisp on high-DPI screens while layouts stay in logical pixels.
#include <cstdio>

#include "app/app.h"
#include "platform/platform.h"

namespace ll::platform {

namespace {

bool file_exists(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    std::fclose(f);
    return true;
}

// A font face plus Hangul (and optionally a third face for symbols the first lacks) merged into it.
ImFont* add_merged(const std::string& latin, const std::string& hangul, float px, const ImWchar* ranges, float oversample,
                   const std::string& extra = std::string()) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig cfg;
    cfg.OversampleH = int(oversample);
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    ImFont* f = io.Fonts->AddFontFromFileTTF(latin.c_str(), px, &cfg, ranges);
    if (!f) return nullptr;
    ImFontConfig merge = cfg;
    merge.MergeMode = true;
    // NanumGothic's Hangul sits slightly small beside DejaVu's tall Latin: enlarge it a touch.
    io.Fonts->AddFontFromFileTTF(hangul.c_str(), px * 1.08f, &merge, ranges);
    if (!extra.empty()) io.Fonts->AddFontFromFileTTF(extra.c_str(), px, &merge, ranges);
    return f;
}

}  // namespace

bool load_fonts(app::AppState& app, const Scales& s, const std::string& asset_dir, ImVector<ImWchar>& ranges,
                std::string& error) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    app.fonts = app::UiFonts();
    const std::string dir = asset_dir + "/fonts/";
    const std::string files[5] = {dir + "ui-latin.ttf", dir + "ui-latin-bold.ttf", dir + "ui-mono.ttf",
                                  dir + "ui-hangul.ttf", dir + "ui-hangul-bold.ttf"};
    for (const std::string& f : files) {
        if (!file_exists(f)) {
            error = "font file missing: " + f;
            io.Fonts->AddFontDefault();
            io.FontGlobalScale = 1.0f;
            return false;
        }
    }

    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());
    b.AddText(app::all_ui_text().c_str());
    // Every Hangul syllable: the atlas keeps only those the subset fonts hold (the UI's and the
    // built-in lessons' text, cmake/app.cmake), so this costs nothing and covers the lesson files.
    b.AddRanges(io.Fonts->GetGlyphRangesKorean());
    b.AddText("−×÷±≈≤≥…⌊⌋⌈⌉²³→←↑↓·•–—“”‘’°√∑Σ∞");
    ranges.clear();
    b.BuildRanges(&ranges);

    const float raster = s.fb * s.ui * app.ui_zoom;  // device pixels per logical pixel of text
    const float oversample = s.fb >= 1.5f ? 1.0f : 2.0f;
    app.fonts.body = add_merged(files[0], files[3], app::kFontSize * raster, ranges.Data, oversample);
    app.fonts.heading = add_merged(files[1], files[4], app::kHeadingSize * raster, ranges.Data, oversample);
    app.fonts.mono = add_merged(files[2], files[3], app::kFontSize * raster, ranges.Data, oversample, files[0]);
    if (!app.fonts.body || !app.fonts.heading || !app.fonts.mono || !io.Fonts->Build()) {
        error = "could not load the fonts in " + dir;
        io.Fonts->Clear();
        app.fonts = app::UiFonts();
        io.Fonts->AddFontDefault();
        io.FontGlobalScale = 1.0f;
        return false;
    }
    io.FontDefault = app.fonts.body;
    io.FontGlobalScale = 1.0f / s.fb;
    return true;
}

}  // namespace ll::platform
