// The page layout of a lab: columns side by side when each gets its minimum width, else stacked in one
// column that scrolls as a whole (800x600, a projector at large text), so text never has to wrap
// one character per line. The controls column (the left one of every lab) can fold to a thin strip;
// the choice is one switch for all labs, AppState::shell.controls_folded, kept in storage.
#pragma once
#include <initializer_list>

#include "app/widgets/widgets.h"
#include "imgui.h"

namespace ll::app {

struct AppState;

namespace widgets {

// Whether columns of these minimum widths (logical pixels) fit side by side in avail, with gap between.
bool columns_fit(float avail, std::initializer_list<float> min_widths, float gap);

// A column: a child window `width` wide (0: the rest of the row) that scrolls by itself, or, stacked,
// a full-width group in the page's own scroll. flags are the child window's.
void begin_column(const char* id, float width, bool stacked, ImGuiWindowFlags flags = 0);
void end_column(bool stacked);
// Between columns: the next one beside (gap logical pixels), or below.
void next_column(bool stacked, float gap);

// The controls column, with its fold button; returns false when folded (only the strip with the
// unfold button was drawn: skip the controls). Always call end_controls_column.
bool begin_controls_column(AppState& app, float width, bool stacked);
void end_controls_column(bool stacked);
// The width the controls column takes when folded.
float folded_controls_width();

// A lab page of two columns: the controls (frac of the width, clamped to [min_em, max_em] text heights,
// folding; draw_controls() runs only when shown, with text wrapped at the column's edge), then the main
// column main_id begun, to be closed with end_column(returned stacked).
template <typename DrawControls>
bool lab_columns(AppState& app, float frac, float min_em, float max_em, float main_min_em, const char* main_id,
                 DrawControls&& draw_controls) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float left = ImClamp(avail * frac, em() * min_em, em() * max_em);
    const bool stacked = !columns_fit(avail, {em() * min_em, em() * main_min_em}, em());
    if (begin_controls_column(app, left, stacked)) {
        ImGui::PushTextWrapPos(0.0f);
        draw_controls();
        ImGui::PopTextWrapPos();
    }
    end_controls_column(stacked);
    next_column(stacked, em());
    begin_column(main_id, 0.0f, stacked);
    return stacked;
}

}  // namespace widgets
}  // namespace ll::app
