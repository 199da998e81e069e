// The app's entry points, called by the platform layer (src/platform/platform_glfw.cpp).
#pragma once
#include <string>

#include "app/app_state.h"

namespace ll::app {

// Creates the labs and restores the view from the URL hash, else local storage.
void app_init(AppState& app, Host& host);
// One frame: apply requests, give the active lab its compute budget, draw the whole window.
// Call between ImGui::NewFrame() and ImGui::Render().
void app_frame(AppState& app);
// Applies and clears app.requests (app_frame does this first; the automation API right away, so a
// call's effect is visible to the next call).
void app_apply_requests(AppState& app);
// Whether the next frame needs drawing: recent input or requests (app.redraw), the active lab's
// animation or job, or a view state still waiting to be saved. The platform skips idle frames.
bool app_wants_frames(const AppState& app);
// Called by the platform on any input event (mouse, keys, resize): draw the next few frames.
inline void app_wake(AppState& app) { app.redraw = 4; }
// Saves the view state now (the desktop calls it when the window closes).
void app_shutdown(AppState& app);
// "Copy link": saves the view to the address and puts the address on the clipboard (the menu item and
// the automation API's copyLink). Returns whether the clipboard took it.
bool app_copy_link(AppState& app);

// Tells the screen reader what changed (Host::announce): the lesson step, a checkpoint's verdict, or the
// Network lab's stepper position, once per change, in the current language (narration.cpp).
void app_narrate(AppState& app);

// The view state as the URL holds it ("lab=arithmetic&k=5&..."), and window.layerlab.state()'s report.
std::string app_view_state(const AppState& app);
Json app_state_report(const AppState& app);

// The automation API (window.layerlab in the browser): method name and JSON argument in, a JSON
// reply out: {"ok":true,"result":...} or {"ok":false,"error":"..."}. Called between frames.
// A file the user picked or dropped: taken by the Detection lab when it is the active lab and the file is
// JSON (a COCO annotation file, then a results list); false when no lab took it (an input picture).
bool app_open_file(AppState& app, const std::string& path);

std::string app_call(AppState& app, const std::string& method, const std::string& args_json);

// Colours, rounding and spacing of the UI, scaled for the text size (theme.cpp).
// high_contrast (projector mode): darker text and borders, thicker frames, for a washed-out projector.
void app_style(ImGuiStyle& style, float scale, bool high_contrast = false);
// Font sizes in logical pixels at zoom 1.
constexpr float kFontSize = 16.0f;
constexpr float kHeadingSize = 19.0f;

}  // namespace ll::app
