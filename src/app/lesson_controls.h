// Control marks: a lesson step highlights, locks or hides controls by their key, without the labs
// knowing about lessons. A control's key is its label key (app.label("conv.kernel") -> "conv.kernel")
// or the id a widgets:: slider is given without its "##" ("##k" -> "k"). ImGui's item hooks (its test
// engine's, enabled in cmake/app.cmake) see every item as it is added: an item of a locked or hidden
// control is disabled before the widget reads the mouse; highlighted and hidden ones have their
// rectangles drawn over at the end of the frame.
#pragma once
#include <string>
#include <vector>

#include "imgui.h"

namespace ll::app::controls {

struct Marks {
    std::vector<std::string> highlight, lock, hide;
};

// Called at the start of a frame with the marks of the step shown (empty: nothing is marked).
void begin_frame(const Marks& marks);
// Draws the marks over the frame's windows (after every window, before ImGui::Render).
void end_frame(bool reduced_motion, float thickness);

// label() tells which key a label belongs to (i18n.cpp); widgets::slider_int opens a scope with its
// id, so the items inside it (the slider and its - and + buttons) belong to that control.
void note_label(const char* key, const char* label);
void begin_scope(const char* id);
void end_scope();

// A marked control drawn last frame: its key, screen rectangle (CSS-pixel space of ImGui) and mark.
struct Seen {
    std::string key;
    ImVec2 min, max;
    bool highlighted = false, locked = false, hidden = false;
};
const std::vector<Seen>& seen_last_frame();

}  // namespace ll::app::controls
