// The page layout of a lab: columns side by side when each gets its minimum width, else stacked in one
// column that scrolls as a whole (800x600, a projector at large text), so text never has to wrap
// one character per line. The controls column (the left one of every lab) can fold to a thin strip;
// the choice is one switch for all labs, AppState::shell.controls_folded, kept in storage.
#pragma once
#include <initializer_list>

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

}  // namespace widgets
}  // namespace ll::app
