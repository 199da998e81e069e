// Shared widgets: see widgets.h.
#include "app/widgets/widgets.h"

#include <cmath>
#include <cstring>

#include "app/app_state.h"
#include "app/lesson_controls.h"
#include "imgui_internal.h"

namespace ll::app {

ImU32 col32(int hex, float alpha) { return ImGui::ColorConvertFloat4ToU32(col4(hex, alpha)); }

ImVec4 col4(int hex, float alpha) {
    return ImVec4(float((hex >> 16) & 0xFF) / 255.0f, float((hex >> 8) & 0xFF) / 255.0f,
                  float(hex & 0xFF) / 255.0f, alpha);
}

float em() { return ImGui::GetFontSize(); }

namespace widgets {

void help_marker(const char* text) {
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(em() * 28.0f);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void heading(const AppState& app, const char* text) {
    if (app.fonts.heading) ImGui::PushFont(app.fonts.heading);
    ImGui::TextUnformatted(text);
    if (app.fonts.heading) ImGui::PopFont();
}

// ImGui's own wrapping may cut after any '.' or ',' ("0.\n9902", "[-1.\n46,"): these lines break at
// blanks only, so a number always stays whole; a word wider than the whole line is cut as ImGui would.
void text_wrapped(const char* text) {
    // An explicit PushTextWrapPos holds, as for ImGui::TextWrapped; else the column's right edge.
    const float wrap_pos = ImMax(ImGui::GetCurrentWindow()->DC.TextWrapPos, 0.0f);
    const float width = ImMax(ImGui::CalcWrapWidthForPos(ImGui::GetCursorScreenPos(), wrap_pos), 1.0f);
    const float scale = ImGui::GetFontSize() / ImGui::GetFont()->FontSize;
    const auto fits = [&](const char* a, const char* b) { return ImGui::CalcTextSize(a, b).x <= width; };
    ImGui::PushTextWrapPos(-1.0f);  // the lines below are cut already
    ImGui::BeginGroup();
    // Lines of one paragraph sit at the text's line height, as ImGui's own wrapped text does.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.0f));
    const char* end = text + std::strlen(text);
    for (const char* s = text; s <= end;) {
        const char* nl = static_cast<const char*>(std::memchr(s, '\n', size_t(end - s)));
        if (!nl) nl = end;
        const char* line = s;
        do {
            const char* cut = line;
            for (const char* p = line; p < nl;) {
                const char* w = p;
                while (w < nl && *w != ' ') ++w;
                if (!fits(line, w)) {
                    if (cut == line)  // one word wider than the line
                        cut = ImGui::GetFont()->CalcWordWrapPositionA(scale, line, w, width);
                    break;
                }
                cut = w;
                p = w;
                while (p < nl && *p == ' ') ++p;
            }
            if (cut == line && line < nl) cut = line + 1;  // always progress
            ImGui::TextUnformatted(line, cut);
            line = cut;
            while (line < nl && *line == ' ') ++line;
        } while (line < nl);
        s = nl + 1;
    }
    ImGui::PopStyleVar();
    ImGui::EndGroup();
    ImGui::PopTextWrapPos();
}

void colored_text_wrapped(int hex, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, col4(hex));
    text_wrapped(text);
    ImGui::PopStyleColor();
}

void muted_text_wrapped(const char* text) { colored_text_wrapped(colors::kMuted, text); }
void error_text_wrapped(const char* text) { colored_text_wrapped(colors::kError, text); }

void engine_error(const AppState& app, const std::string& message) {
    if (message.empty()) return;
    if (app.lang == Lang::En) {
        error_text_wrapped(message.c_str());
        return;
    }
    error_text_wrapped(engine_message(app.lang, message).c_str());
    muted_text_wrapped(message.c_str());
}

// Cards draw their content on channel 1 and, once its size is known, the background on channel 0.
// The window's work rectangle is narrowed while the card is open so wrapped text and full-width
// items stay inside the padding.
Card begin_card(const char* id, float width) {
    ImGui::PushID(id);
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    Card card;
    card.pad = em() * 0.9f;
    card.old_right = w->WorkRect.Max.x;
    const float x0 = ImGui::GetCursorScreenPos().x;
    card.right = width > 0.0f ? ImMin(x0 + width, w->WorkRect.Max.x) : w->WorkRect.Max.x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(0.0f, card.pad - ImGui::GetStyle().ItemSpacing.y));
    ImGui::Indent(card.pad);
    w->WorkRect.Max.x = card.right - card.pad;
    w->ContentRegionRect.Max.x = card.right - card.pad;
    ImGui::PushTextWrapPos(card.right - card.pad - w->Pos.x + w->Scroll.x);
    return card;
}

void end_card(const Card& card) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    ImGui::PopTextWrapPos();
    ImGui::Unindent(card.pad);
    // The bottom padding spans the card's width, so the group (the item) is as wide as the card.
    ImGui::Dummy(ImVec2(card.right - ImGui::GetCursorScreenPos().x, card.pad - ImGui::GetStyle().ItemSpacing.y));
    ImGui::EndGroup();
    w->WorkRect.Max.x = card.old_right;
    w->ContentRegionRect.Max.x = card.old_right;
    const ImVec2 lo = ImGui::GetItemRectMin();
    const ImVec2 hi(card.right, ImGui::GetItemRectMax().y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSetCurrent(0);
    const float r = ImGui::GetStyle().ChildRounding;
    dl->AddRectFilled(lo, hi, col32(colors::kCard), r);
    dl->AddRect(lo, hi, col32(colors::kCardBorder), r);
    dl->ChannelsMerge();
    ImGui::PopID();
}

void row_label(const char* text, float label_width) {
    const float x0 = ImGui::GetCursorScreenPos().x;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(0.0f, 0.0f);
    ImGui::SetCursorScreenPos(ImVec2(x0 + label_width, ImGui::GetCursorScreenPos().y));
}

namespace {
const char* g_slider_hint = "";  // a presentation detail like em(): the language's text, set per frame
}  // namespace

void set_slider_hint(const char* hint) { g_slider_hint = hint ? hint : ""; }

bool slider_int(const char* id, int* v, int lo, int hi, const char* fmt, ImGuiSliderFlags flags, float width) {
    controls::begin_scope(id);  // the slider and its - and + buttons are one control for a lesson
    ImGui::PushID(id);
    const float total = width > 0.0f ? width : ImGui::GetContentRegionAvail().x;
    const float bw = ImGui::GetFrameHeight();
    const float gap = ImGui::GetStyle().ItemInnerSpacing.x;
    const int before = *v;
    ImGui::PushButtonRepeat(true);
    ImGui::BeginDisabled(*v <= lo);
    if (ImGui::Button("-", ImVec2(bw, 0.0f))) --*v;
    ImGui::EndDisabled();
    ImGui::SameLine(0.0f, gap);
    ImGui::SetNextItemWidth(ImMax(total - 2.0f * (bw + gap), bw));
    ImGui::SliderInt("##s", v, lo, hi, fmt, flags | ImGuiSliderFlags_AlwaysClamp);
    if (ImGui::IsItemHovered() && !ImGui::IsItemActive() && *g_slider_hint) ImGui::SetTooltip("%s", g_slider_hint);
    ImGui::SameLine(0.0f, gap);
    ImGui::BeginDisabled(*v >= hi);
    if (ImGui::Button("+", ImVec2(bw, 0.0f))) ++*v;
    ImGui::EndDisabled();
    ImGui::PopButtonRepeat();
    ImGui::PopID();
    controls::end_scope();
    *v = ImClamp(*v, lo, hi);
    return *v != before;
}

bool slider_row(const char* label, const char* id, int* v, int lo, int hi, float label_width,
                const char* help) {
    row_label(label, label_width);
    // Every row keeps room for the help marker, so the sliders line up.
    const float help_w = ImGui::CalcTextSize("(?)").x + ImGui::GetStyle().ItemSpacing.x;
    const bool changed = slider_int(id, v, lo, hi, "%d", 0, ImGui::GetContentRegionAvail().x - help_w);
    if (help) {
        ImGui::SameLine();
        help_marker(help);
    }
    return changed;
}

void legend_item(ImU32 fill, ImU32 border, const char* text, bool hatched) {
    const float s = em() * 0.8f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float y = p.y + (ImGui::GetTextLineHeight() - s) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + s, y + s), fill, 2.0f);
    if (hatched) hatch(dl, ImVec2(p.x, y), ImVec2(p.x + s, y + s), col32(colors::kGridLine), s * 0.3f);
    dl->AddRect(ImVec2(p.x, y), ImVec2(p.x + s, y + s), border, 2.0f);
    ImGui::Dummy(ImVec2(s, ImGui::GetTextLineHeight()));
    ImGui::SameLine(0.0f, em() * 0.35f);
    ImGui::TextUnformatted(text);
}

void hatch(ImDrawList* dl, ImVec2 lo, ImVec2 hi, ImU32 col, float spacing) {
    if (spacing < 2.0f) spacing = 2.0f;
    dl->PushClipRect(lo, hi, true);
    const float h = hi.y - lo.y;
    for (float x = lo.x - h; x < hi.x; x += spacing) dl->AddLine(ImVec2(x, hi.y), ImVec2(x + h, lo.y), col, 1.0f);
    dl->PopClipRect();
}

void feature_map(Host& host, int image, float pixel_size) {
    int w = 0, h = 0;
    host.image_size(image, w, h);
    if (w <= 0 || h <= 0) return;
    const ImVec2 size(float(w) * pixel_size, float(h) * pixel_size);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Image(host.image_texture(image), size);
    ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + size.x + 1, p.y + size.y + 1),
                                        col32(colors::kGridLine));
}

void value_range(const Tensor& t, int channel, float& lo, float& hi) {
    lo = hi = 0.0f;
    if (t.ndim() < 2) return;
    const size_t hw = size_t(t.dim(-2)) * size_t(t.dim(-1));
    const size_t off = size_t(channel) * hw;
    if (hw == 0 || off + hw > t.numel()) return;
    lo = hi = t[off];
    for (size_t i = off; i < off + hw; ++i) {
        lo = ImMin(lo, t[i]);
        hi = ImMax(hi, t[i]);
    }
}

float legend_width(const char* text) { return em() * 1.15f + ImGui::CalcTextSize(text).x; }

void flow_same_line(float next_width, float spacing) {
    const float gap = spacing >= 0.0f ? spacing : ImGui::GetStyle().ItemSpacing.x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + gap + next_width <= right) ImGui::SameLine(0.0f, gap);
}

void polyline_dashed(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thick) {
    const float on = 7.0f, off = 4.0f;
    float phase = 0.0f;  // distance along the current dash or gap
    bool drawing = true;
    for (size_t i = 1; i < pts.size(); ++i) {
        ImVec2 a = pts[i - 1];
        const ImVec2 b = pts[i];
        float len = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
        while (len > 0.0f) {
            const float left = (drawing ? on : off) - phase;
            const float step = ImMin(left, len);
            const float t = step / len;
            const ImVec2 c(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            if (drawing) dl->AddLine(a, c, col, thick);
            phase += step;
            len -= step;
            a = c;
            if (phase >= (drawing ? on : off)) {
                phase = 0.0f;
                drawing = !drawing;
            }
        }
    }
}

std::string thousands(int64_t v) {
    std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return v < 0 ? "-" + out : out;
}

}  // namespace widgets
}  // namespace ll::app
