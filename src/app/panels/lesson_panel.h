// The lesson player: a side panel beside the labs while a lesson is open (progress, the step's text,
// the checkpoint, previous / next / reset), and the Lessons menu (open a lesson or a lesson file,
// record the view as a step, download the lesson being written).
#pragma once
#include "imgui.h"

namespace ll::app {

struct AppState;

float lesson_panel_width(const AppState& app);  // 0 when no lesson is open
void draw_lesson_panel(AppState& app, ImVec2 pos, ImVec2 size);
void draw_lesson_menu(AppState& app);
// Why a lesson (a link, a file) could not be opened, while no lesson is open.
void draw_lesson_notice(AppState& app);
// PageDown / PageUp (and n / p when no text field has the keyboard) move between steps.
void lesson_keys(AppState& app);

}  // namespace ll::app
