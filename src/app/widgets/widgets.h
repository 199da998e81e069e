// Small widgets shared by the labs: headings, help markers, white "cards" sized to their content,
// labelled slider rows, number formatting and the palette the drawings use. Sizes scale with the
// font (em units), so the text-size setting and high-DPI screens keep the layout.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "app/host.h"
#include "imgui.h"
#include "imgui_internal.h"  // ImMin, ImMax, ImClamp

namespace ll::app {

struct AppState;

namespace colors {
constexpr int kPage = 0xF3F5F8;      // window background
constexpr int kCard = 0xFFFFFF;
constexpr int kCardBorder = 0xDCE1E7;
constexpr int kAccent = 0x3668D0;    // blue: sliders, the kernel window
constexpr int kMuted = 0x6B7785;     // secondary text
constexpr int kError = 0xC62828;
constexpr int kGood = 0x2E7D4F;
constexpr int kInputCell = 0xEAF1FB;
constexpr int kPadCell = 0xF1F2F4;
constexpr int kGridLine = 0xC9D2DD;
constexpr int kTap = 0x3668D0;
constexpr int kOutputCell = 0xE8F5EC;
constexpr int kDone = 0xBFE3CB;
constexpr int kCurrent = 0x2E9E5B;
constexpr int kStamp = 0xF0A33A;     // orange: transposed-conv stamp
constexpr int kKeptCell = 0xCFE3F5;  // Dropout's mask: a kept value
constexpr int kDroppedCell = 0x3B4350;  //                 a dropped one
}  // namespace colors

ImU32 col32(int hex, float alpha = 1.0f);
ImVec4 col4(int hex, float alpha = 1.0f);
float em();  // the current font size in logical pixels

namespace widgets {

// Seconds on a steady clock, for animations that ask for a frame only when their picture changes
// (ImGui's own time moves only in frames that are drawn).
inline double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// "(?)" that shows text in a wrapped tooltip when hovered.
void help_marker(const char* text);
void heading(const AppState& app, const char* text);   // larger bold line
// Text wrapped to the available width at blanks only (numbers never split), in the text colour,
// the muted colour, the error colour or any colour.
void text_wrapped(const char* text);
void colored_text_wrapped(int hex, const char* text);
void muted_text_wrapped(const char* text);
void error_text_wrapped(const char* text);
// An engine message (English): as it is in English; in Korean, the Korean explanation in the error
// colour with the English original under it in the muted colour (engine_message).
void engine_error(const AppState& app, const std::string& message);

// A white rounded panel sized to what is drawn between begin_card and end_card: the available
// width, or `width` logical pixels when given. Cards do not nest.
struct Card {
    float pad = 0.0f;       // inner padding
    float old_right = 0.0f; // the window's work-rect right edge before the card
    float right = 0.0f;     // the card's right edge (screen x)
};
Card begin_card(const char* id, float width = 0.0f);
void end_card(const Card& card);

// An integer slider with - and + beside it (one click, one step; held, they repeat), so a value can
// be set exactly even when the slider packs many values into few pixels. Hovering shows `hint`
// (set_slider_hint: "Ctrl+click to type a value"). width: the whole row, or the available width.
bool slider_int(const char* id, int* v, int lo, int hi, const char* fmt = "%d", ImGuiSliderFlags flags = 0,
                float width = 0.0f);
// The shell sets the hover text of slider_int in the UI's language once per frame.
void set_slider_hint(const char* hint);

// "Label ........ [-][====slider====][+]" rows with the label in a fixed-width column on the left.
void row_label(const char* text, float label_width);
bool slider_row(const char* label, const char* id, int* v, int lo, int hi, float label_width,
                const char* help = nullptr);

// Colour swatch plus text, for legends; legend_width is its width.
void legend_item(ImU32 fill, ImU32 border, const char* text, bool hatched = false);
float legend_width(const char* text);
// Continues the line if an item next_width wide still fits, else starts a new line (flow layout).
void flow_same_line(float next_width, float spacing = -1.0f);

// Diagonal hatching inside [lo, hi] (padding cells, cropped cells).
void hatch(ImDrawList* dl, ImVec2 lo, ImVec2 hi, ImU32 col, float spacing);

// A feature-map picture made by Host::image_update, drawn pixel_size logical pixels per value with a
// thin border.
void feature_map(Host& host, int image, float pixel_size);
// Smallest and largest value of channel c of t (last two dims H, W); lo = hi = 0 when empty.
void value_range(const Tensor& t, int channel, float& lo, float& hi);

// A polyline drawn in dashes of 7 px with gaps of 4 px (a second series of the same kind).
void polyline_dashed(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thick);

// 768000 -> "768,000"
std::string thousands(int64_t v);

}  // namespace widgets
}  // namespace ll::app
